// Everything a document's print form needs, loaded in one place: the counterparty valid on the document's date, our requisites, signer, lines, template.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { notFound } from '../../api/errors';
import {
  DOCUMENT_TYPE_LABELS,
  type DocumentLine,
  type OurRequisites,
  type OurSigner,
  type SpecDistribution,
  type TemplateCode,
} from '../../../src-shared/doc-types';
import type { CounterpartyRow } from '../../../src-shared/types';
import { amountInWords, formatDate, formatDateLong, formatMoney } from '../../../src-shared/format';
import { counterpartyOn } from '../clients/clients.card';
import { counterpartyById, documentLines, documentRow, specDistributions, type DocumentRow } from '../documents/documents.repo';
import { addDaysIso } from '../documents/return-rules';
import { ourRequisites, templateBody } from '../documents/settings.repo';
import type { TemplateValues } from '../documents/templates';
import { totalsFromLines, totalsFromTotal, vatPhrase, type VatTotals } from '../documents/vat';

export interface PrintDoc {
  doc: DocumentRow;
  /** «Договор № Д-2026-0001 от 27.11.2026» */
  title: string;
  clientName: string;
  /** The counterparty valid for the client on the document's date (for a change of party: the one being replaced). */
  counterparty: CounterpartyRow;
  newCounterparty: CounterpartyRow | null;
  parent: { number: string; date: string } | null;
  our: OurRequisites;
  signer: OurSigner;
  lines: DocumentLine[];
  distributions: SpecDistribution[];
  totals: VatTotals;
  template: string;
}

/** The editable text of the type; the УПД and the счёт-фактура are fixed ФНС forms without one. */
function templateCode(d: DocumentRow): TemplateCode | null {
  switch (d.type) {
    case 'contract':
      return d.form === 'standard' ? 'contract.standard' : 'contract.es';
    case 'specification':
      return 'specification.es';
    case 'additional_agreement':
      return d.agreementKind === 'counterparty_change' ? 'agreement.counterparty_change' : 'agreement.general';
    case 'act':
      return 'act.note';
    case 'invoice':
      return 'invoice.note';
    case 'upd':
    case 'invoice_factura':
      return null;
  }
}

function signerOf(db: Db, d: DocumentRow, our: OurRequisites): OurSigner {
  if (d.signerCode) {
    const s = our.signers.find((x) => x.code === d.signerCode);
    if (s) return s;
  }
  if (d.signerEmployeeId != null) {
    const s = our.signers.find((x) => x.employeeId === d.signerEmployeeId);
    if (s) return s;
    const e = stmt(db, 'SELECT full_name AS n FROM employees WHERE id = ?').get(d.signerEmployeeId) as { n: string } | undefined;
    if (e) return { code: `employee-${d.signerEmployeeId}`, name: e.n, position: 'Представитель', basis: 'доверенности', employeeId: d.signerEmployeeId };
  }
  return our.signers[0] ?? { code: '', name: '', position: '', basis: '', employeeId: null };
}

export function loadPrintDoc(db: Db, id: number): PrintDoc {
  const d = documentRow(db, id);
  // DOMAIN rule: print the counterparty valid on the document's date, found again now (the stored id is the fallback).
  // A change-of-party agreement is signed by the party being replaced: the one valid the day before the change.
  const onDate = d.agreementKind === 'counterparty_change' && d.changeFrom ? addDaysIso(d.changeFrom, -1) : d.date;
  const counterparty = counterpartyOn(db, d.clientId, onDate) ?? counterpartyById(db, d.counterpartyId)!;
  const parent = d.parentId == null ? null : (stmt(db, 'SELECT number, date FROM documents WHERE id = ?').get(d.parentId) as { number: string; date: string });
  const our = ourRequisites(db);
  const lines = documentLines(db, id);
  const distributions = d.type === 'specification' ? specDistributions(db, id) : [];
  const netFromItems = distributions.some((x) => x.priceKop != null) ? distributions.reduce((s, x) => s + (x.priceKop ?? 0), 0) : null;
  const base = lines.length > 0 ? lines.reduce((s, l) => s + l.amountKop, 0) : netFromItems;
  const totals = base != null ? totalsFromLines(base, d.vatMode, d.vatRate) : totalsFromTotal(d.amountKop, d.vatMode, d.vatRate);
  const client = stmt(db, 'SELECT name FROM clients WHERE id = ?').get(d.clientId) as { name: string };
  const code = templateCode(d);
  return {
    doc: d,
    title: `${DOCUMENT_TYPE_LABELS[d.type]} № ${d.number} от ${formatDate(d.date)}`,
    clientName: client.name,
    counterparty,
    newCounterparty: d.newCounterpartyId == null ? null : counterpartyById(db, d.newCounterpartyId),
    parent,
    our,
    signer: signerOf(db, d, our),
    lines,
    distributions,
    totals,
    template: code ? templateBody(db, code) : '',
  };
}

