// Contract: Главбух certification requests (check, export, the archive) and the Главбух settings.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF, MANAGERS } from '../roles';
import { id, optText } from './common';
import { clientListFilters } from './lists';
import { GB_RULE_FIELDS, type GbSettings } from '../glavbukh';
import { GB_REQUESTERS, GB_REQUEST_MAX, type GbCheckResult, type GbRequestDetail, type GbRequestSummary } from '../glavbukh-requests';

const programmeCode = z.string().trim().min(1).max(16).regex(/^[A-Z0-9_-]+$/);

/** Clients chosen by hand (ids), or every client a list filter finds (the client list's query and filters). */
const selectionShape = z.object({
  programme: programmeCode,
  clientIds: z.array(id).min(1).max(GB_REQUEST_MAX).optional(),
  fromList: z.object({ query: z.string().max(200).default(''), filters: clientListFilters }).optional(),
});
const oneSource = (v: { clientIds?: unknown; fromList?: unknown }) => (v.clientIds ? 1 : 0) + (v.fromList ? 1 : 0) === 1;
export const gbSelection = selectionShape.refine(oneSource, { path: ['clientIds'], message: 'required' });

export const gbProgrammeInput = z.object({
  code: programmeCode,
  name: z.string().trim().min(1).max(200),
  required: z.array(z.enum(GB_RULE_FIELDS)).max(GB_RULE_FIELDS.length),
  validityMonths: z.number().int().min(1).max(120),
  contactRole: z.string().trim().min(1).max(40).regex(/^[a-z_]+$/),
});

export const gbSettingsInput = z
  .object({
    programmes: z.array(gbProgrammeInput).min(1).max(20),
    expiringDays: z.number().int().min(1).max(3650),
  })
  .refine((s) => new Set(s.programmes.map((p) => p.code)).size === s.programmes.length, { path: ['programmes'], message: 'duplicate' });

export const glavbukhRequestsApi = {
  /** Every problem of every chosen client under the programme's rules; changes nothing. */
  'glavbukh.requests.check': method<GbCheckResult>()({ input: gbSelection, access: GB_REQUESTERS, write: false }),
  /**
   * Refuses (BAD_INPUT, an issue per problem: path `clients.<id>.<field>`, reason the problem code, ref the client) while
   * any problem remains; else writes the file, keeps it in the archive and records a `requested` certificate per client.
   */
  'glavbukh.requests.export': method<GbRequestSummary>()({
    input: selectionShape.extend({ note: optText(500) }).refine(oneSource, { path: ['clientIds'], message: 'required' }),
    access: GB_REQUESTERS,
    write: true,
  }),
  /** The archive, newest first. */
  'glavbukh.requests.list': method<GbRequestSummary[]>()({
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    access: GB_REQUESTERS,
    write: false,
  }),
  /** One request with its clients as exported. */
  'glavbukh.requests.get': method<GbRequestDetail>()({ input: z.object({ id }), access: GB_REQUESTERS, write: false }),
  'glavbukh.settings.get': method<GbSettings>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'glavbukh.settings.save': method<GbSettings>()({ input: gbSettingsInput, access: MANAGERS, write: true }),
};
