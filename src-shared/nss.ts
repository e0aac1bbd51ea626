// Shared types of НСС service: record kinds, seminars, cycles, the plan settings, the НСС report and the monthly КЦ report.

/** Recorded service (`nss_records.kind`). ГЛ calls, personal manager calls and meetings, СИО visits, other contacts. */
export const NSS_RECORD_KINDS = ['gl_call', 'pm_call', 'pm_meeting', 'sio_visit', 'contact'] as const;
export type NssRecordKind = (typeof NSS_RECORD_KINDS)[number];

export const NSS_RECORD_SOURCES = ['manual', 'bulk', 'import'] as const;
export type NssRecordSource = (typeof NSS_RECORD_SOURCES)[number];

/** What a client's kits are today: only НСС, only standard, both. */
export type NssMix = 'nss' | 'standard' | 'mixed' | 'none';

export const NSS_SEMINAR_FORMATS = ['online', 'offline'] as const;
export type NssSeminarFormat = (typeof NSS_SEMINAR_FORMATS)[number];

/** Recorded cycle states; `ahead` / `due` are read from the end date. */
export const NSS_CYCLE_STATES = ['active', 'renewed', 'lapsed'] as const;
export type NssCycleState = (typeof NSS_CYCLE_STATES)[number];
/** What a cycle shows: an active cycle is `ahead` until it is within the «due» window, then `due`; past its end, `overdue`. */
export type NssCycleView = 'ahead' | 'due' | 'overdue' | 'renewed' | 'lapsed';

export interface NssPlan {
  /** At least this many contacts a month. */
  contactsPerMonth: number;
  /** No gap between contacts longer than this many days. */
  maxGapDays: number;
}

/** Kept as JSON in `settings` under `nss`. */
export interface NssSettings {
  plans: { nss: NssPlan; standard: NssPlan };
  /** A cycle ending within this many days is «due» for renewal; the report lists cycles ending within it. */
  cycleDueDays: number;
  /** In the comparison with last month's КЦ report, a figure that changed by at least this share (%) is a big change. */
  bigChangePct: number;
}

export const DEFAULT_NSS_SETTINGS: NssSettings = {
  plans: { nss: { contactsPerMonth: 2, maxGapDays: 30 }, standard: { contactsPerMonth: 1, maxGapDays: 60 } },
  cycleDueDays: 30,
  bigChangePct: 50,
};

export interface NssRecordItem {
  id: number;
  kind: NssRecordKind;
  clientId: number;
  clientName: string;
  distributionId: number | null;
  kit: string | null;
  contactId: number | null;
  contactName: string | null;
  employeeId: number | null;
  employeeName: string | null;
  at: string;
  onDate: string;
  /** HH:MM of `at` in the РИЦ zone. */
  time: string;
  durationSec: number | null;
  count: number;
  comment: string | null;
  usrUpdate: string | null;
  source: NssRecordSource;
  phone: string | null;
}

export interface NssSeminar {
  id: number;
  title: string;
  startsAt: string;
  onDate: string;
  format: NssSeminarFormat;
  capacity: number | null;
  place: string | null;
  note: string | null;
  registered: number;
  attended: number;
}

export interface NssSeminarPerson {
  id: number;
  seminarId: number;
  clientId: number;
  clientName: string;
  contactId: number | null;
  fio: string;
  attended: boolean;
  registeredAt: string;
}

export interface NssCycle {
  id: number;
  clientId: number;
  startsOn: string;
  endsOn: string;
  state: NssCycleState;
  view: NssCycleView;
  renewedBy: number | null;
  renewedOn: string | null;
  lapseReason: string | null;
  specificationId: number | null;
  comment: string | null;
  distributions: { id: number; kit: string }[];
}

/** The report's grouping: per client, per СИО, per personal manager. */
export const NSS_REPORT_GROUPS = ['client', 'sio', 'pm'] as const;
export type NssReportGroup = (typeof NSS_REPORT_GROUPS)[number];

/** The figures of one report row (a client, or the sum over a СИО's or personal manager's clients). */
export interface NssFigures {
  contacts: number;
  glCalls: number;
  glMinutes: number;
  lk: number;
  chats: number;
  pmContacts: number;
  sioVisits: number;
  seminars: number;
  otherContacts: number;
}

export interface NssClientRow extends NssFigures {
  clientId: number;
  name: string;
  sioName: string | null;
  pmName: string | null;
  mix: NssMix;
  nssKits: number;
  /** Months of the period in which the client was НСС. */
  months: number;
  /** Contacts per month over those months, and the plan. */
  perMonth: number;
  planPerMonth: number;
  /** Months below the plan. */
  monthsBelowPlan: number;
  lastContactOn: string | null;
  /** Days from the last contact to the period's end (or today when the period reaches today); null: none ever. */
  daysSinceContact: number | null;
  /** The longest gap between contacts within the period (period start and end count as edges). */
  maxGapDays: number;
  /** Red: a gap longer than the plan allows. */
  overGap: boolean;
  cycleEndsOn: string | null;
  cycleView: NssCycleView | null;
}

