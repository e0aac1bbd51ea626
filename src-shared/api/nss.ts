// Contract: НСС records (ГЛ calls, personal manager contacts, СИО visits) on the card and in bulk, the НСС report with its drill-down and exports, the НСС settings.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF, CLIENT_EDITORS, MANAGERS, type Role } from '../roles';
import { id, isoDate, optText } from './common';
import { NSS_RECORD_KINDS, NSS_REPORT_GROUPS, type NssClientRow, type NssMonthPoint, type NssRecordItem, type NssReportTotals, type NssSettings, type NssStaffRow } from '../nss';
import type { PrintedFile } from '../doc-types';

/** Who reads the НСС report: managers see every client; a СИО or a personal manager sees their own clients. */
export const NSS_REPORT_READERS: readonly Role[] = ['admin', 'head', 'sio', 'pm'];

const month = z.string().regex(/^(199\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: 'month' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });

const recordFields = {
  kind: z.enum(NSS_RECORD_KINDS),
  date: isoDate,
  /** Local time in the РИЦ zone; omitted: 12:00. */
  time: hhmm.optional(),
  /** Omitted: the caller. */
  employeeId: id.nullish(),
  durationSec: z.number().int().min(0).max(24 * 3600).nullish(),
  count: z.number().int().min(1).max(1000).default(1),
  comment: optText(1000),
};

export const nssRecordSaveInput = z.object({
  id: id.optional(),
  clientId: id,
  distributionId: id.nullish(),
  contactId: id.nullish(),
  usrUpdate: isoDate.nullish(),
  ...recordFields,
});
export type NssRecordSaveInput = z.input<typeof nssRecordSaveInput>;

const periodOrder = (v: { fromMonth: string; toMonth: string }) => {
  if (v.toMonth < v.fromMonth) return false;
  const span = (Number(v.toMonth.slice(0, 4)) - Number(v.fromMonth.slice(0, 4))) * 12 + Number(v.toMonth.slice(5)) - Number(v.fromMonth.slice(5));
  return span < 36;
};

export const NSS_SORTS = ['name', 'contacts', 'daysSinceContact', 'maxGapDays', 'glCalls', 'lk', 'chats', 'cycleEndsOn'] as const;

const reportFields = {
  fromMonth: month,
  toMonth: month,
  group: z.enum(NSS_REPORT_GROUPS).default('client'),
  /** Only the clients of this СИО / personal manager (a drill-down from their row). */
  sioId: id.optional(),
  pmId: id.optional(),
  /** Only clients over the plan's gap. */
  overGapOnly: z.boolean().optional(),
  search: z.string().trim().max(200).optional(),
  sort: z.enum(NSS_SORTS).default('daysSinceContact'),
  desc: z.boolean().default(true),
};
export const nssReportInput = z.object(reportFields).refine(periodOrder, { path: ['toMonth'], message: 'range' });
export type NssReportInput = z.input<typeof nssReportInput>;

export interface NssReport {
  /** Rows of the page (clients, or СИО / personal managers). */
  clients: NssClientRow[];
  staff: NssStaffRow[];
  total: number;
  totals: NssReportTotals;
  /** Today in the РИЦ zone, what «days since» counts to when the period reaches it. */
  today: string;
  /** Sources that have no data at all yet, so their columns read zero for that reason (`chat_sessions`, …). */
  emptySources: string[];
}

/** One contact of the drill-down, from any source. */
export interface NssContactItem {
  source: 'record' | 'chat' | 'question' | 'task' | 'seminar';
  kind: string;
  id: number;
  onDate: string;
  at: string | null;
  employeeName: string | null;
  kit: string | null;
  /** Counts for НСС (its kit was НСС that day). */
  counted: boolean;
  detail: string | null;
  count: number;
}

const printOut = method<{ files: string[]; details: PrintedFile[] }>();

export const nssApi = {
  /** A client's records, newest first (or everyone's, for a manager, with filters). */
  'nss.records.list': method<{ items: NssRecordItem[]; total: number }>()({
    input: z.object({
      clientId: id.optional(),
      employeeId: id.optional(),
      kind: z.enum(NSS_RECORD_KINDS).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    access: ANY_STAFF,
    write: false,
  }),
  /** Adds or edits one record (a kit, a contact must be the client's). */
  'nss.records.save': method<{ id: number }>()({ input: nssRecordSaveInput, access: CLIENT_EDITORS, write: true }),
  /** The same record for several clients at once (from a list): all or nothing. */
  'nss.records.bulk': method<{ created: number }>()({
    input: z.object({ clientIds: z.array(id).min(1).max(2000), ...recordFields }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  /** Deletes a record: its author or a manager. */
  'nss.records.delete': method<{ ok: true }>()({ input: z.object({ id }), access: CLIENT_EDITORS, write: true }),
  /** The chart of the НСС report: per month of the period, in the caller's scope (every monthly row is read: apart from the page). */
  'nss.report.months': method<NssMonthPoint[]>()({
    input: z.object({ fromMonth: month, toMonth: month, sioId: id.optional(), pmId: id.optional() }).refine(periodOrder, { path: ['toMonth'], message: 'range' }),
    access: NSS_REPORT_READERS,
    write: false,
  }),
  /** The НСС report for a period of months (page + totals; the chart is `nss.report.months`). */
  'nss.report': method<NssReport>()({
    input: z.object({ ...reportFields, limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).max(1_000_000).default(0) }).refine(periodOrder, { path: ['toMonth'], message: 'range' }),
    access: NSS_REPORT_READERS,
    write: false,
  }),
  /** Every contact of one client in the period, from every source, and whether it counted. */
  'nss.report.contacts': method<NssContactItem[]>()({
    input: z.object({ clientId: id, fromMonth: month, toMonth: month }).refine(periodOrder, { path: ['toMonth'], message: 'range' }),
    access: NSS_REPORT_READERS,
    write: false,
  }),
  'nss.report.xlsx': printOut({ input: nssReportInput, access: NSS_REPORT_READERS, write: false }),
  'nss.report.pdf': printOut({ input: nssReportInput, access: NSS_REPORT_READERS, write: false }),
  /** The report's columns: formula and source tables of each. */
  'nss.report.columns': method<{ key: string; formula: string; sources: string[] }[]>()({ input: z.object({}), access: NSS_REPORT_READERS, write: false }),
  'nss.settings.get': method<NssSettings>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'nss.settings.save': method<NssSettings>()({
    input: z.object({
      plans: z.object({
        nss: z.object({ contactsPerMonth: z.number().int().min(0).max(100), maxGapDays: z.number().int().min(1).max(366) }),
        standard: z.object({ contactsPerMonth: z.number().int().min(0).max(100), maxGapDays: z.number().int().min(1).max(366) }),
      }),
      cycleDueDays: z.number().int().min(1).max(366),
      bigChangePct: z.number().int().min(1).max(1000),
    }),
    access: MANAGERS,
    write: true,
  }),
};
