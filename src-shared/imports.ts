// Shared types of the import mechanism: per-file statuses and per-record problems, as the journal and the screens show them.

/** A record a format skipped or kept with a flag, and why (a code the renderer translates). */
export interface ImportProblem {
  /** 1-based position of the record in its file; null for the file as a whole. */
  record: number | null;
  code: string;
  /** Machine detail (a system number, a field name), not a sentence. */
  detail?: string;
}

/** What became of one file of a batch. A format may add its own refusal (e.g. `too_old`). */
export type ImportFileStatus =
  | 'pending'
  | 'applied'
  | 'staged'
  | 'duplicate'
  | 'unknown_format'
  | 'malformed'
  | 'too_large'
  | 'timeout'
  | 'failed'
  | 'discarded'
  | (string & {});

/** A batch as the journal lists it. */
export interface ImportBatchRow {
  id: number;
  source: 'upload' | 'folder' | 'cli';
  folder: string | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  state: 'queued' | 'running' | 'done';
  filesTotal: number;
  filesDone: number;
  added: number;
  skipped: number;
  flagged: number;
  /** Files refused or failed (not applied, not duplicates). */
  refused: number;
}

/** One file of a batch. */
export interface ImportResultRow {
  id: number;
  parentId: number | null;
  name: string;
  kind: string | null;
  status: ImportFileStatus;
  added: number;
  skipped: number;
  flagged: number;
  problems: ImportProblem[];
  problemCount: number;
  sha256: string | null;
  size: number | null;
  /** The staged records waiting for review, for status `staged`. */
  stageId: number | null;
}

export interface ImportBatchDetail extends ImportBatchRow {
  options: Record<string, unknown>;
  results: ImportResultRow[];
}

export interface ImportFolderRow {
  id: number;
  path: string;
  label: string | null;
  enabled: boolean;
  employeeId: number | null;
  employeeName: string | null;
  /** Whether the server can read the folder now. */
  readable: boolean;
}

/** What an upload answers: the stored file, named by its hash. */
export interface UploadedFile {
  sha256: string;
  size: number;
  name: string;
  /** Whether these bytes were imported (or refused) before: importing them again changes nothing. */
  seen: boolean;
}
