// Print form: an invoice (счёт на оплату) — the payee's bank details box, services, totals with VAT, amount in words, signatures.
import type { PdfWriter } from '../pdf/writer';
import { templateValues, type PrintDoc } from '../data';
import { fillTemplate } from '../../documents/templates';
import { billedLines, linesTable, partiesLines, titleLine, totalsBlock } from './billing';
import { headSignatures } from './common';

export function drawInvoice(w: PdfWriter, p: PrintDoc): void {
  const our = p.our;
  w.table(
    [
      { title: '', width: 5 },
      { title: '', width: 1 },
      { title: '', width: 3 },
    ],
    [
      [`${our.bankName ?? ''}\nБанк получателя`, 'БИК\nСч. №', `${our.bik ?? ''}\n${our.corrAccount ?? ''}`],
      [`ИНН ${our.inn ?? ''}    КПП ${our.kpp ?? ''}\n${our.fullName}\nПолучатель`, 'Сч. №', our.account ?? ''],
    ],
    { header: false, size: 9 },
  );
  w.space(12);
  titleLine(w, 'Счёт на оплату', p);
  partiesLines(w, p, 'Поставщик (Исполнитель)', 'Покупатель (Заказчик)');
  const lines = billedLines(p);
  linesTable(w, lines);
  totalsBlock(w, p, lines, 'Всего');
  const note = fillTemplate(p.template, templateValues(p)).trim();
  if (note) w.text(note, { size: 8.5, grey: true, after: 4 });
  w.rule();
  w.space(10);
  headSignatures(w, p, 'Руководитель', 'Главный бухгалтер');
}
