// Print form: the report «Возврат документов» — parameters, totals by state, and the rows overdue first.
import { DOCUMENT_TYPE_LABELS, RETURN_STATE_LABELS, RETURN_STATES, type ReturnReportRow, type ReturnState } from '../../../../src-shared/doc-types';
import { returnStateLabel } from '../../../../src-shared/doc-gender';
import { formatDate, formatDateLong } from '../../../../src-shared/format';
import type { PdfWriter } from '../pdf/writer';

export function drawReturnsReport(
  w: PdfWriter,
  rows: ReturnReportRow[],
  params: [string, string][],
  counts: Record<Exclude<ReturnState, 'not_tracked'>, number>,
  today: string,
): void {
  w.startSection('Возврат документов');
  w.text('ВОЗВРАТ ДОКУМЕНТОВ', { size: 13, bold: true, align: 'center', after: 2 });
  w.text(`на ${formatDateLong(today)}`, { size: 9, align: 'center', grey: true, after: 8 });
  for (const [k, v] of params) w.text(`${k}: ${v}`, { size: 9, after: 1 });
  w.space(4);
  w.text(RETURN_STATES.map((s) => `${RETURN_STATE_LABELS[s]}: ${counts[s]}`).join('   ·   '), { size: 9, bold: true, after: 6 });
  if (rows.length === 0) {
    w.text('Документов с плановым возвратом в этом периоде нет.', { size: 9.5 });
    return;
  }
  w.table(
    [
      { title: '№', width: 0.6, align: 'right' },
      { title: 'Документ', width: 3.4 },
      { title: 'Клиент', width: 4 },
      { title: 'СИО', width: 2.4 },
      { title: 'Плановый возврат', width: 1.4, align: 'center' },
      { title: 'Возвращён', width: 1.4, align: 'center' },
      { title: 'Состояние', width: 2.2 },
      { title: 'Дней просрочки', width: 1.5, align: 'right' },
    ],
    rows.map((r, i) => [
      String(i + 1),
      `${DOCUMENT_TYPE_LABELS[r.type]} № ${r.number} от ${formatDate(r.date)}`,
      r.clientName,
      r.sio?.fullName ?? '—',
      formatDate(r.plannedReturn),
      formatDate(r.returnedAt) || '—',
      returnStateLabel(r.type, r.state),
      r.daysOverdue ? String(r.daysOverdue) : '',
    ]),
    { size: 8 },
  );
}
