// Print form: a УПД (универсальный передаточный документ, the ФНС form) — status, the счёт-фактура part, the table of services, the transfer part signed by both sides.
import { formatDate, formatDateLong, shortFio } from '../../../../src-shared/format';
import { updStatus } from '../../../../src-shared/doc-types';
import type { Block, PdfWriter } from '../pdf/writer';
import type { PrintDoc } from '../data';
import { facturaHeaderLines, facturaSignatures, facturaTable } from './factura';
import { counterpartyParty, ourParty, type Party } from './common';

const STATUS_NOTE = '1 — счёт-фактура и передаточный документ (акт)\n2 — передаточный документ (акт)';

/** The box at the top: the status on the left, the счёт-фактура requisites (1)…(8) on the right. */
function updHeader(w: PdfWriter, p: PrintDoc): void {
  const lines = facturaHeaderLines(p).map((l) => `${l.text} ${l.code}`);
  // The seller's lines (1)…(5а) and the buyer's (6)…(8) side by side: the page must keep room for the transfer part.
  const split = lines.findIndex((l) => l.startsWith('Покупатель:'));
  w.table(
    [
      { title: '', width: 2.2 },
      { title: '', width: 6 },
      { title: '', width: 6 },
    ],
    [[`Универсальный передаточный документ\n\nСтатус: ${updStatus(p.doc.vatMode)}\n\n${STATUS_NOTE}`, lines.slice(0, split).join('\n'), lines.slice(split).join('\n')]],
    { header: false, size: 7.5 },
  );
}

const sign = (position: string, name: string) => `${position || '________________'}   ____________ / ${shortFio(name) || '____________'} /`;
const innKpp = (inn: string | null, kpp: string | null) => [inn && `ИНН ${inn}`, kpp && `КПП ${kpp}`].filter(Boolean).join(', ');

/** One side of the transfer part: who handed over (seller) or accepted (buyer), the date, the responsible, the author. */
function side(x: Party, labels: { act: string; date: string; other: string; codes: [string, string, string, string, string] }, date: string, author: { name: string; innKpp: string }): Block {
  const [c1, c2, c3, c4, c5] = labels.codes;
  const s = 8;
  return {
    lines: [
      { text: `${labels.act} [${c1}]`, bold: true, size: s },
      { text: sign(x.position, x.name), size: s, gapBefore: 7 },
      { text: '(должность)   (подпись)   (ф. и. о.)', size: 6.5, grey: true },
      { text: `${labels.date} [${c2}]: ${date}`, size: s, gapBefore: 3 },
      { text: `${labels.other} [${c3}]: —`, size: s, gapBefore: 3 },
      { text: `Ответственный за правильность оформления факта хозяйственной жизни [${c4}]`, size: s, gapBefore: 3 },
      { text: sign(x.position, x.name), size: s, gapBefore: 7 },
      { text: `Наименование экономического субъекта — составителя документа (в т. ч. комиссионера / агента) [${c5}]`, size: s, gapBefore: 3 },
      { text: author.name, size: s },
      { text: author.innKpp, size: s },
      { text: 'М. П.', size: 7, grey: true, gapBefore: 4 },
    ],
  };
}

export function drawUpd(w: PdfWriter, p: PrintDoc): void {
  w.setRunningHead(`Универсальный передаточный документ № ${p.doc.number} от ${formatDate(p.doc.date)} — продолжение`);
  updHeader(w, p);
  w.space(6);
  facturaTable(w, p, true);
  w.space(8);
  facturaSignatures(w, p);
  w.space(4);
  w.rule();
  const basis = p.parent ? `Договор № ${p.parent.number} от ${formatDate(p.parent.date)}` : '—';
  w.text(`Основание передачи (сдачи) / получения (приёмки) [8]: ${basis}`, { size: 8.5, after: 2 });
  w.text('Данные о транспортировке и грузе [9]: —', { size: 8.5, after: 4 });
  const our = ourParty(p, 'Продавец');
  const their = counterpartyParty(p.counterparty, 'Покупатель');
  w.columns(
    [
      side(
        our,
        { act: 'Товар (груз) передал / услуги, результаты работ, права сдал', date: 'Дата отгрузки, передачи (сдачи)', other: 'Иные сведения об отгрузке, передаче', codes: ['10', '11', '12', '13', '14'] },
        formatDateLong(p.doc.date),
        { name: p.our.fullName, innKpp: innKpp(p.our.inn, p.our.kpp) },
      ),
      side(
        their,
        { act: 'Товар (груз) получил / услуги, результаты работ, права принял', date: 'Дата получения (приёмки)', other: 'Иные сведения о получении, приёмке', codes: ['15', '16', '17', '18', '19'] },
        '«___» ____________ 20___ г.',
        { name: p.counterparty.fullName, innKpp: innKpp(p.counterparty.inn, p.counterparty.kpp) },
      ),
    ],
    24,
  );
}
