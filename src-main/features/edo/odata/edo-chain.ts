// Reads a document's ЭДО state from 1С in three steps: object → outgoing ЭДО document → state register row.
import { ODataError, isGuid, odataString, type ODataClient } from './client';
import { dateOrNull, edoDocumentRow, edoLinkRow, edoStateRow, type EdoDocumentRow } from './rows';

export const EDO_LINKS = 'InformationRegister_ОбъектыУчетаДокументовЭДО';
export const EDO_OUTGOING = 'Document_ЭлектронныйДокументИсходящийЭДО';
export const EDO_STATES = 'InformationRegister_СостоянияДокументовЭДО';
/** A re-sent document has a few ЭДО documents; more than this is not a re-send but a broken answer. */
const MAX_CANDIDATES = 20;

export interface EdoReading {
  edoRef: string;
  /** 1С's `Состояние` as it is ('' when the register has no row yet). */
  state1c: string;
  sentAt: string | null;
  signedAt: string | null;
  reason: string | null;
  changedAt: string | null;
  /** `ТипРегламента` (УПД, АктВыполненныхРабот, СчетНаОплату, …) or null. */
  regulation: string | null;
  /** How many outgoing ЭДО documents 1С has for the object (more than one after a re-send). */
  candidates: number;
}

/**
 * Which ЭДО document is the object's current one when there are several (a re-send, a correction):
 * the links 1С marks `Актуальный` win over the rest; documents marked for deletion drop out; then the latest
 * `Date` (when 1С made the ЭДО document), then the latest `ДатаОтправки`, then the key (only for a stable order).
 */
function pick(docs: { doc: EdoDocumentRow; actual: boolean }[]): EdoDocumentRow | undefined {
  const live = docs.filter((d) => !d.doc.DeletionMark);
  const pool = live.some((d) => d.actual) ? live.filter((d) => d.actual) : live;
  const key = (d: EdoDocumentRow) => [dateOrNull(d.Date) ?? '', dateOrNull(d.ДатаОтправки) ?? '', d.Ref_Key];
  return pool
    .map((d) => d.doc)
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? 1 : -1;
      return 0;
    })[0];
}

/** The ЭДО state of one of our documents in 1С (its Ref_Key there); null when 1С has made no outgoing ЭДО document yet. */
export async function readEdoState(client: ODataClient, documentRef: string): Promise<EdoReading | null> {
  if (!isGuid(documentRef)) throw new ODataError('bad_request', 'invalid document key');
  const ref = documentRef.toLowerCase();
  // ОбъектУчета is composite-typed: compared with the key as a string, a bare guid'…' is refused (public integration).
  const links = await client.list(EDO_LINKS, edoLinkRow, { filter: `ОбъектУчета eq ${odataString(ref)}`, top: MAX_CANDIDATES + 1 });
  // The filter is checked again here: a server that ignored it must not hand us another object's ЭДО.
  const mine = links.filter(
    (l) => l.ОбъектУчета.toLowerCase() === ref && isGuid(l.ЭлектронныйДокумент) &&
      (l.ЭлектронныйДокумент_Type === undefined || l.ЭлектронныйДокумент_Type.endsWith(EDO_OUTGOING)),
  );
  if (mine.length === 0) return null;
  if (mine.length > MAX_CANDIDATES) throw new ODataError('bad_response', `${EDO_LINKS}: more than ${MAX_CANDIDATES} ЭДО documents for one object`);
  const docs: { doc: EdoDocumentRow; actual: boolean }[] = [];
  for (const l of mine) {
    const doc = await client.get(EDO_OUTGOING, l.ЭлектронныйДокумент, edoDocumentRow);
    if (doc && doc.Ref_Key.toLowerCase() === l.ЭлектронныйДокумент.toLowerCase()) docs.push({ doc, actual: l.Актуальный !== false });
  }
  const doc = pick(docs);
  if (!doc) return null;
  const edoRef = doc.Ref_Key.toLowerCase();
  const states = await client.list(EDO_STATES, edoStateRow, { filter: `ЭлектронныйДокумент eq ${odataString(edoRef)}`, top: 5 });
  const row = states.find((s) => s.ЭлектронныйДокумент.toLowerCase() === edoRef);
  return readingOf(doc, row, docs.length);
}

