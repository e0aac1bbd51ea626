// Worker task `nss.reportExport`: the НСС report as XLSX or PDF, rows read on the pool thread through a read-only connection of its own.
import { openDb } from '../../db/connection';
import { PdfWriter } from '../print/pdf/writer';
import type { NssSettings } from '../../../src-shared/nss';
import { readableQuery } from './periods';
import { nssReport, type NssReportQuery } from './report.query';
import { drawNssReport, nssWorkbook } from './report.export';

export interface NssExportInput {
  dbFile: string;
  today: string;
  format: 'xlsx' | 'pdf';
  query: NssReportQuery;
  settings: NssSettings;
  params: [string, string][];
}

export interface NssExportOutput {
  bytes: Uint8Array;
  pages: number | null;
}

/** Up to this many client rows in a file (a РИЦ has fewer НСС clients). */
export const NSS_EXPORT_ROWS = 200_000;

export async function run(input: NssExportInput): Promise<NssExportOutput> {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    // One read transaction: totals, rows and months of one state; the monthly rows if the period went meanwhile.
    const result = db.$client.transaction(() => nssReport(db, readableQuery(db, { ...input.query, limit: NSS_EXPORT_ROWS, offset: 0 }), input.settings, input.today))();
    if (input.format === 'xlsx') return { bytes: nssWorkbook(result, input.query.group, input.params), pages: null };
    const w = await PdfWriter.create('Отчёт НСС', { landscape: true });
    drawNssReport(w, result, input.query.group, input.params, input.today);
    return await w.finish();
  } finally {
    db.$client.close();
  }
}
