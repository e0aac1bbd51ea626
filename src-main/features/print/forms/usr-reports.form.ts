// Print forms: the reports «ОПКН» (kits with sessions and totals per СИО) and «Обслуживание клиента (OLAP)» (sessions by month).
import { formatDistr } from '../../../../src-shared/distr';
import { USR_SCHEME_LABELS, type OpknRow, type OpknSioTotal, type UsrOlapRow } from '../../../../src-shared/usr-reports';
import { formatDate, formatDateLong } from '../../../../src-shared/format';
import type { PdfWriter } from '../pdf/writer';

const kitName = (r: { systemCode: string; distrNumber: number; comp: number }) => formatDistr({ system: r.systemCode, number: r.distrNumber, comp: r.comp });

/** The title, the date and the filters of a report, at the top of its first page. */
export function head(w: PdfWriter, title: string, params: [string, string][], today: string): void {
  w.startSection(title);
  w.text(title.toUpperCase(), { size: 13, bold: true, align: 'center', after: 2 });
  w.text(`на ${formatDateLong(today)}`, { size: 9, align: 'center', grey: true, after: 8 });
  for (const [k, v] of params) w.text(`${k}: ${v}`, { size: 9, after: 1 });
  w.space(4);
}

export function drawOpknReport(w: PdfWriter, rows: OpknRow[], totals: OpknSioTotal[], params: [string, string][], today: string): void {
  head(w, 'ОПКН', params, today);
  w.text('Итоги по СИО', { size: 10, bold: true, after: 3 });
  w.table(
    [
      { title: 'СИО', width: 4 },
      { title: 'Комплектов', width: 1.4, align: 'right' },
      { title: 'С подтверждением', width: 1.6, align: 'right' },
      { title: 'Без подтверждения', width: 1.6, align: 'right' },
      { title: 'Сеансов', width: 1.4, align: 'right' },
    ],
    totals.map((t) => [t.sioName ?? 'Без СИО', String(t.kits), String(t.withProof), String(t.noProof), String(t.sessions)]),
    { size: 8.5 },
  );
  w.space(8);
  if (rows.length === 0) {
    w.text('Обслуживаемых комплектов по этим условиям нет.', { size: 9.5 });
    return;
  }
  w.table(
    [
      { title: '№', width: 0.6, align: 'right' },
      { title: 'СИО', width: 2.4 },
      { title: 'Клиент', width: 4 },
      { title: 'ИНН', width: 1.6 },
      { title: 'Комплект', width: 1.8 },
      { title: 'Схема', width: 1.1 },
      { title: 'Сеансов', width: 1, align: 'right' },
      { title: 'Последнее обновление', width: 1.6, align: 'center' },
      { title: 'Подтверждение', width: 1.6 },
    ],
    rows.map((r, i) => [
      String(i + 1),
      r.sioName ?? '—',
      r.clientName,
      r.inn ?? '',
      kitName(r),
      USR_SCHEME_LABELS[r.scheme],
      String(r.sessions),
      formatDate(r.lastUpdate) || '—',
      r.noProof ? 'нет' : 'есть',
    ]),
    { size: 8 },
  );
}

export function drawUsrOlapReport(w: PdfWriter, months: string[], rows: UsrOlapRow[], monthTotals: number[], params: [string, string][], today: string): void {
  head(w, 'Обслуживание клиента (OLAP)', params, today);
  const label = (m: string) => `${m.slice(5, 7)}.${m.slice(2, 4)}`;
  const cols = [
    { title: 'СИО / клиент', width: 4 },
    { title: 'Комплект', width: 1.8 },
    ...months.map((m) => ({ title: label(m), width: 0.75, align: 'right' as const })),
    { title: 'Итого', width: 0.9, align: 'right' as const },
  ];
  const body: string[][] = [];
  let sio: string | undefined;
  for (const r of rows) {
    const s = r.sioName ?? 'Без СИО';
    if (s !== sio) {
      sio = s;
      body.push([s, '', ...months.map(() => ''), '']);
    }
    body.push([`  ${r.clientName}`, kitName(r), ...r.cells.map((c) => (c == null ? '·' : String(c))), String(r.total)]);
  }
  body.push(['Итого', '', ...monthTotals.map(String), String(monthTotals.reduce((a, b) => a + b, 0))]);
  w.table(cols, body, { size: months.length > 12 ? 6.5 : 7.5 });
}
