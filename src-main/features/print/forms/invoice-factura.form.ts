// Print form: a счёт-фактура in the layout of постановление № 1137 (requisites lines 1–8, the table with VAT, the head's and chief accountant's signatures).
import { formatDate } from '../../../../src-shared/format';
import type { PdfWriter } from '../pdf/writer';
import type { PrintDoc } from '../data';
import { facturaHeader, facturaSignatures, facturaTable } from './factura';

export const FACTURA_APPENDIX = 'Приложение № 1 к постановлению Правительства Российской Федерации от 26 декабря 2011 г. № 1137';

export function drawInvoiceFactura(w: PdfWriter, p: PrintDoc): void {
  w.setRunningHead(`Счёт-фактура № ${p.doc.number} от ${formatDate(p.doc.date)} — продолжение`);
  w.text(FACTURA_APPENDIX, { size: 7, align: 'right', grey: true, after: 4 });
  facturaHeader(w, p);
  w.space(6);
  facturaTable(w, p, false);
  w.space(12);
  facturaSignatures(w, p);
  w.space(8);
  w.text('Индивидуальный предприниматель или иное уполномоченное лицо: —', { size: 8, grey: true });
}
