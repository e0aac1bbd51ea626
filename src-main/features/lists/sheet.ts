// One-sheet XLSX writer for list exports: typed cells (text, numbers, real dates), widths, an autofilter and a sheet of the filters used.
import * as XLSX from 'xlsx';
import { deflateZip } from '../reports/zip-deflate';

/** A text, a number, a date (`{ date: 'YYYY-MM-DD' }`) or nothing. */
export type Cell = string | number | { date: string } | null | undefined;

export interface SheetColumn {
  title: string;
  /** Width in characters. */
  width: number;
}

/** Days since 1899-12-30, the spreadsheet epoch. */
function serial(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
}

function cell(v: Cell): XLSX.CellObject | undefined {
  if (v == null || v === '') return undefined;
  if (typeof v === 'number') return { t: 'n', v };
  if (typeof v === 'string') return { t: 's', v };
  return { t: 'n', v: serial(v.date), z: 'dd.mm.yyyy' };
}

/** Cells go straight into a dense sheet (as in the returns export), so a whole base's list stays within the task's budget. */
export function sheetWorkbook(name: string, columns: SheetColumn[], rows: Cell[][], params: [string, string][]): Uint8Array {
  const data: (XLSX.CellObject | undefined)[][] = [columns.map((c) => ({ t: 's', v: c.title }))];
  for (const r of rows) data.push(r.map(cell));
  const ws = data as unknown as XLSX.WorkSheet;
  const range = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: columns.length - 1 } });
  ws['!ref'] = range;
  ws['!cols'] = columns.map((c) => ({ wch: c.width }));
  ws['!autofilter'] = { ref: range };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, name);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Параметр', 'Значение'], ...params]), 'Параметры');
  return deflateZip(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array, 1);
}
