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
  /** The programme's name from the settings, when the settings still have it. */
  name?: string;
}

/** Client events written by certification (the renderer turns them into text). */
export const GB_EVENT_KINDS = ['gb_requested', 'gb_certified', 'gb_updated', 'gb_revoked'] as const;

/** The certificate number as compared for uniqueness: trimmed, upper case, no spaces of any kind. */
export function normaliseCertNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** The client list's Главбух filter: the current certificate's status today (`expiring` = certified, ending within N days). */
export const GB_FILTERS = ['certified', 'expiring', 'expired', 'requested', 'revoked', 'none'] as const;
export type GbFilter = (typeof GB_FILTERS)[number];
export const GB_DAYS_MAX = 3650;

/** One certificate on the card's Главбух tab, with the status it reads as today. */
export interface GbCertificateItem {
  id: number;
  programme: string;
  /** As recorded. */
  recordedStatus: GbStatus;
  /** As it reads today (a certified one past its date is expired). */
  status: GbStatus;
  number: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  contact: { id: number; name: string } | null;
  source: GbSource;
  /** The certified list it came from. */
  sourceFile: { id: number; name: string } | null;
  requestId: number | null;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface GbCard {
  certificates: GbCertificateItem[];
  /** The current certificate per programme (none for a programme with only revoked ones). */
  badges: GbBadge[];
  /** Programmes of the settings (code, name) for the form. */
  programmes: { code: string; name: string }[];
  expiringDays: number;
  /** Contact persons of the client for the form. */
  contacts: { id: number; name: string }[];
}

/** The badge's state on a day: `expiring` when a certified one ends within `expiringDays`. */
export function gbBadgeState(b: GbBadge, today: string, expiringDays: number): 'certified' | 'expiring' | 'expired' | 'requested' | 'revoked' {
  if (b.status !== 'certified') return b.status;
  if (b.validUntil == null) return 'certified';
  if (b.validUntil < today) return 'expired';
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + expiringDays);
  return b.validUntil <= limit.toISOString().slice(0, 10) ? 'expiring' : 'certified';
}