/** The reading of one object from its chosen ЭДО document and that document's state row (none yet: state ''). */
function readingOf(doc: EdoDocumentRow, row: { Состояние: string; ДатаИзменения?: string; ПричинаОтклонения?: string } | undefined, candidates: number): EdoReading {
  const reason = row?.ПричинаОтклонения?.trim();
  return {
    edoRef: doc.Ref_Key.toLowerCase(),
    state1c: row?.Состояние ?? '',
    sentAt: dateOrNull(doc.ДатаОтправки),
    signedAt: dateOrNull(doc.ДатаПодписания),
    reason: reason ? reason : null,
    changedAt: dateOrNull(row?.ДатаИзменения),
    regulation: doc.ТипРегламента?.trim() || null,
    candidates,
  };
}

/** Objects per batched read: three requests answer for this many documents (each key ~60 characters of the URL). */
export const EDO_READ_BATCH = 20;

function orFilter(field: string, values: string[], literal: (v: string) => string): string {
  return values.map((v) => `${field} eq ${literal(v)}`).join(' or ');
}

/**
 * The same three steps for up to EDO_READ_BATCH objects at once (`… eq a or … eq b`): three requests instead of three per
 * object. Every answer row is matched again here by key, as in readEdoState. Objects without an ЭДО document map to null.
 */
export async function readEdoStates(client: ODataClient, documentRefs: string[]): Promise<Map<string, EdoReading | null>> {
  const refs = [...new Set(documentRefs.map((r) => r.toLowerCase()))];
  if (refs.length > EDO_READ_BATCH) throw new ODataError('bad_request', `at most ${EDO_READ_BATCH} objects per read`);
  for (const r of refs) if (!isGuid(r)) throw new ODataError('bad_request', 'invalid document key');
  const out = new Map<string, EdoReading | null>(refs.map((r) => [r, null]));
  if (refs.length === 0) return out;
  const links = await client.list(EDO_LINKS, edoLinkRow, { filter: orFilter('ОбъектУчета', refs, odataString), top: refs.length * MAX_CANDIDATES + 1 });
  const byObject = new Map<string, { edo: string; actual: boolean }[]>();
  for (const l of links) {
    const obj = l.ОбъектУчета.toLowerCase();
    if (!out.has(obj) || !isGuid(l.ЭлектронныйДокумент)) continue;
    if (l.ЭлектронныйДокумент_Type !== undefined && !l.ЭлектронныйДокумент_Type.endsWith(EDO_OUTGOING)) continue;
    const list = byObject.get(obj) ?? [];
    list.push({ edo: l.ЭлектронныйДокумент.toLowerCase(), actual: l.Актуальный !== false });
    if (list.length > MAX_CANDIDATES) throw new ODataError('bad_response', `${EDO_LINKS}: more than ${MAX_CANDIDATES} ЭДО documents for one object`);
    byObject.set(obj, list);
  }
  const edoKeys = [...new Set([...byObject.values()].flat().map((x) => x.edo))];
  const docs = new Map<string, EdoDocumentRow>();
  for (let i = 0; i < edoKeys.length; i += EDO_READ_BATCH) {
    const part = edoKeys.slice(i, i + EDO_READ_BATCH);
    const rows = await client.list(EDO_OUTGOING, edoDocumentRow, { filter: orFilter('Ref_Key', part, (v) => `guid'${v}'`), top: part.length + 1 });
    for (const d of rows) if (part.includes(d.Ref_Key.toLowerCase())) docs.set(d.Ref_Key.toLowerCase(), d);
  }
  const chosen = new Map<string, EdoDocumentRow>();
  for (const [obj, list] of byObject) {
    const doc = pick(list.flatMap((x) => (docs.has(x.edo) ? [{ doc: docs.get(x.edo)!, actual: x.actual }] : [])));
    if (doc) chosen.set(obj, doc);
  }
  const states = new Map<string, { Состояние: string; ДатаИзменения?: string; ПричинаОтклонения?: string }>();
  const chosenKeys = [...new Set([...chosen.values()].map((d) => d.Ref_Key.toLowerCase()))];
  for (let i = 0; i < chosenKeys.length; i += EDO_READ_BATCH) {
    const part = chosenKeys.slice(i, i + EDO_READ_BATCH);
    const rows = await client.list(EDO_STATES, edoStateRow, { filter: orFilter('ЭлектронныйДокумент', part, odataString), top: part.length * 5 });
    for (const s of rows) {
      const k = s.ЭлектронныйДокумент.toLowerCase();
      if (part.includes(k) && !states.has(k)) states.set(k, s);
    }
  }
  for (const [obj, doc] of chosen) out.set(obj, readingOf(doc, states.get(doc.Ref_Key.toLowerCase()), byObject.get(obj)!.length));
  return out;
}
