// Print form: an act of services rendered (акт) — parties with the requisites valid on its date, services, totals, amount in words, signatures.
import type { PdfWriter } from '../pdf/writer';
import { templateValues, type PrintDoc } from '../data';
import { fillTemplate } from '../../documents/templates';
import { billedLines, linesTable, partiesLines, titleLine, totalsBlock } from './billing';
import { counterpartyParty, ourParty, signaturesBlock } from './common';

export function drawAct(w: PdfWriter, p: PrintDoc): void {
  titleLine(w, 'Акт', p);
  partiesLines(w, p, 'Исполнитель', 'Заказчик');
  const lines = billedLines(p);
  linesTable(w, lines);
  totalsBlock(w, p, lines, 'Всего оказано услуг');
  const note = fillTemplate(p.template, templateValues(p)).trim();
  if (note) w.text(note, { size: 9.5, after: 4 });
  w.rule();
  signaturesBlock(w, [ourParty(p, 'Исполнитель'), counterpartyParty(p.counterparty, 'Заказчик')]);
}
