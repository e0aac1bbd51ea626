// The 1С peer's OData side: `/<base>/odata/standard.odata/…` with Basic auth, JSON only, 1С-like answers and errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { advanceEdo, advanceOne, edoDocumentRow, edoLinkRow, edoStateRow, ensureEdo } from './edo';
import { parseFilter, FilterError, type Row } from './filter';
import type { OneCPeer } from './peer';
import { DOCUMENT_SETS, ENTITY_SETS, ZERO_GUID, nextNumber, onecDate, randomGuid, type EntitySet } from './state';

const EDO_DOC = 'Document_ЭлектронныйДокументИсходящийЭДО';
const EDO_LINKS = 'InformationRegister_ОбъектыУчетаДокументовЭДО';
const EDO_STATES = 'InformationRegister_СостоянияДокументовЭДО';
/** Composite-typed fields: compared with a string or `cast(guid'…', 'Type')`, never a bare guid'…'. */
const COMPOSITE = new Set(['ОбъектУчета', 'ЭлектронныйДокумент', 'Контрагент']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BODY = 1024 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly code = '-1') {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function odataError(res: ServerResponse, e: HttpError): void {
  send(res, e.status, { 'odata.error': { code: e.code, message: { lang: 'ru', value: e.message } } });
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) throw new HttpError(413, 'Тело запроса слишком большое');
    chunks.push(c);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new HttpError(400, 'Ошибка разбора JSON тела запроса');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'Ожидался объект JSON');
  return parsed as Record<string, unknown>;
}

function authorised(peer: OneCPeer, req: IncomingMessage): boolean {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Basic ')) return false;
  const [user, ...rest] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':');
  return user === peer.opts.user && rest.join(':') === peer.opts.password;
}

function rowsOf(peer: OneCPeer, set: string): Row[] {
  const s = peer.state;
  if (set === EDO_LINKS) return Object.values(s.edo).map(edoLinkRow);
  if (set === EDO_STATES) return Object.values(s.edo).map(edoStateRow);
  if (set === EDO_DOC) return Object.values(s.edo).map((r) => edoDocumentRow(r, s.entities[r.objectRef]?.fields));
  return Object.values(s.entities).filter((e) => e.set === set).map((e) => e.fields);
}

/** Index lookups for the filters an exchange job sends per document, so thousands of documents stay fast. */
/**
 * Key lookups answered by index instead of a scan — `field eq 'key'`, or several joined by `or` (a batched read) — with
 * the same rows the scan would give. Anything else goes through the filter parser.
 */
function fastRows(peer: OneCPeer, set: string, filter: string): Row[] | undefined {
  const terms = filter.split(/\s+or\s+/u);
  const keys: { field: string; key: string }[] = [];
  for (const t of terms) {
    const m = /^\s*\(?\s*(ОбъектУчета|ЭлектронныйДокумент|Ref_Key) eq (?:'([^']*)'|guid'([^']*)')\s*\)?\s*$/u.exec(t);
    // The composite register dimensions compare with strings only, Ref_Key with guid'…' only (as the parser rules).
    if (!m || (m[1] === 'Ref_Key') !== (m[3] !== undefined)) return undefined;
    keys.push({ field: m[1]!, key: (m[2] ?? m[3])! });
  }
  const field = keys[0]!.field;
  if (keys.some((k) => k.field !== field)) return undefined;
  const out: Row[] = [];
  const seen = new Set<string>();
  for (const { key } of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    if (set === EDO_LINKS && field === 'ОбъектУчета') {
      const rec = peer.state.edo[key];
      if (rec) out.push(edoLinkRow(rec));
    } else if (set === EDO_STATES && field === 'ЭлектронныйДокумент') {
      const rec = peer.edoByRef(key);
      if (rec && advanceOne(rec, peer.scriptOf, peer.now())) peer.touch();
      if (rec) out.push(edoStateRow(rec));
    } else if (set === EDO_DOC && field === 'Ref_Key') {
      const rec = peer.edoByRef(key.toLowerCase());
      if (rec && advanceOne(rec, peer.scriptOf, peer.now())) peer.touch();
      if (rec) out.push(edoDocumentRow(rec, peer.state.entities[rec.objectRef]?.fields));
    } else return undefined;
  }
  return out;
}

