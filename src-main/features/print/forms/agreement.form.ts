// Print form: an additional agreement; a change of counterparty from a date is signed by the executor, the party replaced and the new one.
import type { PdfWriter } from '../pdf/writer';
import { templateValues, type PrintDoc } from '../data';
import { counterpartyParty, ourParty, partiesBlock, renderTemplate } from './common';

export function drawAgreement(w: PdfWriter, p: PrintDoc): void {
  renderTemplate(w, p, templateValues(p));
  const parties = [ourParty(p), counterpartyParty(p.counterparty)];
  if (p.doc.agreementKind === 'counterparty_change' && p.newCounterparty) parties.push(counterpartyParty(p.newCounterparty, 'Новый заказчик'));
  partiesBlock(w, parties);
}
