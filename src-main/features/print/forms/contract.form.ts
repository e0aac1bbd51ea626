// Print form: a contract (ЭС or standard form) — clauses from the editable template, then the parties' requisites and signatures.
import type { PdfWriter } from '../pdf/writer';
import { templateValues, type PrintDoc } from '../data';
import { counterpartyParty, ourParty, partiesBlock, renderTemplate } from './common';

export function drawContract(w: PdfWriter, p: PrintDoc): void {
  renderTemplate(w, p, templateValues(p));
  partiesBlock(w, [ourParty(p), counterpartyParty(p.counterparty)]);
}
