// Contract: the USR reports «ОПКН» and «Обслуживание клиента (OLAP)», their XLSX/PDF, the cell drill-down and «Выгрузить USR» (a ZIP with a manifest).
import { z } from 'zod';
import { method } from './define';
import { MANAGERS } from '../roles';
import { id, isoDate } from './common';
import type { PrintedFile } from '../doc-types';
import type { OpknReport, UsrOlapReport, UsrProofFile } from '../usr-reports';

const periodOrder = (v: { from: string; to: string }) => v.to >= v.from;
const month = z.string().regex(/^(199\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: 'month' });
/** Selected rows: distributions (kits of the base). */
const selection = z.array(id).min(1).max(100_000).optional();

const opknFields = {
  from: isoDate,
  to: isoDate,
  sioId: id.optional(),
  scheme: z.enum(['nss', 'standard']).optional(),
  noProof: z.boolean().optional(),
  distributionIds: selection,
};
export const opknInput = z.object(opknFields).refine(periodOrder, { path: ['to'], message: 'before_start' });

/** Up to 24 months: a year and the one before it, side by side. */
const monthOrder = (v: { fromMonth: string; toMonth: string }) => {
  if (v.toMonth < v.fromMonth) return false;
  const span = (Number(v.toMonth.slice(0, 4)) - Number(v.fromMonth.slice(0, 4))) * 12 + Number(v.toMonth.slice(5)) - Number(v.fromMonth.slice(5));
  return span < 24;
};
const olapFields = {
  fromMonth: month,
  toMonth: month,
  scheme: z.enum(['nss', 'standard']).optional(),
  systemCode: z.string().trim().min(1).max(20).optional(),
  keyOnly: z.boolean().optional(),
  sioId: id.optional(),
  distributionIds: selection,
};
export const olapInput = z.object(olapFields).refine(monthOrder, { path: ['toMonth'], message: 'range' });

const printOut = method<{ files: string[]; details: PrintedFile[] }>();

/** What a USR ZIP came to: the one-time download address (GET, no further sign-in) and counts. */
export interface UsrZipResult {
  jobId: string;
  url: string;
  name: string;
  bytes: number;
  files: number;
  /** Manifest lines whose file was removed by housekeeping (listed, not in the archive). */
  removed: number;
}

export const usrReportsApi = {
  /** «ОПКН» for a period: serviced kits (first `limit`), totals per СИО over all of them. */
  'reports.opkn': method<OpknReport>()({
    input: z.object({ ...opknFields, limit: z.number().int().min(1).max(5000).default(1000) }).refine(periodOrder, { path: ['to'], message: 'before_start' }),
    access: MANAGERS,
    write: false,
  }),
  'reports.opknXlsx': printOut({ input: opknInput, access: MANAGERS, write: false }),
  'reports.opknPdf': printOut({ input: opknInput, access: MANAGERS, write: false }),
  /** «Обслуживание клиента (OLAP)»: sessions per kit and month (first `limit` kits), month totals over all. */
  'reports.usrOlap': method<UsrOlapReport>()({
    input: z.object({ ...olapFields, limit: z.number().int().min(1).max(5000).default(2000) }).refine(monthOrder, { path: ['toMonth'], message: 'range' }),
    access: MANAGERS,
    write: false,
  }),
  /** The files proving one cell: the kit's updates of the month, by the file that first proved each. */
  'reports.usrOlapCell': method<UsrProofFile[]>()({ input: z.object({ distributionId: id, month }), access: MANAGERS, write: false }),
  'reports.usrOlapXlsx': printOut({ input: olapInput, access: MANAGERS, write: false }),
  'reports.usrOlapPdf': printOut({ input: olapInput, access: MANAGERS, write: false }),
  /**
   * «Выгрузить USR»: the files behind the report's rows (or the selected ones) and a manifest, in one ZIP written by
   * a worker; progress comes as `reports.usrZip.progress` events carrying `jobId`.
   */
  'reports.usrZip': method<UsrZipResult>()({
    input: z
      .object({ jobId: z.string().regex(/^[a-zA-Z0-9-]{8,64}$/), report: z.enum(['opkn', 'olap']), opkn: opknInput.optional(), olap: olapInput.optional() })
      .refine((v) => v.report !== 'opkn' || v.opkn, { path: ['opkn'], message: 'required' })
      .refine((v) => v.report !== 'olap' || v.olap, { path: ['olap'], message: 'required' }),
    access: MANAGERS,
    write: false,
  }),
};
