// XLSX exports of «ОПКН» and «Обслуживание клиента (OLAP)»: the same rows as the screen, dates as real spreadsheet dates, a sheet with the filters.
import * as XLSX from 'xlsx';
import { deflateZip } from './zip-deflate';
import { USR_SCHEME_LABELS, type OpknRow, type OpknSioTotal, type UsrOlapRow } from '../../../src-shared/usr-reports';

/** Days since 1899-12-30, the spreadsheet epoch. */
function serial(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
}
type Cell = XLSX.CellObject | undefined;
const s = (v: string | null | undefined): Cell => (v ? { t: 's', v } : undefined);
const n = (v: number | null): Cell => (v == null ? undefined : { t: 'n', v });
const d = (v: string | null): Cell => (v ? { t: 'n', v: serial(v), z: 'dd.mm.yyyy' } : undefined);
const kit = (r: { systemCode: string; distrNumber: number; comp: number }) => `${r.systemCode} ${r.distrNumber}${r.comp !== 1 ? `/${r.comp}` : ''}`;

function sheet(header: string[], rows: Cell[][], widths: number[]): XLSX.WorkSheet {
  const data: Cell[][] = [header.map((h) => ({ t: 's', v: h })), ...rows];
  const ws = data as unknown as XLSX.WorkSheet;
  const ref = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: header.length - 1 } });
  ws['!ref'] = ref;
  ws['!cols'] = widths.map((wch) => ({ wch }));
  ws['!autofilter'] = { ref };
  return ws;
}

function finish(wb: XLSX.WorkBook, params: [string, string][]): Uint8Array {
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Параметр', 'Значение'], ...params]), 'Параметры');
  return deflateZip(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array, 1);
}

export function opknWorkbook(rows: OpknRow[], totals: OpknSioTotal[], params: [string, string][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  const body = rows.map((r) => [s(r.sioName), s(r.clientName), s(r.inn), s(kit(r)), s(USR_SCHEME_LABELS[r.scheme]), n(r.sessions), n(r.updates), d(r.lastUpdate), s(r.noProof ? 'нет' : 'есть')]);
  XLSX.utils.book_append_sheet(wb, sheet(['СИО', 'Клиент', 'ИНН', 'Комплект', 'Схема', 'Сеансов', 'Обновлений', 'Последнее обновление', 'Подтверждение'], body, [26, 40, 13, 16, 10, 9, 11, 14, 13]), 'ОПКН');
  const tot = totals.map((t) => [s(t.sioName ?? 'Без СИО'), n(t.kits), n(t.withProof), n(t.noProof), n(t.sessions)]);
  XLSX.utils.book_append_sheet(wb, sheet(['СИО', 'Комплектов', 'С подтверждением', 'Без подтверждения', 'Сеансов'], tot, [26, 11, 16, 16, 10]), 'Итоги по СИО');
  return finish(wb, params);
}

export function usrOlapWorkbook(months: string[], rows: UsrOlapRow[], params: [string, string][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  const body = rows.map((r) => [s(r.sioName ?? 'Без СИО'), s(r.clientName), s(r.inn), s(r.isKey ? 'да' : ''), s(kit(r)), ...r.cells.map(n), n(r.total)]);
  const header = ['СИО', 'Клиент', 'ИНН', 'Ключевой', 'Комплект', ...months, 'Итого'];
  XLSX.utils.book_append_sheet(wb, sheet(header, body, [26, 40, 13, 9, 16, ...months.map(() => 8), 8]), 'Сеансы по месяцам');
  return finish(wb, params);
}
