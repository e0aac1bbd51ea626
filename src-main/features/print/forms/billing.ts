// Shared by the invoice and the act: the parties' lines, the table of services, totals with VAT and the amount in words.
import { amountInWords, formatAmount, formatDateLong, formatMonth, plural } from '../../../../src-shared/format';
import type { DocumentLine } from '../../../../src-shared/doc-types';
import type { PdfWriter } from '../pdf/writer';
import type { PrintDoc } from '../data';

/** A document without lines bills one service: its subject, or K+ information services for its period. */
export function billedLines(p: PrintDoc): DocumentLine[] {
  if (p.lines.length > 0) return p.lines;
  const period = p.doc.periodFrom ? ` за ${formatMonth(p.doc.periodFrom)}` : '';
  const name = p.doc.subject ?? `Информационные услуги с использованием экземпляров Систем КонсультантПлюс${period}`;
  return [{ name, qty: 1, unit: 'усл.', priceKop: p.totals.net, amountKop: p.totals.net }];
}

export function titleLine(w: PdfWriter, title: string, p: PrintDoc): void {
  w.text(`${title} № ${p.doc.number} от ${formatDateLong(p.doc.date)}`, { size: 13, bold: true, after: 4 });
  w.rule();
  w.space(4);
}

/** «Исполнитель: …», «Заказчик: …», «Основание: …» with requisites in one line each. */
export function partiesLines(w: PdfWriter, p: PrintDoc, ourRole: string, theirRole: string): void {
  const our = p.our;
  const cp = p.counterparty;
  const ourText = [our.fullName, our.inn && `ИНН ${our.inn}`, our.kpp && `КПП ${our.kpp}`, our.legalAddress, our.phone && `тел.: ${our.phone}`]
    .filter(Boolean)
    .join(', ');
  const theirText = [cp.fullName, `ИНН ${cp.inn}`, cp.kpp && `КПП ${cp.kpp}`, cp.legalAddress].filter(Boolean).join(', ');
  w.text(`${ourRole}: ${ourText}`, { size: 9.5, after: 3 });
  w.text(`${theirRole}: ${theirText}`, { size: 9.5, after: 3 });
  if (p.parent) w.text(`Основание: Договор № ${p.parent.number} от ${formatDateLong(p.parent.date)}`, { size: 9.5, after: 3 });
  w.space(4);
}

const qtyText = (q: number) => (Number.isInteger(q) ? String(q) : q.toLocaleString('ru-RU', { maximumFractionDigits: 3 }));

export function linesTable(w: PdfWriter, lines: DocumentLine[]): void {
  w.table(
    [
      { title: '№', width: 0.5, align: 'center' },
      { title: 'Наименование работ, услуг', width: 5.2 },
      { title: 'Кол-во', width: 0.9, align: 'right' },
      { title: 'Ед.', width: 0.7, align: 'center' },
      { title: 'Цена', width: 1.4, align: 'right' },
      { title: 'Сумма', width: 1.5, align: 'right' },
    ],
    lines.map((l, i) => [String(i + 1), l.name, qtyText(l.qty), l.unit ?? '', formatAmount(l.priceKop), formatAmount(l.amountKop)]),
  );
}

/** Totals under the table, right-aligned, then «Всего … на сумму …» and the amount in words. */
export function totalsBlock(w: PdfWriter, p: PrintDoc, lines: DocumentLine[], what: string): void {
  const t = p.totals;
  w.space(4);
  w.text(`Итого: ${formatAmount(t.net)}`, { size: 9.5, bold: true, align: 'right' });
  if (p.doc.vatMode === 'none' || p.doc.vatRate === 0) w.text('Без налога (НДС): —', { size: 9.5, bold: true, align: 'right' });
  else w.text(`${p.doc.vatMode === 'included' ? 'В том числе НДС' : 'НДС'} (${p.doc.vatRate}\u00a0%): ${formatAmount(t.vat)}`, { size: 9.5, bold: true, align: 'right' });
  w.text(`Всего к оплате: ${formatAmount(t.total)}`, { size: 9.5, bold: true, align: 'right', after: 6 });
  const n = lines.length;
  w.text(`${what} ${n} ${plural(n, 'наименование', 'наименования', 'наименований')}, на сумму ${formatAmount(t.total)} руб.`, { size: 9.5 });
  w.text(amountInWords(t.total, { capital: true }), { size: 9.5, bold: true, after: 6 });
}
