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
