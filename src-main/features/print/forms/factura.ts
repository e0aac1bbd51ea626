// Shared by the УПД and the счёт-фактура (ФНС layouts, постановление 1137): the lines split into cost without VAT, VAT and cost with VAT, the requisites header, the table of services.
import { formatAmount, formatDate, shortFio } from '../../../../src-shared/format';
import type { DocumentLine } from '../../../../src-shared/doc-types';
import type { Column, PdfWriter } from '../pdf/writer';
import type { PrintDoc } from '../data';
import { billedLines } from './billing';

/** A line as the tax forms show it. */
export interface FacturaLine {
  line: DocumentLine;
  /** Price per unit without VAT, in kopecks. */
  priceNet: number;
  net: number;
  vat: number;
  gross: number;
}

export interface FacturaTotals {
  net: number;
  vat: number;
  gross: number;
}

/** ОКЕИ codes of the units a РИЦ bills in; other units print as written, with «—» for the code. */
const OKEI: [RegExp, string, string][] = [
  [/^усл(\.|уга)?(\s*ед\.?)?$/i, '876', 'усл. ед'],
  [/^мес(\.|яц)?$/i, '362', 'мес'],
  [/^шт\.?$/i, '796', 'шт'],
  [/^ч(\.|ас)?$/i, '356', 'ч'],
  [/^год$/i, '366', 'год'],
  [/^компл(\.|ект)?$/i, '839', 'компл'],
];

export function okeiUnit(unit: string | null): { code: string; name: string } {
  const u = (unit ?? '').trim();
  if (!u) return { code: '876', name: 'усл. ед' };
  for (const [re, code, name] of OKEI) if (re.test(u)) return { code, name };
  return { code: '—', name: u };
}

const withoutVat = (p: PrintDoc) => p.doc.vatMode === 'none';

/**
 * The lines with their VAT. With VAT included a line's amount is its cost with VAT; with VAT on top it is the
 * cost without. Each line's VAT is rounded on its own and the rounding left over goes to the largest line, so the
 * columns add up to the document's totals (what the client pays).
 */
export function facturaLines(p: PrintDoc): { lines: FacturaLine[]; totals: FacturaTotals } {
  const mode = p.doc.vatMode;
  const rate = mode === 'none' ? 0 : p.doc.vatRate;
  const lines = billedLines(p).map((line) => {
    const vat = rate === 0 ? 0 : mode === 'included' ? Math.round((line.amountKop * rate) / (100 + rate)) : Math.round((line.amountKop * rate) / 100);
    return mode === 'on_top' ? { line, net: line.amountKop, vat, gross: line.amountKop + vat } : { line, net: line.amountKop - vat, vat, gross: line.amountKop };
  });
  const left = p.totals.vat - lines.reduce((s, l) => s + l.vat, 0);
  if (left !== 0 && lines.length > 0) {
    const big = lines.reduce((a, b) => (b.line.amountKop > a.line.amountKop ? b : a));
    big.vat += left;
    if (mode === 'on_top') big.gross += left;
    else big.net -= left;
  }
  const out = lines.map((l) => ({ ...l, priceNet: Math.round(l.net / l.line.qty) }));
  return {
    lines: out,
    totals: { net: out.reduce((s, l) => s + l.net, 0), vat: out.reduce((s, l) => s + l.vat, 0), gross: out.reduce((s, l) => s + l.gross, 0) },
  };
}

const qtyText = (q: number) => (Number.isInteger(q) ? String(q) : q.toLocaleString('ru-RU', { maximumFractionDigits: 3 }));
const innKpp = (inn: string | null, kpp: string | null) => (inn ? (kpp ? `${inn}/${kpp}` : inn) : '—');

/** The requisites lines (1)…(8) of a счёт-фактура; a УПД prints the same ones. Services have no consignor or consignee. */
export function facturaHeaderLines(p: PrintDoc): { text: string; code: string; bold?: boolean }[] {
  const our = p.our;
  const cp = p.counterparty;
  return [
    { text: `Счёт-фактура № ${p.doc.number} от ${formatDate(p.doc.date)}`, code: '(1)', bold: true },
    { text: 'Исправление № — от —', code: '(1а)' },
    { text: `Продавец: ${our.fullName}`, code: '(2)' },
    { text: `Адрес: ${our.legalAddress ?? '—'}`, code: '(2а)' },
    { text: `ИНН/КПП продавца: ${innKpp(our.inn, our.kpp)}`, code: '(2б)' },
    { text: 'Грузоотправитель и его адрес: —', code: '(3)' },
    { text: 'Грузополучатель и его адрес: —', code: '(4)' },
    { text: 'К платёжно-расчётному документу № — от —', code: '(5)' },
    { text: `Документ об отгрузке: № п/п 1–${Math.max(1, billedLines(p).length)} № ${p.doc.number} от ${formatDate(p.doc.date)}`, code: '(5а)' },
    { text: `Покупатель: ${cp.fullName}`, code: '(6)' },
    { text: `Адрес: ${cp.legalAddress ?? '—'}`, code: '(6а)' },
    { text: `ИНН/КПП покупателя: ${innKpp(cp.inn, cp.kpp)}`, code: '(6б)' },
    { text: 'Валюта: наименование, код: Российский рубль, 643', code: '(7)' },
    { text: 'Идентификатор государственного контракта, договора (соглашения) (при наличии): —', code: '(8)' },
  ];
}

