// Worker task `reports.usrExport`: «ОПКН» or the OLAP pivot as XLSX or PDF, rows read on the pool thread through a read-only connection of its own.
import { openDb, type Db } from '../../db/connection';
import { PdfWriter } from '../print/pdf/writer';
import { drawOpknReport, drawUsrOlapReport } from '../print/forms/usr-reports.form';
import { opknParams, opknRows, opknTotals, type OpknFilters } from './opkn.query';
import { usrOlapParams, usrOlapRows, type UsrOlapFilters } from './usr-olap.query';
import { opknWorkbook, usrOlapWorkbook } from './usr-reports.xlsx';

export type UsrExportInput = { dbFile: string; today: string; format: 'xlsx' | 'pdf' } & ({ report: 'opkn'; filters: OpknFilters } | { report: 'olap'; filters: UsrOlapFilters });

export interface UsrExportOutput {
  bytes: Uint8Array;
  pages: number | null;
}

async function render(db: Db, input: UsrExportInput): Promise<UsrExportOutput> {
  if (input.report === 'opkn') {
    const rows = opknRows(db, input.filters);
    const totals = opknTotals(rows);
    const params = opknParams(db, input.filters, input.today);
    if (input.format === 'xlsx') return { bytes: opknWorkbook(rows, totals, params), pages: null };
    const w = await PdfWriter.create('ОПКН', { landscape: true });
    drawOpknReport(w, rows, totals, params, input.today);
    return w.finish();
  }
  const { months, rows } = usrOlapRows(db, input.filters);
  const params = usrOlapParams(db, input.filters, input.today);
  if (input.format === 'xlsx') return { bytes: usrOlapWorkbook(months, rows, params), pages: null };
  const totals = months.map((_, i) => rows.reduce((t, r) => t + (r.cells[i] ?? 0), 0));
  const w = await PdfWriter.create('Обслуживание клиента (OLAP)', { landscape: true });
  drawUsrOlapReport(w, months, rows, totals, params, input.today);
  return w.finish();
}

export async function run(input: UsrExportInput): Promise<UsrExportOutput> {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    return await render(db, input);
  } finally {
    db.$client.close();
  }
}