/** «генеральный директор» — a position inside a sentence; a signer other than the director acts as a representative. */
export function counterpartySigner(cp: CounterpartyRow): { position: string; name: string; basis: string } {
  const name = cp.signerName ?? cp.directorName ?? '';
  const isDirector = !cp.signerName || cp.signerName === cp.directorName;
  const position = isDirector ? (cp.directorPosition ?? 'руководитель') : 'представитель';
  return { position: position.charAt(0).toLowerCase() + position.slice(1), name, basis: cp.signerBasis ?? 'Устава' };
}

export function templateValues(p: PrintDoc): TemplateValues {
  const cp = p.counterparty;
  const cs = counterpartySigner(cp);
  const n = p.newCounterparty;
  const ourPosition = p.signer.position ? p.signer.position.charAt(0).toLowerCase() + p.signer.position.slice(1) : '';
  const hasAmount = p.totals.total > 0 || p.doc.type !== 'contract';
  return {
    date: formatDateLong(p.doc.date),
    city: p.our.city,
    'document.number': p.doc.number,
    'document.date': formatDateLong(p.doc.date),
    'document.dateShort': formatDate(p.doc.date),
    'document.subject': p.doc.subject,
    'document.periodFrom': p.doc.periodFrom ? formatDate(p.doc.periodFrom) : null,
    'document.periodTo': p.doc.periodTo ? formatDate(p.doc.periodTo) : null,
    amount: formatMoney(p.totals.total),
    amountWords: amountInWords(p.totals.total),
    vat: vatPhrase(p.doc.vatMode, p.doc.vatRate, hasAmount ? p.totals.vat : null),
    'contract.number': p.parent?.number ?? null,
    'contract.date': p.parent ? formatDateLong(p.parent.date) : null,
    'client.name': p.clientName,
    'counterparty.fullName': cp.fullName,
    'counterparty.shortName': cp.shortName ?? cp.fullName,
    'counterparty.inn': cp.inn,
    'counterparty.kpp': cp.kpp,
    'counterparty.ogrn': cp.ogrn,
    'counterparty.legalAddress': cp.legalAddress,
    'counterparty.directorName': cp.directorName,
    'counterparty.directorPosition': cp.directorPosition,
    'counterparty.signerName': cs.name,
    'counterparty.signerPosition': cs.position,
    'counterparty.signerBasis': cs.basis,
    'newCounterparty.fullName': n?.fullName ?? null,
    'newCounterparty.inn': n?.inn ?? null,
    'newCounterparty.kpp': n?.kpp ?? null,
    'newCounterparty.legalAddress': n?.legalAddress ?? null,
    changeFrom: p.doc.changeFrom ? formatDateLong(p.doc.changeFrom) : null,
    'our.name': p.our.fullName,
    'our.shortName': p.our.shortName ?? p.our.fullName,
    'our.inn': p.our.inn,
    'our.signerName': p.signer.name,
    'our.signerPosition': ourPosition,
    'our.signerBasis': p.signer.basis,
  };
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
