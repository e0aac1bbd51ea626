// Shared types of Главбух certification: statuses, the fields of a certified list, programmes and their request rules.

/** What was recorded; `expired` is also what a `certified` certificate reads as once its `validUntil` has passed. */
export const GB_STATUSES = ['requested', 'certified', 'expired', 'revoked'] as const;
export type GbStatus = (typeof GB_STATUSES)[number];

export const GB_SOURCES = ['import', 'request', 'manual'] as const;
export type GbSource = (typeof GB_SOURCES)[number];

/** Fields a column of a certified list can be mapped to. `number` and one of `inn` / `distr` / `name` are required. */
export const GB_LIST_FIELDS = ['inn', 'kpp', 'name', 'distr', 'number', 'issued_on', 'valid_until', 'status', 'contact', 'programme'] as const;
export type GbListField = (typeof GB_LIST_FIELDS)[number];
/** { field: 0-based column index } */
export type GbMapping = Partial<Record<GbListField, number>>;

/** Fields a programme's rules can require of a client in a certification request. */
export const GB_RULE_FIELDS = ['name', 'inn', 'kpp', 'contact', 'email', 'phone', 'distribution'] as const;
export type GbRuleField = (typeof GB_RULE_FIELDS)[number];

export interface GbProgramme {
  /** Short code, upper case Latin or digits (`GB`); what certificates and requests keep. */
  code: string;
  /** The name people see («Главбух»). */
  name: string;
  /** Required fields of a request (ИНН is also checked by its check digits, КПП only for organisations). */
  required: GbRuleField[];
  /** How long a new certificate is valid when a list gives no date, in months. */
  validityMonths: number;
  /** The contact role whose person the certificate and the request name (`chief_accountant`). */
  contactRole: string;
}

/** Kept as JSON in `settings` under `glavbukh`. */
export interface GbSettings {
  programmes: GbProgramme[];
  /** «Истекает в течение N дней» default in lists and on the card. */
  expiringDays: number;
}

export const DEFAULT_GB_SETTINGS: GbSettings = {
  programmes: [
    {
      code: 'GB',
      name: 'Главбух',
      required: ['name', 'inn', 'kpp', 'contact', 'email', 'phone', 'distribution'],
      validityMonths: 12,
      contactRole: 'chief_accountant',
    },
  ],
  expiringDays: 30,
};

/** A client's current certificate of a programme, as the card header and the lists show it. */
export interface GbBadge {
  programme: string;
  status: GbStatus;
  number: string | null;
  validUntil: string | null;
}

/** Client events written by certification (the renderer turns them into text). */
export const GB_EVENT_KINDS = ['gb_requested', 'gb_certified', 'gb_updated', 'gb_revoked'] as const;

/** The certificate number as compared for uniqueness: trimmed, upper case, no spaces of any kind. */
export function normaliseCertNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

// ── Certified lists: the review of a staged list (contract between the `glavbukh.list` format and the review screen) ──

/**
 * How a row of a staged list stands before apply:
 * - `matched`: one client found (`by` says how) and the row can be written;
 * - `same`: matched, and that client already has exactly this certificate (applying changes nothing);
 * - `ambiguous`: several clients fit (`candidates`), a person picks one or leaves the row out;
 * - `unmatched`: no client fits, a person picks one or leaves the row out;
 * - `duplicate`: the number is held by another client in the base (`holder`), or another row of the list gives it to
 *   another client (`otherRow`) — left out, or matched by hand to the holder;
 * - `invalid`: the row cannot be written as it is (`problem`: `number_missing`, `date_invalid`, `status_unknown`,
 *   `programme_unknown`) — left out only.
 * Apply writes every row that is not left out; it refuses the whole list while any row that is not left out is anything
 * but `matched` / `same`.
 */
export const GB_ROW_STATES = ['matched', 'same', 'ambiguous', 'unmatched', 'duplicate', 'invalid'] as const;
export type GbRowState = (typeof GB_ROW_STATES)[number];

/** How a row was matched: ИНН + КПП, ИНН alone (one client has it), a distribution number, the name; `hand` = by a person. */
export const GB_MATCH_BY = ['inn_kpp', 'inn', 'distr', 'name', 'hand'] as const;
export type GbMatchBy = (typeof GB_MATCH_BY)[number];

export interface GbClientRef {
  id: number;
  name: string;
  inn: string | null;
  kpp: string | null;
}

/** One data row of a staged list as the current mapping reads it. */
export interface GbReviewRow {
  /** 1-based position among the data rows (the header is not counted). */
  row: number;
  values: { inn: string | null; kpp: string | null; name: string | null; distr: string | null; number: string | null; issuedOn: string | null; validUntil: string | null; status: GbStatus | null; contact: string | null; programme: string | null };
  state: GbRowState;
  /** The client the row will be written to (matched, same, or matched by hand). */
  client: GbClientRef | null;
  by: GbMatchBy | null;
  candidates: GbClientRef[];
  /** `duplicate`: who holds the number in the base, or the other row giving it to another client. */
  holder: GbClientRef | null;
  otherRow: number | null;
  problem: string | null;
  /** Left out by the person. */
  skipped: boolean;
}

/** The person's decisions on a staged list, sent to `imports.stage.apply` (and to the review, to see their effect). */
export interface GbListDecisions {
  mapping: GbMapping;
  /** The programme of rows whose list has no programme column (default: the first programme of the settings). */
  programme?: string;
  /** Rows matched by hand. */
  matches?: { row: number; clientId: number }[];
  /** Rows left out. */
  skip?: number[];
}

export interface GbListReview {
  stageId: number;
  /** `staged` | `applied` | `discarded` */
  stageState: string;
  fileName: string;
  /** The header row as the file has it, and the first data rows (for mapping). */
  headers: string[];
  sample: string[][];
  mapping: GbMapping;
  /** `remembered` (this layout was mapped before), `guessed` (from header words), `given` (the request's). */
  mappingSource: 'remembered' | 'guessed' | 'given';
  /** What keeps the mapping from being usable: `number_missing`, `key_missing` (none of ИНН / distribution / name). */
  mappingErrors: string[];
  programme: string;
  total: number;
  /** Rows per state, rows left out included (they keep their state). */
  counts: Record<GbRowState, number>;
  skippedCount: number;
  /** Rows that keep the list from being applied: not left out, and neither `matched` nor `same`. */
  open: number;
  /** The requested page of rows (filtered by state when asked). */
  rows: GbReviewRow[];
}
