// Turns documents into PDFs (on a pool thread): together in one file (each document numbered from page 1) or one file per document.
import { formatDate } from '../../../src-shared/format';
import { PdfWriter } from './pdf/writer';
import type { PrintDoc } from './data';
import { drawContract } from './forms/contract.form';
import { drawSpecification } from './forms/specification.form';
import { drawAgreement } from './forms/agreement.form';
import { drawInvoice } from './forms/invoice.form';
import { drawAct } from './forms/act.form';
import { drawUpd } from './forms/upd.form';
import { drawInvoiceFactura } from './forms/invoice-factura.form';

export interface RenderedPdf {
  slug: string;
  suggestedName: string;
  bytes: Uint8Array;
  pages: number;
}

/** The tax forms have wide tables: their pages are landscape, inside a file of portrait documents too. */
const LANDSCAPE = new Set(['upd', 'invoice_factura']);

function drawDocument(w: PdfWriter, p: PrintDoc): void {
  w.startSection(p.title, { landscape: LANDSCAPE.has(p.doc.type) });
  switch (p.doc.type) {
    case 'contract':
      return drawContract(w, p);
    case 'specification':
      return drawSpecification(w, p);
    case 'additional_agreement':
      return drawAgreement(w, p);
    case 'invoice':
      return drawInvoice(w, p);
    case 'act':
      return drawAct(w, p);
    case 'upd':
      return drawUpd(w, p);
    case 'invoice_factura':
      return drawInvoiceFactura(w, p);
  }
}

export async function renderDocuments(docs: PrintDoc[], together: boolean): Promise<RenderedPdf[]> {
  if (together) {
    const first = docs[0]!;
    const w = await PdfWriter.create(docs.length === 1 ? first.title : `${first.title} и ещё ${docs.length - 1}`);
    for (const p of docs) drawDocument(w, p);
    const { bytes, pages } = await w.finish();
    const withSpecs = first.doc.type === 'contract' && docs.slice(1).every((d) => d.doc.parentId === first.doc.id);
    const suggestedName =
      docs.length === 1 ? `${first.title}.pdf` : withSpecs ? `${first.title} с приложениями.pdf` : `Документы (${docs.length}) от ${formatDate(first.doc.date)}.pdf`;
    return [{ slug: docs.length === 1 ? `${first.doc.type}-${first.doc.id}` : `documents-${first.doc.id}-${docs.length}`, suggestedName, bytes, pages }];
  }
  const out: RenderedPdf[] = [];
  for (const p of docs) {
    const w = await PdfWriter.create(p.title);
    drawDocument(w, p);
    const { bytes, pages } = await w.finish();
    out.push({ slug: `${p.doc.type}-${p.doc.id}`, suggestedName: `${p.title}.pdf`, bytes, pages });
  }
  return out;
}
