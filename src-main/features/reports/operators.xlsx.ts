// XLSX export of «Операторы чата»: the same rows as the screen, durations as spreadsheet times, a sheet with the period and how numbers are counted.
import * as XLSX from 'xlsx';
import { deflateZip } from './zip-deflate';
import type { OperatorReportRow } from '../../../src-shared/quality';

export const OPERATOR_HEADER = ['Оператор', 'Сеансов', 'Средняя длительность', 'Медианная длительность', 'Сеансов в рабочий день', 'Индекс качества', 'Проверок', 'Оценка клиентов (средняя)', 'Оценок клиентов'];
const WIDTHS = [32, 10, 14, 14, 12, 12, 10, 14, 10];

export function operatorsWorkbook(rows: OperatorReportRow[], params: [string, string][]): Uint8Array {
  const num = (v: number | null, z?: string): XLSX.CellObject | undefined => (v == null ? undefined : z ? { t: 'n', v, z } : { t: 'n', v });
  // Seconds as a fraction of a day: the spreadsheet shows 0:04:05 and sums them as times.
  const time = (sec: number | null) => num(sec == null ? null : sec / 86_400, '[h]:mm:ss');
  const data: (XLSX.CellObject | undefined)[][] = [OPERATOR_HEADER.map((h) => ({ t: 's', v: h }))];
  for (const r of rows) {
    data.push([
      { t: 's', v: r.fullName },
      { t: 'n', v: r.sessions },
      time(r.avgDurationSec),
      time(r.medianDurationSec),
      num(r.perDay, '0.00'),
      num(r.qualityIndex, '0.0'),
      { t: 'n', v: r.reviews },
      num(r.clientRatingAvg, '0.00'),
      { t: 'n', v: r.clientRatings },
    ]);
  }
  const ws = data as unknown as XLSX.WorkSheet;
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: OPERATOR_HEADER.length - 1 } });
  ws['!cols'] = WIDTHS.map((wch) => ({ wch }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Операторы чата');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Параметр', 'Значение'], ...params]), 'Параметры');
  return deflateZip(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array, 1);
}