function rowByKey(peer: OneCPeer, set: string, ref: string): Row | undefined {
  const s = peer.state;
  if (set === EDO_DOC) {
    const rec = peer.edoByRef(ref);
    if (rec && advanceOne(rec, peer.scriptOf, peer.now())) peer.touch();
    return rec ? edoDocumentRow(rec, s.entities[rec.objectRef]?.fields) : undefined;
  }
  const ent = s.entities[ref];
  if (ent) return ent.set === set ? ent.fields : undefined;
  return rowsOf(peer, set).find((r) => String(r['Ref_Key']).toLowerCase() === ref);
}

function select(row: Row, fields: string[] | undefined): Row {
  if (!fields) return row;
  return Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]]));
}

function keyOf(raw: string): string {
  const m = /^guid'([^']*)'$/.exec(raw);
  if (!m || !GUID.test(m[1]!)) throw new HttpError(400, `Неверный ключ: ${raw.slice(0, 60)}`);
  return m[1]!.toLowerCase();
}

function isEntitySet(set: string): set is EntitySet {
  return Object.prototype.hasOwnProperty.call(ENTITY_SETS, set);
}

function create(peer: OneCPeer, set: EntitySet, body: Record<string, unknown>): Row {
  const s = peer.state;
  const given = typeof body['Ref_Key'] === 'string' ? body['Ref_Key'].toLowerCase() : '';
  if (given && !GUID.test(given)) throw new HttpError(400, 'Неверное значение Ref_Key');
  const ref = given && given !== ZERO_GUID ? given : randomGuid(s);
  if (s.entities[ref]) throw new HttpError(400, 'Объект с таким ключом уже существует');
  if (DOCUMENT_SETS.includes(set) && peer.faults.rejectKeys?.includes(ref)) {
    throw new HttpError(400, 'Не удалось записать документ: ошибка при проведении (отказ пира)');
  }
  const isDoc = DOCUMENT_SETS.includes(set);
  const defaults: Row = isDoc
    ? {
        Number: '', Date: onecDate(peer.now()), Posted: false, Контрагент_Key: ZERO_GUID, ДоговорКонтрагента_Key: ZERO_GUID,
        СуммаДокумента: 0, Комментарий: '',
        ...(set === 'Document_РеализацияТоваровУслуг' ? { ЭтоУниверсальныйДокумент: false } : {}),
      }
    : { Code: '', Description: '', ИНН: '', КПП: '', НаименованиеПолное: '', IsFolder: false, Parent_Key: ZERO_GUID };
  const fields: Row = { ...defaults, ...body, Ref_Key: ref, DataVersion: '1', DeletionMark: body['DeletionMark'] === true };
  if (isDoc && !fields['Number']) fields['Number'] = nextNumber(s, set, peer.opts.numberPrefix, peer.opts.numberStart);
  if (!isDoc && !fields['Code']) fields['Code'] = nextNumber(s, set, '', 1);
  s.entities[ref] = { set, fields };
  if (isDoc && peer.opts.autoEdo) ensureEdo(s, ref, set, fields, peer.now());
  peer.touch();
  return fields;
}

function update(peer: OneCPeer, set: string, ref: string, body: Record<string, unknown>): Row {
  const ent = peer.state.entities[ref] ??
    Object.values(peer.state.entities).find((e) => String(e.fields['Ref_Key']).toLowerCase() === ref);
  if (!ent || ent.set !== set) throw new HttpError(404, 'Объект не найден', '14');
  const { Ref_Key: _ignored, DataVersion: _v, ...changes } = body;
  ent.fields = { ...ent.fields, ...changes, DataVersion: String(Number(ent.fields['DataVersion'] ?? 0) + 1) };
  peer.touch();
  return ent.fields;
}

