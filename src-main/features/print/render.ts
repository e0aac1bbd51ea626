// Turns documents into PDFs: together in one file (each document numbered from page 1) or one file per document.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { notFound } from '../../api/errors';
import { formatDate } from '../../../src-shared/format';
import { PdfWriter } from './pdf/writer';
import { loadPrintDoc, type PrintDoc } from './data';
import { drawContract } from './forms/contract.form';
import { drawSpecification } from './forms/specification.form';
import { drawAgreement } from './forms/agreement.form';
import { drawInvoice } from './forms/invoice.form';
import { drawAct } from './forms/act.form';

export interface RenderedPdf {
  slug: string;
  suggestedName: string;
  bytes: Uint8Array;
  pages: number;
}

function drawDocument(w: PdfWriter, p: PrintDoc): void {
  w.startSection(p.title);
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
  }
}

/** The ids in print order: each contract followed by its specifications (when asked), each document once. */
export function expandIds(db: Db, ids: number[], includeSpecifications: boolean): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const push = (id: number) => {
    if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  };
  for (const id of ids) {
    const d = stmt(db, 'SELECT type FROM documents WHERE id = ?').get(id) as { type: string } | undefined;
    if (!d) throw notFound('document');
    push(id);
    if (includeSpecifications && d.type === 'contract') {
      const specs = stmt(db, "SELECT id FROM documents WHERE parent_id = ? AND type = 'specification' AND status <> 'cancelled' ORDER BY date, id").all(id) as {
        id: number;
      }[];
      for (const s of specs) push(s.id);
    }
  }
  return out;
}

/** Loads every document in one read transaction, so a set prints from one consistent state. */
export function loadForPrint(db: Db, ids: number[], includeSpecifications: boolean): PrintDoc[] {
  return db.$client.transaction(() => expandIds(db, ids, includeSpecifications).map((id) => loadPrintDoc(db, id))).deferred();
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
