// Shared types of USR proof on the client card, the USR settings and housekeeping of stored USR files.

/** USR settings kept in `settings` under `usr`. */
export interface UsrSettings {
  /** A kit whose newest proven update is older than this many days is flagged (the РИЦ rule: 14). */
  staleDays: number;
  /** Stored USR files older than this many years (by the file's date) may be removed; null keeps all. */
  retentionYears: number | null;
}

export const DEFAULT_USR_SETTINGS: UsrSettings = { staleDays: 14, retentionYears: null };
export const USR_STALE_DAYS_MAX = 3650;

/** The client list's USR filter: newest proven update older than N days, or no proof at all (active distributions). */
export const USR_FILTERS = ['stale', 'none'] as const;
export type UsrFilter = (typeof USR_FILTERS)[number];
export const USR_RETENTION_YEARS_MAX = 100;

/** The newest proven update of one information bank of a kit. */
export interface UsrBankLast {
  code: string;
  name: string | null;
  /** YYYY-MM-DD */
  lastUpdate: string | null;
  docs: number | null;
}

/** One stored USR file naming a kit. */
export interface UsrFileItem {
  id: number;
  name: string;
  /** The file's own date (local wall time `YYYY-MM-DDTHH:MM:SS` or YYYY-MM-DD); null when it had none. */
  fileAt: string | null;
  importedAt: string;
  newestUpdate: string | null;
  size: number;
  /** Housekeeping removed the bytes: the facts stay, the download does not. */
  purged: boolean;
}

/** The USR proof of one distribution of the client. */
export interface UsrDistributionProof {
  distributionId: number;
  systemCode: string;
  distrNumber: number;
  comp: number;
  state: string;
  /** Whether any USR file ever named the kit. */
  hasFiles: boolean;
  lastFile: { id: number; name: string; fileAt: string | null } | null;
  /** Newest proven update of any bank (YYYY-MM-DD). */
  lastUpdate: string | null;
  /** Days from the newest update to today in the РИЦ's calendar; null without an update. */
  ageDays: number | null;
  /** ageDays > the limit (or no proven update at all while files exist). */
  stale: boolean;
  banks: UsrBankLast[];
  /** Newest first, at most USR_CARD_FILES; `fileCount` is the full count. */
  files: UsrFileItem[];
  fileCount: number;
}

export const USR_CARD_FILES = 100;

export interface UsrCard {
  today: string;
  staleDays: number;
  distributions: UsrDistributionProof[];
}

export interface UsrStorageYear {
  /** The year of the file's date (or of its import when the file had no date). */
  year: string;
  files: number;
  bytes: number;
  purged: number;
}

export interface UsrHousekeepingSummary {
  files: number;
  /** Bytes of USR files still in the store (each stored file counted once). */
  bytes: number;
  purged: number;
  years: UsrStorageYear[];
  retentionYears: number | null;
}

export interface UsrPurgeCandidate {
  id: number;
  name: string;
  fileAt: string | null;
  size: number;
  /** The kits the file names, `CODE distr[/comp]`. */
  kits: string[];
}

export interface UsrPurgePlan {
  retentionYears: number | null;
  /** Files dated before this day are candidates (YYYY-MM-DD); null when retention keeps all. */
  before: string | null;
  total: number;
  bytes: number;
  /** At most USR_PLAN_LIST of them, oldest first. */
  items: UsrPurgeCandidate[];
}

export const USR_PLAN_LIST = 500;

export interface UsrPurgeResult {
  purged: number;
  bytes: number;
}