/** Answers one request; every failure becomes a 1С-style `odata.error`. */
export async function handleOData(peer: OneCPeer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (peer.faults.slowMs) await new Promise((r) => setTimeout(r, peer.faults.slowMs));
    const url = new URL(req.url ?? '/', 'http://peer');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError(400, 'Неверный адрес');
    }
    const prefix = `/${peer.opts.base}/odata/standard.odata`;
    if (!path.startsWith(prefix)) throw new HttpError(404, 'Не найдено');
    if (!authorised(peer, req)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="1C"', 'Content-Type': 'text/plain;charset=utf-8' });
      res.end('401 Unauthorized');
      return;
    }
    const q = url.searchParams;
    const wantsJson = q.get('$format') === 'json' || (req.headers.accept ?? '').includes('application/json');
    if (!wantsJson) throw new HttpError(406, 'Пир 1С отвечает только JSON: добавьте $format=json');
    const root = `${url.protocol}//${req.headers.host ?? 'peer'}${prefix}`;
    const rest = path.slice(prefix.length).replace(/^\//, '');
    if (rest === '' || rest === '$metadata') {
      const names = [...Object.keys(ENTITY_SETS), EDO_DOC, EDO_LINKS, EDO_STATES];
      send(res, 200, { 'odata.metadata': `${root}/$metadata`, value: names.map((n) => ({ name: n, url: n })) });
      return;
    }
    const m = /^([\p{L}\p{N}_]+)(?:\((.*)\))?$/u.exec(rest);
    if (!m) throw new HttpError(404, 'Не найдено');
    const set = m[1]!;
    const known = isEntitySet(set) || set === EDO_DOC || set === EDO_LINKS || set === EDO_STATES;
    if (!known) throw new HttpError(404, `Сущность ${set} не опубликована`, '9');
    const edoSet = set === EDO_DOC || set === EDO_LINKS || set === EDO_STATES;
    if (edoSet && req.method !== 'GET') throw new HttpError(405, 'Только чтение');
    const method = req.method ?? 'GET';
    if (m[2] !== undefined) {
      if (set === EDO_LINKS || set === EDO_STATES) throw new HttpError(400, 'Ключ регистра сведений не поддерживается пиром');
      const ref = keyOf(m[2]);
      if (method === 'PATCH') {
        send(res, 200, { 'odata.metadata': `${root}/$metadata#${set}/@Element`, ...update(peer, set, ref, await readBody(req)) });
        return;
      }
      if (method !== 'GET') throw new HttpError(405, 'Метод не поддерживается');
      const row = rowByKey(peer, set, ref);
      if (!row) throw new HttpError(404, 'Объект не найден', '14');
      send(res, 200, { 'odata.metadata': `${root}/$metadata#${set}/@Element`, ...select(row, q.get('$select')?.split(',')) });
      return;
    }
    if (method === 'POST') {
      if (!isEntitySet(set)) throw new HttpError(405, 'Только чтение');
      send(res, 201, { 'odata.metadata': `${root}/$metadata#${set}/@Element`, ...create(peer, set, await readBody(req)) });
      return;
    }
    if (method !== 'GET') throw new HttpError(405, 'Метод не поддерживается');
    const filter = q.get('$filter');
    const fast = filter ? fastRows(peer, set, filter) : undefined;
    if (edoSet && !fast && advanceEdo(peer.state, peer.scriptOf, peer.now())) peer.touch();
    let rows = fast ?? rowsOf(peer, set);
    if (filter && !fast) {
      let pred: (r: Row) => boolean;
      try {
        pred = parseFilter(filter, { refuseEq: new Set(peer.opts.refuseEqFilterOn), composite: COMPOSITE });
      } catch (e) {
        if (e instanceof FilterError) throw new HttpError(400, e.message);
        throw e;
      }
      rows = rows.filter(pred);
    }
    const orderby = q.get('$orderby');
    if (orderby) {
      const keys = orderby.split(',').map((k) => k.trim().split(/\s+/)).map(([f, dir]) => ({ f: f!, desc: dir?.toLowerCase() === 'desc' }));
      rows = [...rows].sort((a, b) => {
        for (const { f, desc } of keys) {
          const x = a[f];
          const y = b[f];
          const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
          if (c !== 0) return desc ? -c : c;
        }
        return 0;
      });
    }
    const skip = Number(q.get('$skip') ?? 0) || 0;
    const top = q.has('$top') ? Number(q.get('$top')) : Infinity;
    rows = rows.slice(skip, Number.isFinite(top) ? skip + Math.max(0, top) : undefined);
    const fields = q.get('$select')?.split(',').map((f) => f.trim());
    send(res, 200, { 'odata.metadata': `${root}/$metadata#${set}`, value: rows.map((r) => select(r, fields)) });
  } catch (e) {
    if (e instanceof HttpError) odataError(res, e);
    else odataError(res, new HttpError(500, (e as Error).message));
  }
}