/** The header lines as text, each with the form's line code after it; the first one (number and date) as the title. */
export function facturaHeader(w: PdfWriter, p: PrintDoc): void {
  facturaHeaderLines(p).forEach((l, i) => w.text(`${l.text} ${l.code}`, i === 0 ? { size: 11, bold: true, after: 4 } : { size: 8.5, after: 1.5 }));
}

/**
 * The table of services. `upd` adds the УПД's columns «А» (№) and «Б» (code of the service); the счёт-фактура
 * numbers its columns from 1. The header and the row of column numbers repeat on every page the table runs on.
 */
export function facturaTable(w: PdfWriter, p: PrintDoc, upd: boolean): FacturaTotals {
  const { lines, totals } = facturaLines(p);
  const noVat = withoutVat(p);
  const rateText = noVat ? 'без НДС' : `${p.doc.vatRate}%`;
  // Titles break where a narrow column needs it («Коли- чество»): the writer wraps at spaces only.
  const cols: (Column & { n: string })[] = [
    { title: '№ п/п', width: 0.7, align: 'center', n: upd ? 'А' : '1' },
    ...(upd ? [{ title: 'Код товара/ работ, услуг', width: 1.1, align: 'center' as const, n: 'Б' }] : []),
    { title: 'Наименование товара (описание выполненных работ, оказанных услуг), имущественного права', width: upd ? 3.6 : 4.6, n: upd ? '1' : '1а' },
    { title: 'Код вида товара', width: 1.1, align: 'center', n: upd ? '1а' : '1б' },
    { title: 'Ед. изм.: код', width: 0.8, align: 'center', n: '2' },
    { title: 'Ед. изм.: условное обозна- чение (нацио- нальное)', width: 1.35, align: 'center', n: '2а' },
    { title: 'Коли- чество (объём)', width: 1.1, align: 'right', n: '3' },
    { title: 'Цена (тариф) за единицу измерения', width: 1.4, align: 'right', n: '4' },
    { title: 'Стоимость без налога — всего', width: 1.6, align: 'right', n: '5' },
    { title: 'В том числе сумма акциза', width: 1.5, align: 'center', n: '6' },
    { title: 'Нало- говая ставка', width: 1, align: 'center', n: '7' },
    { title: 'Сумма налога, предъяв- ляемая покупа- телю', width: 1.4, align: 'right', n: '8' },
    { title: 'Стоимость с налогом — всего', width: 1.6, align: 'right', n: '9' },
    { title: 'Страна проис- хождения товара: код', width: 1.4, align: 'center', n: '10' },
    { title: 'краткое наиме- нование', width: 1.2, align: 'center', n: '10а' },
    { title: 'Регистра- ционный номер декла- рации на товары', width: 1.4, align: 'center', n: '11' },
  ];
  const rows = lines.map((l, i) => {
    const unit = okeiUnit(l.line.unit);
    return [
      String(i + 1),
      ...(upd ? ['—'] : []),
      l.line.name,
      '—',
      unit.code,
      unit.name,
      qtyText(l.line.qty),
      formatAmount(l.priceNet),
      formatAmount(l.net),
      'без акциза',
      rateText,
      noVat ? 'без НДС' : formatAmount(l.vat),
      formatAmount(l.gross),
      '—',
      '—',
      '—',
    ];
  });
  const total = cols.map(() => '');
  const at = (n: string) => cols.findIndex((c) => c.n === n);
  total[at(upd ? '1' : '1а')] = 'Всего к оплате';
  total[at('5')] = formatAmount(totals.net);
  total[at('6')] = 'X';
  total[at('8')] = noVat ? 'без НДС' : formatAmount(totals.vat);
  total[at('9')] = formatAmount(totals.gross);
  w.table(cols, [...rows, total], { size: 6.5, boldRows: [rows.length], subHeader: cols.map((c) => c.n) });
  return totals;
}

/** «Руководитель организации или иное уполномоченное лицо» and «Главный бухгалтер …» side by side, compact (a tax form's page is full). */
export function facturaSignatures(w: PdfWriter, p: PrintDoc): void {
  const col = (label: string, position: string, name: string | null) => ({
    lines: [
      { text: label, bold: true, size: 8 },
      { text: `${position || '________________'}   ____________ / ${shortFio(name) || '____________'} /`, size: 8, gapBefore: 8 },
      { text: '(должность)   (подпись)   (ф. и. о.)', size: 6.5, grey: true },
    ],
  });
  w.columns([
    col('Руководитель организации или иное уполномоченное лицо', p.signer.position, p.signer.name),
    col('Главный бухгалтер или иное уполномоченное лицо', '', p.our.chiefAccountant),
  ]);
}
