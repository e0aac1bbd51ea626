// Contract: Главбух certificates on the client card — the history, adding or editing one by hand, revoking one.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF, CLIENT_EDITORS } from '../roles';
import { id, isoDate, optText, reqText } from './common';
import type { GbCard } from '../glavbukh';

export const gbCertificateSaveInput = z.object({
  clientId: id,
  /** Omitted: a new certificate. */
  id: id.optional(),
  programme: z.string().trim().min(1).max(16),
  number: optText(100),
  issuedOn: isoDate.nullish(),
  validUntil: isoDate.nullish(),
  status: z.enum(['requested', 'certified', 'expired']),
  contactId: id.nullish(),
  note: optText(500),
});
export type GbCertificateSaveInput = z.input<typeof gbCertificateSaveInput>;

export const glavbukhCardApi = {
  /** Every certificate of a client (all programmes, revoked too) and its current badges: whoever may open the card. */
  'glavbukh.card': method<GbCard>()({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),
  /**
   * Adds or edits a certificate by hand. A number another client holds answers CONFLICT with issues[0].ref = the holder;
   * a certified one needs a number and a valid-until date.
   */
  'glavbukh.certificates.save': method<{ id: number; outcome: 'added' | 'updated' | 'same' }>()({ input: gbCertificateSaveInput, access: CLIENT_EDITORS, write: true }),
  'glavbukh.certificates.revoke': method<{ ok: true }>()({ input: z.object({ id, reason: reqText(500) }), access: CLIENT_EDITORS, write: true }),
};
