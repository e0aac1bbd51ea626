// XLSX export of «Возврат документов»: the same rows as the screen, dates as real spreadsheet dates, a sheet with the filters and totals.
import * as XLSX from 'xlsx';
import { DOCUMENT_TYPE_LABELS, RETURN_STATE_LABELS, RETURN_VIA_LABELS, type ReturnReportRow } from '../../../src-shared/doc-types';

/** Days since 1899-12-30, the spreadsheet epoch (with its 1900 leap-year quirk built in). */
function serial(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
}

const HEADER = ['Состояние', 'Дней просрочки', 'Документ', 'Номер', 'Дата', 'Клиент', 'СИО', 'Плановый возврат', 'Возвращён', 'Как'];
const WIDTHS = [24, 10, 26, 16, 11, 44, 28, 12, 12, 9];

/** Cells are built directly (not through aoa_to_sheet) so 100,000 rows stay within the export's time budget. */
export function returnsWorkbook(rows: ReturnReportRow[], params: [string, string][]): Uint8Array {
  const ws: XLSX.WorkSheet = {};
  const put = (r: number, c: number, cell: XLSX.CellObject) => {
    ws[XLSX.utils.encode_cell({ r, c })] = cell;
  };
  HEADER.forEach((h, c) => put(0, c, { t: 's', v: h }));
  const date = (v: string | null): XLSX.CellObject => (v ? { t: 'n', v: serial(v), z: 'dd.mm.yyyy' } : { t: 's', v: '' });
  rows.forEach((x, i) => {
    const r = i + 1;
    put(r, 0, { t: 's', v: RETURN_STATE_LABELS[x.state] });
    put(r, 1, { t: 'n', v: x.daysOverdue });
    put(r, 2, { t: 's', v: DOCUMENT_TYPE_LABELS[x.type] });
    put(r, 3, { t: 's', v: x.number });
    put(r, 4, date(x.date));
    put(r, 5, { t: 's', v: x.clientName });
    put(r, 6, { t: 's', v: x.sio?.fullName ?? '' });
    put(r, 7, date(x.plannedReturn));
    put(r, 8, date(x.returnedAt));
    put(r, 9, { t: 's', v: x.returnedVia ? RETURN_VIA_LABELS[x.returnedVia] : '' });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: HEADER.length - 1 } });
  ws['!cols'] = WIDTHS.map((wch) => ({ wch }));
  ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: HEADER.length - 1 } }) };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Возврат документов');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Параметр', 'Значение'], ...params]), 'Параметры');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
