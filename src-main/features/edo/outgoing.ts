// What 1С gets for one of our documents: its EnterpriseData objects (counterparty, contract, the document) and a hash of them.
import crypto from 'node:crypto';
import type { Db } from '../../db/connection';
import { readJsonSetting, writeJsonSetting } from '../../db/settings';
import { counterpartyOn } from '../clients/clients.card';
import { counterpartyById, documentLines, documentRow, type DocumentRow } from '../documents/documents.repo';
import { ourRequisites } from '../documents/settings.repo';
import { totalsFromLines, totalsFromTotal } from '../documents/vat';
import type { EdContractKey, EdCounterpartyKey, EdKnownObject, EdOrganizationKey, EdServiceRow } from './enterprise-data/model';
import { legalFormOfInn } from './enterprise-data/values';

const SALT_KEY = 'edo.keys';

/** A per-database secret the keys of counterparties and contracts are derived from: stable, and distinct between bases. */
function keySalt(db: Db): string {
  const cur = readJsonSetting(db, SALT_KEY);
  if (typeof cur.salt === 'string' && cur.salt.length >= 16) return cur.salt;
  const salt = crypto.randomBytes(16).toString('hex');
  writeJsonSetting(db, SALT_KEY, { salt });
  return salt;
}

/** A GUID-shaped key (version 5 layout) derived from the salt and a name: the same object always gets the same key. */
export function derivedRef(salt: string, name: string): string {
  const h = crypto.createHash('sha1').update(`${salt}:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** 1С's VAT rate names: `БезНДС`, `НДС0`, `НДС20`, `НДС22`, … */
export function onecVatRate(mode: string, rate: number): string {
  return mode === 'none' ? 'БезНДС' : `НДС${rate}`;
}

export interface OutgoingDocument {
  /** The document and what it needs, in the order 1С should read them. */
  objects: EdKnownObject[];
  /** sha256 of what 1С gets: a changed document is sent again only when this changes. */
  hash: string;
  /** For OData: the pieces by name. */
  counterparty: EdCounterpartyKey;
  kind: 'invoice' | 'act' | 'upd' | 'invoice_factura';
  doc: DocumentRow;
  amountKop: number;
}

/** Why a document cannot go to 1С; the queue shows it (the renderer words the code). */
export class OutgoingRefused extends Error {
  constructor(readonly code: 'type' | 'type_odata' | 'status' | 'no_counterparty' | 'no_inn' | 'no_our_requisites') {
    super(code);
  }
}

export function organization(db: Db): EdOrganizationKey {
  const our = ourRequisites(db);
  if (!our.fullName && !our.inn) throw new OutgoingRefused('no_our_requisites');
  return { ref: null, name: our.shortName ?? our.fullName, fullName: our.fullName, inn: our.inn, kpp: our.kpp };
}

/** Builds what goes to 1С for one document, with the document's key `ref`. */
/** `salt` and `org` can be read once per round and passed in (they are the same for every document). */
export function outgoingDocument(db: Db, documentId: number, ref: string, salt = keySalt(db), orgKey?: EdOrganizationKey): OutgoingDocument {
  const d = documentRow(db, documentId);
  if (d.status !== 'issued') throw new OutgoingRefused('status');
  const kind = d.type === 'invoice' || d.type === 'act' || d.type === 'upd' || d.type === 'invoice_factura' ? d.type : null;
  if (!kind) throw new OutgoingRefused('type');
  const cp = counterpartyOn(db, d.clientId, d.date) ?? counterpartyById(db, d.counterpartyId);
  if (!cp) throw new OutgoingRefused('no_counterparty');
  if (!cp.inn) throw new OutgoingRefused('no_inn');
  const org = orgKey ?? organization(db);
  const legalForm = legalFormOfInn(cp.inn);
  const counterparty: EdCounterpartyKey = {
    ref: derivedRef(salt, `cp:${cp.id}`),
    name: cp.shortName ?? cp.fullName,
    fullName: cp.fullName,
    inn: cp.inn,
    kpp: legalForm === 'ФизическоеЛицо' ? null : cp.kpp,
    legalForm,
  };
  let contract: EdContractKey | null = null;
  if (d.parentId != null) {
    const p = documentRow(db, d.parentId);
    contract = {
      ref: derivedRef(salt, `contract:${p.id}`),
      name: `Договор № ${p.number} от ${p.date.split('-').reverse().join('.')}`,
      number: p.number,
      date: p.date,
      counterparty,
      organization: org,
    };
  }
  const lines = documentLines(db, d.id);
  const vatRate = onecVatRate(d.vatMode, d.vatRate);
  const rows: EdServiceRow[] = lines.map((l) => {
    const t = totalsFromLines(l.amountKop, d.vatMode, d.vatRate);
    return { item: { ref: null, name: l.name }, quantity: l.qty, priceKop: l.priceKop, amountKop: t.total, vatRate, vatKop: t.vat, content: l.name };
  });
  if (rows.length === 0) {
    // A document without lines: one row for the whole amount, as 1С needs a row to post it.
    const t = totalsFromTotal(d.amountKop, d.vatMode, d.vatRate);
    const name = d.subject?.trim() || 'Информационные услуги';
    rows.push({ item: { ref: null, name }, quantity: 1, priceKop: d.amountKop, amountKop: d.amountKop, vatRate, vatKop: t.vat, content: name });
  }
  const base = {
    ref,
    number: d.number,
    date: `${d.date}T00:00:00`,
    organization: org,
    counterparty,
    contract,
    amountKop: d.amountKop,
    vatIncluded: d.vatMode !== 'on_top',
    rows,
    comment: d.comment,
  };
  const vatKop = rows.reduce((a, r) => a + r.vatKop, 0);
  const docObject: EdKnownObject =
    kind === 'invoice'
      ? { type: 'invoice', ...base }
      : kind === 'invoice_factura'
        ? { type: 'invoiceFactura', ref, number: d.number, date: base.date, organization: org, counterparty, basis: null, amountKop: d.amountKop, vatKop }
        : { type: 'sale', ...base, upd: kind === 'upd' };
  const objects: EdKnownObject[] = [{ type: 'counterparty', ...counterparty }];
  if (contract) objects.push({ type: 'contract', ...contract });
  objects.push(docObject);
  // Our own requisites are left out: they are today's, and a change of them is no change of an already issued document.
  const hash = crypto.createHash('sha256').update(JSON.stringify(objects, (k, v: unknown) => (k === 'organization' ? undefined : v))).digest('hex');
  return { objects, hash, counterparty, kind, doc: d, amountKop: d.amountKop };
}

export { keySalt };

/** What every document of a round shares: the key salt, and our organisation (undefined: each document fails with no_our_requisites). */
export function roundKeys(db: Db): { salt: string; org: EdOrganizationKey | undefined } {
  try {
    return { salt: keySalt(db), org: organization(db) };
  } catch (e) {
    if (!(e instanceof OutgoingRefused)) throw e;
    return { salt: keySalt(db), org: undefined };
  }
}
