// Shared types of the ГЛ call list import (`nss.calls`): mapped fields, row states, the review and the person's decisions.

/** Columns a call list can have: a date and a time, or one date-time column; the phone and/or the kit; who; how long. */
export const NSS_CALL_FIELDS = ['date', 'time', 'datetime', 'phone', 'kit', 'employee', 'duration'] as const;
export type NssCallField = (typeof NSS_CALL_FIELDS)[number];
/** { field: 0-based column index } */
export type NssCallMapping = Partial<Record<NssCallField, number>>;

/**
 * `matched` (one client), `ambiguous` (several clients), `unmatched` (none), `duplicate` (the same call — client,
 * instant, duration — already recorded or earlier in the file), `invalid` (a bad date, time or duration).
 */
export const NSS_CALL_ROW_STATES = ['matched', 'ambiguous', 'unmatched', 'duplicate', 'invalid'] as const;
export type NssCallRowState = (typeof NSS_CALL_ROW_STATES)[number];

/** How a row was matched: the kit, the phone, or by a person. */
export const NSS_CALL_MATCH_BY = ['kit', 'phone', 'hand'] as const;
export type NssCallMatchBy = (typeof NSS_CALL_MATCH_BY)[number];

export interface NssCallClientRef {
  id: number;
  name: string;
}

export interface NssCallReviewRow {
  /** 1-based position among the data rows (the header is not counted). */
  row: number;
  values: {
    /** YYYY-MM-DD and HH:MM:SS as read (null when missing or not readable). */
    date: string | null;
    time: string | null;
    phone: string | null;
    kit: string | null;
    employee: string | null;
    durationSec: number | null;
  };
  state: NssCallRowState;
  client: NssCallClientRef | null;
  by: NssCallMatchBy | null;
  candidates: NssCallClientRef[];
  /** The employee the operator's name names; null with a name = kept in the record's comment. */
  employee: { id: number; name: string } | null;
  /** `duplicate`: the earlier row of the file with the same call (null = already recorded in the base). */
  otherRow: number | null;
  /** `invalid`: `date_invalid`, `time_invalid`, `duration_invalid`, `date_missing`. */
  problem: string | null;
  /** Left out by the person. */
  skipped: boolean;
}

export interface NssCallsDecisions {
  mapping: NssCallMapping;
  /** Rows matched by hand. */
  matches?: { row: number; clientId: number }[];
  /** Rows not to load. */
  skip?: number[];
}

export interface NssCallsReview {
  stageId: number;
  /** `staged` | `applied` | `discarded` */
  stageState: string;
  fileName: string;
  headers: string[];
  sample: string[][];
  mapping: NssCallMapping;
  /** `remembered` (this layout was mapped before), `guessed` (from header words), `given` (the request's). */
  mappingSource: 'remembered' | 'guessed' | 'given';
  /** `date_missing`, `client_key_missing` (neither phone nor kit), `column_out_of_range`. */
  mappingErrors: string[];
  /** How the duration column is read: `seconds`, `minutes`, `clock` (mm:ss / hh:mm:ss), null without the column. */
  durationUnit: 'seconds' | 'minutes' | 'clock' | null;
  total: number;
  counts: Record<NssCallRowState, number>;
  skippedCount: number;
  /** Rows neither matched nor left out: apply refuses while any remain. */
  open: number;
  /** Rows whose operator is not an employee (kept with the name in the comment). */
  unknownEmployees: number;
  rows: NssCallReviewRow[];
}
