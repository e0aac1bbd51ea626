// Shared types of the USR reports «ОПКН» and «Обслуживание клиента (OLAP)» and of their USR export (ZIP with a manifest).

export type UsrScheme = 'nss' | 'standard';

export const USR_SCHEME_LABELS: Record<UsrScheme, string> = { nss: 'НСС', standard: 'Стандарт' };

/** One serviced kit of «ОПКН». */
export interface OpknRow {
  distributionId: number;
  clientId: number;
  clientName: string;
  inn: string | null;
  sioId: number | null;
  sioName: string | null;
  /** The kit as the base writes it: system code, distribution number, computer. */
  systemCode: string;
  distrNumber: number;
  comp: number;
  /** The scheme on the period's last day. */
  scheme: UsrScheme;
  /** Update sessions in the period (distinct dates on which any bank of the kit was updated). */
  sessions: number;
  /** Proven updates in the period ((bank, date) entries). */
  updates: number;
  /** The newest proven update on or before the period's last day; null when none is known. */
  lastUpdate: string | null;
  /** No proven update inside the period. */
  noProof: boolean;
}

export interface OpknSioTotal {
  sioId: number | null;
  sioName: string | null;
  kits: number;
  withProof: number;
  noProof: number;
  sessions: number;
}

export interface OpknReport {
  rows: OpknRow[];
  totals: OpknSioTotal[];
  /** Rows over the screen's limit were left out (the totals, XLSX, PDF and ZIP count them all). */
  total: number;
}

/** One kit row of the OLAP pivot: sessions per month of the range (null where the kit's scheme does not pass the filter). */
export interface UsrOlapRow {
  distributionId: number;
  clientId: number;
  clientName: string;
  inn: string | null;
  isKey: boolean;
  sioId: number | null;
  sioName: string | null;
  systemCode: string;
  distrNumber: number;
  comp: number;
  cells: (number | null)[];
  total: number;
}

export interface UsrOlapReport {
  /** YYYY-MM, the pivot's columns. */
  months: string[];
  rows: UsrOlapRow[];
  /** Sessions per month over every row (including rows past the screen's limit). */
  monthTotals: number[];
  total: number;
  truncated: boolean;
}

/** A file proving a pivot cell. */
export interface UsrProofFile {
  usrFileId: number;
  name: string;
  fileAt: string | null;
  purged: boolean;
}

/** Progress of a USR export, pushed to the screen that asked for it. */
export interface UsrZipProgress {
  jobId: string;
  employeeId: number;
  state: 'running' | 'done' | 'failed';
  filesDone: number;
  filesTotal: number;
  /** Set when done: the one-time download path (GET) and the archive's name and size. */
  url: string | null;
  name: string | null;
  bytes: number | null;
}
