// Reusable zod pieces of the contract: ids, dates, requisites with check digits, phones, e-mails.
import { z } from 'zod';
import { checkInn, checkKpp, checkOgrn, checkOgrnip, checkBik, checkAccount, checkCorrAccount } from '../validation/requisites';
import type { RequisiteError } from '../validation/requisites';
import { normalizePhone } from '../validation/phone';

export const id = z.number().int().positive();

/**
 * The window every date of the contract must fall in. A typo like 9999-12-31 is refused at the boundary:
 * date arithmetic past year 9999 yields strings such as `+010000-01` that no reader expects.
 */
export const DATE_MIN = '1990-01-01';
export const DATE_MAX = '2100-12-31';

/** A real calendar day (YYYY-MM-DD) within DATE_MIN…DATE_MAX. */
export function isValidIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v < DATE_MIN || v > DATE_MAX) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Every date input of the contract uses this one schema (a test walks the contract to keep it so). */
export const isoDate = z.string().refine(isValidIsoDate, { message: 'date' });

/** Optional free text: trimmed, '' becomes null. */
export const optText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const reqText = (max = 500) => z.string().trim().min(1, { message: 'required' }).max(max);

/** A requisite checked by its published algorithm; the issue message is the machine reason. */
function requisite(check: (v: string) => RequisiteError | null) {
  return z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const err = check(v);
      if (err) ctx.addIssue({ code: 'custom', message: err.code });
    });
}

const optional = <T extends z.ZodType<string>>(s: T) =>
  z.union([z.literal('').transform(() => null), s]).nullish().transform((v) => v ?? null);

export const innField = requisite(checkInn);
export const optInn = optional(innField);
export const optKpp = optional(requisite(checkKpp));
export const optOgrn = optional(requisite((v) => (v.trim().length === 15 ? checkOgrnip(v) : checkOgrn(v))));
export const optBik = optional(requisite(checkBik));

export const phoneInput = z.object({
  raw: z
    .string()
    .trim()
    .min(1, { message: 'required' })
    .max(64)
    .refine((v) => normalizePhone(v) !== null, { message: 'phone' }),
  note: optText(200),
});
export type PhoneInput = z.input<typeof phoneInput>;

export const emailInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'email' })),
  note: optText(200),
});
export type EmailInput = z.input<typeof emailInput>;

export const counterpartyInput = z
  .object({
    fullName: reqText(500),
    shortName: optText(200),
    inn: innField,
    kpp: optKpp,
    ogrn: optOgrn,
    legalAddress: optText(500),
    bankName: optText(300),
    bik: optBik,
    corrAccount: optional(z.string().trim()),
    account: optional(z.string().trim()),
    directorName: optText(200),
    directorPosition: optText(200),
    signerName: optText(200),
    signerBasis: optText(200),
  })
  .superRefine((v, ctx) => {
    // Accounts are checked together with the bank's БИК (control key algorithm).
    for (const [field, check] of [
      ['account', checkAccount],
      ['corrAccount', checkCorrAccount],
    ] as const) {
      const value = v[field];
      if (!value) continue;
      if (!v.bik) {
        ctx.addIssue({ code: 'custom', path: ['bik'], message: 'required' });
        continue;
      }
      const err = check(value, v.bik);
      if (err) ctx.addIssue({ code: 'custom', path: [field], message: err.code });
    }
  });
export type CounterpartyInput = z.input<typeof counterpartyInput>;

export const CLIENT_STATUSES = ['prospect', 'active', 'suspended', 'closed'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export const SCHEMES = ['nss', 'standard'] as const;
export type Scheme = (typeof SCHEMES)[number];
export const NETWORK_TYPES = ['local', 'network', 'flash', 'online', 'internet'] as const;
export const DISTR_STATES = ['active', 'suspended', 'closed'] as const;
export const CONTACT_ROLES = ['director', 'chief_accountant', 'lpr', 'key_user', 'accountant', 'lawyer', 'it'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
