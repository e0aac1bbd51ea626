// Worker task `reports.returnsExport`: «Возврат документов» as XLSX or PDF, its rows read on the pool thread through a read-only connection of its own.
import { openDb, type Db } from '../../db/connection';
import { PdfWriter } from '../print/pdf/writer';
import { drawReturnsReport } from '../print/forms/returns-report.form';
import { allReturnRows, returnParams, returnReport, type ReturnFilters } from './returns.query';
import { returnsWorkbook } from './returns.xlsx';

export interface ReturnsExportInput {
  /** The database file: the thread reads it itself (WAL lets it read beside the writer), so a hundred thousand rows never pass the event loop. */
  dbFile: string;
  filters: ReturnFilters;
  today: string;
  format: 'xlsx' | 'pdf';
}

export interface ReturnsExportOutput {
  bytes: Uint8Array;
  pages: number | null;
}

async function render(db: Db, input: ReturnsExportInput): Promise<ReturnsExportOutput> {
  const { filters: f, today } = input;
  // One read transaction: rows, counts and the filters' names from the same state of the database.
  const read = db.$client.transaction(() => ({
    rows: allReturnRows(db, f, today),
    params: returnParams(db, f, today),
    counts: input.format === 'pdf' ? returnReport(db, f, today, 1, 0).counts : null,
  }));
  const { rows, params, counts } = read.deferred();
  if (input.format === 'xlsx') return { bytes: returnsWorkbook(rows, params), pages: null };
  const w = await PdfWriter.create('Возврат документов', { landscape: true });
  drawReturnsReport(w, rows, params, counts!, today);
  return w.finish();
}

export async function run(input: ReturnsExportInput): Promise<ReturnsExportOutput> {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    return await render(db, input);
  } finally {
    db.$client.close();
  }
}