export interface NssStaffRow extends NssFigures {
  employeeId: number | null;
  name: string;
  clients: number;
  contactsPerWeek: number;
  overGapClients: number;
  cyclesDue: number;
}

export interface NssReportTotals extends NssFigures {
  clients: number;
  overGapClients: number;
  cyclesDue: number;
  contactsPerWeek: number;
}

/** Per month of the period, for the chart. */
export interface NssMonthPoint {
  month: string;
  clients: number;
  contacts: number;
  glCalls: number;
  lk: number;
  chats: number;
}

export interface NssColumnDoc {
  key: string;
  formula: string;
  sources: string[];
}

/** The monthly report to the КЦ: one row per НСС client. */
export interface NssKcRow {
  /** The client in the base (not a column of the file; for links and the comparison's names). */
  clientId: number;
  inn: string;
  kpp: string;
  name: string;
  /** Kits НСС on the month's last day as `formatDistr` writes them (`SKJP_001001`), joined by `, `. */
  kits: string;
  nssKits: number;
  contacts: number;
  glCalls: number;
  lk: number;
  chats: number;
  seminars: number;
  sioVisits: number;
  pmContacts: number;
  lastContactOn: string;
  sio: string;
  pm: string;
  cycleEndsOn: string;
}

/** Problem codes of the КЦ report check (NssKcProblem.code). All are errors: saving is refused while any remains. */
export const NSS_KC_PROBLEMS = ['no_inn', 'bad_inn', 'no_kpp', 'bad_kpp', 'no_kits', 'kits_not_nss', 'no_sio', 'totals'] as const;
export type NssKcProblemCode = (typeof NSS_KC_PROBLEMS)[number];

export interface NssKcProblem {
  clientId: number | null;
  name: string;
  /** no_inn | bad_inn | no_kpp | bad_kpp | no_kits | kits_not_nss | no_sio | totals (NSS_KC_PROBLEMS) */
  code: string;
  /** The card tab where it is fixed (#/clients/<id>/<tab>); absent for a problem of the whole file. */
  fixTab?: 'general' | 'requisites' | 'distributions';
}

/** The figures the comparison with last month's report looks at (and the file's totals sum). */
export const NSS_KC_FIGURES = ['nssKits', 'contacts', 'glCalls', 'lk', 'chats', 'seminars', 'sioVisits', 'pmContacts'] as const;
export type NssKcFigure = (typeof NSS_KC_FIGURES)[number];

/** The figures of the КЦ file summed over its rows. */
export type NssKcTotals = { rows: number } & Record<NssKcFigure, number>;

export interface NssKcDiff {
  /** The month of the report compared with (null: none saved yet). */
  previousMonth: string | null;
  previousId: number | null;
  added: { inn: string; kpp: string; name: string }[];
  gone: { inn: string; kpp: string; name: string }[];
  changed: { inn: string; kpp: string; name: string; field: string; before: number; after: number }[];
  /** Full counts (the lists in a preview may be cut to NSS_KC_DIFF_SHOWN). */
  counts?: { added: number; gone: number; changed: number };
  /** The «big change» threshold (%) the comparison used. */
  bigChangePct?: number;
}

/** How many entries of each difference list a preview carries. */
export const NSS_KC_DIFF_SHOWN = 500;
/** How many problems a preview lists (the count is always whole). */
export const NSS_KC_PROBLEMS_SHOWN = 1000;

/** `nss.kc.preview`: the month's file as it would be saved; nothing written. */
export interface NssKcPreview {
  month: string;
  format: string;
  fileName: string;
  /** SHA-256 of the file as it would be saved: `nss.kc.save` given it saves this file or nothing. */
  fileHash: string;
  total: number;
  offset: number;
  rows: NssKcRow[];
  totals: NssKcTotals;
  problems: NssKcProblem[];
  problemCount: number;
  diff: NssKcDiff;
}

/** `nss.kc.get`: one archived report exactly as saved. */
export interface NssKcReportDetail extends NssKcArchiveItem {
  format: string;
  /** The latest saved report of its month. */
  latest: boolean;
  total: number;
  offset: number;
  rows: NssKcRow[];
  totals: NssKcTotals;
  diff: NssKcDiff;
}

export interface NssKcArchiveItem {
  id: number;
  month: string;
  fileName: string;
  rowCount: number;
  createdAt: string;
  createdBy: string | null;
  sha256: string;
  /** The latest saved report of its month (a later save is a corrected report). */
  latest?: boolean;
}
