// Our OData client against a hostile or broken "1С" (a tiny node:http server): every bad answer is a typed error, never a crash.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ODataClient, ODataError, odataString } from '../../src-main/features/edo/odata/client';
import { createDocument, findOrCreateCounterparty } from '../../src-main/features/edo/odata/documents';
import { readEdoState } from '../../src-main/features/edo/odata/edo-chain';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
let handler: Handler = (_q, res) => res.end('{}');
let server: Server;
let base = '';
const seen: URL[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(url);
    res.on('error', () => undefined);
    handler(req, res, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bp/odata/standard.odata`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const client = () => new ODataClient({ baseUrl: base, user: 'u', password: 'p', timeoutMs: 3000 });
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const setOf = (url: URL) => decodeURIComponent(url.pathname).split('/').pop()!;

async function failure(p: Promise<unknown>): Promise<ODataError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ODataError);
  return e as ODataError;
}

const CP_INPUT = { inn: '7707083893', kpp: '770701001', name: 'ООО А' };
const G = (n: number) => `6f1c1a2e-2222-4aaa-8bbb-${String(n).padStart(12, '0')}`;

describe('OData client against hostile answers', () => {
  it('a 50 MB body (chunked or declared) is refused at the cap, quickly', async () => {
    for (const declared of [false, true]) {
      handler = (_q, res) => {
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        res.writeHead(200, { 'Content-Type': 'application/json', ...(declared ? { 'Content-Length': String(50 * chunk.length) } : {}) });
        res.write('{"value":[');
        let sent = 0;
        const more = () => {
          while (sent < 50) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end(']}');
        };
        more();
      };
      const t0 = Date.now();
      const e = await failure(findOrCreateCounterparty(client(), CP_INPUT));
      expect(e.code).toBe('bad_response');
      expect(e.message).toMatch(/too large/);
      expect(Date.now() - t0).toBeLessThan(2000);
    }
  });

  it('non-JSON, a JSON array, deep nesting and a missing value array are bad responses', async () => {
    const bodies = ['<html><body>Ошибка 1С</body></html>', '[1,2,3]', `${'['.repeat(500_000)}${']'.repeat(500_000)}`, '{"odata.metadata":"x"}', ''];
    for (const body of bodies) {
      handler = (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body);
      };
      expect((await failure(findOrCreateCounterparty(client(), CP_INPUT))).code).toBe('bad_response');
    }
  });

  it('JSON with wrong field types is a bad response, whichever step of the chain sends it', async () => {
    const cases: Record<string, unknown>[] = [
      { Catalog_Контрагенты: { value: [{ Ref_Key: 12345, ИНН: '7707083893', КПП: '770701001' }] } },
      { Catalog_Контрагенты: { value: [{ Ref_Key: G(1), ИНН: 7707083893, КПП: '770701001' }] } },
      { Catalog_Контрагенты: { value: [null] } },
    ];
    for (const c of cases) {
      handler = (_q, res, url) => json(res, 200, c[setOf(url)] ?? { value: [] });
      expect((await failure(findOrCreateCounterparty(client(), CP_INPUT))).code).toBe('bad_response');
    }
    // A created document without its number field, or with a number that is not a string.
    for (const made of [{ Ref_Key: G(1) }, { Ref_Key: G(1), Number: 17 }, { Ref_Key: 'ref', Number: '1' }]) {
      handler = (_q, res) => json(res, 201, made);
      expect((await failure(createDocument(client(), 'act', {}))).code).toBe('bad_response');
    }
    const doc = G(10);
    const edo = G(20);
    const chain = (over: Record<string, unknown>): Handler => (_q, res, url) => {
      const set = setOf(url);
      if (set in over) return json(res, 200, over[set]);
      if (set.startsWith('InformationRegister_ОбъектыУчетаДокументовЭДО')) return json(res, 200, { value: [{ ОбъектУчета: doc, ЭлектронныйДокумент: edo }] });
      if (set.startsWith('Document_ЭлектронныйДокументИсходящийЭДО')) return json(res, 200, { Ref_Key: edo, ДатаПодписания: '0001-01-01T00:00:00' });
      return json(res, 200, { value: [{ ЭлектронныйДокумент: edo, Состояние: 'ОбменЗавершен' }] });
    };
    handler = chain({});
    expect(await readEdoState(client(), doc)).toMatchObject({ edoRef: edo, state1c: 'ОбменЗавершен', signedAt: null });
    const broken: Record<string, unknown>[] = [
      { InformationRegister_ОбъектыУчетаДокументовЭДО: { value: [{ ОбъектУчета: doc, ЭлектронныйДокумент: { x: 1 } }] } },
      { [`Document_ЭлектронныйДокументИсходящийЭДО(guid'${edo}')`]: { Ref_Key: edo, ДатаПодписания: 'вчера' } },
      { [`Document_ЭлектронныйДокументИсходящийЭДО(guid'${edo}')`]: { Ref_Key: edo, ДатаПодписания: 20261203 } },
      { InformationRegister_СостоянияДокументовЭДО: { value: [{ ЭлектронныйДокумент: edo, Состояние: 7 }] } },
      { InformationRegister_СостоянияДокументовЭДО: { value: 'ОбменЗавершен' } },
    ];
    for (const over of broken) {
      handler = chain(over);
      expect((await failure(readEdoState(client(), doc))).code).toBe('bad_response');
    }
  });

  it('HTTP statuses become typed errors with 1С message text', async () => {
    const cases: [number, unknown, string, RegExp?][] = [
      [401, '401 Unauthorized', 'auth'],
      [403, { 'odata.error': { code: '-1', message: { lang: 'ru', value: 'Нет прав' } } }, 'auth'],
      [400, { 'odata.error': { code: '-1', message: { lang: 'ru', value: 'Недопустимое сравнение по полю ИНН' } } }, 'bad_request', /Недопустимое сравнение по полю ИНН/],
      [404, { 'odata.error': { code: '9', message: { lang: 'ru', value: 'Сущность не опубликована' } } }, 'not_found', /не опубликована/],
      [500, { 'odata.error': { code: '-1', message: { lang: 'ru', value: 'Ошибка СУБД' } } }, 'server', /Ошибка СУБД/],
      [502, '<html>Bad gateway</html>', 'server', /Bad gateway/],
      [302, '', 'network'],
    ];
    for (const [status, body, code, text] of cases) {
      handler = (_q, res) => {
        res.writeHead(status, status === 302 ? { Location: 'http://127.0.0.1:1/' } : {});
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const e = await failure(findOrCreateCounterparty(client(), CP_INPUT));
      expect(e.code).toBe(code);
      if (text) expect(e.message).toMatch(text);
    }
  });

  it('a closed port is a network error; a silent server is a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const c = new ODataClient({ baseUrl: `http://127.0.0.1:${port}/bp/odata/standard.odata`, user: 'u', password: 'p' });
    expect((await failure(findOrCreateCounterparty(c, CP_INPUT))).code).toBe('network');
    // Headers at once, then the body never ends: the timeout covers reading the body too.
    handler = (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"value":[');
    };
    const slow = new ODataClient({ baseUrl: base, user: 'u', password: 'p', timeoutMs: 150 });
    expect((await failure(findOrCreateCounterparty(slow, CP_INPUT))).code).toBe('timeout');
    expect(() => new ODataClient({ baseUrl: 'file:///etc', user: 'u', password: 'p' })).toThrow(ODataError);
  });

  it('sends Basic auth, $format=json, percent-encoded Cyrillic and doubled quotes', async () => {
    let auth = '';
    handler = (req, res) => {
      auth = req.headers.authorization ?? '';
      json(res, 200, { value: [] });
    };
    seen.length = 0;
    const c = new ODataClient({ baseUrl: `${base}/`, user: 'Администратор', password: 'п:ароль', timeoutMs: 1000 });
    await c.list('Catalog_Контрагенты', z.looseObject({}), { filter: `Description eq ${odataString("O'Neil & Co + 1")}`, top: 2 });
    expect(Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8')).toBe('Администратор:п:ароль');
    const url = seen[0]!;
    expect(url.pathname).toBe(`/bp/odata/standard.odata/Catalog_${encodeURIComponent('Контрагенты')}`);
    expect(url.pathname).toMatch(/^[\x21-\x7e]+$/);
    expect(url.searchParams.get('$filter')).toBe("Description eq 'O''Neil & Co + 1'");
    expect(url.searchParams.get('$format')).toBe('json');
    expect(url.searchParams.get('$top')).toBe('2');
    expect(url.search).not.toContain('+');
    await expect(c.get('Catalog_Контрагенты', "x') or true", z.looseObject({}))).rejects.toMatchObject({ code: 'bad_request' });
    await expect(c.list('Catalog_Контрагенты?$top=1', z.looseObject({}))).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('several ЭДО documents for one object: the actual, latest, live outgoing one wins; other objects are ignored', async () => {
    const doc = G(10);
    const stranger = G(11);
    const edos = { old: G(21), actual: G(22), newerNotActual: G(23), deleted: G(24), incoming: G(25), foreign: G(26) };
    const links = [
      { ОбъектУчета: doc, ЭлектронныйДокумент: edos.old, Актуальный: true },
      { ОбъектУчета: doc, ЭлектронныйДокумент: edos.actual, Актуальный: true },
      { ОбъектУчета: doc, ЭлектронныйДокумент: edos.newerNotActual, Актуальный: false },
      { ОбъектУчета: doc, ЭлектронныйДокумент: edos.deleted, Актуальный: true },
      { ОбъектУчета: doc, ЭлектронныйДокумент: edos.incoming, ЭлектронныйДокумент_Type: 'StandardODATA.Document_ЭлектронныйДокументВходящийЭДО' },
      // A server that ignored the filter hands over another object's link.
      { ОбъектУчета: stranger, ЭлектронныйДокумент: edos.foreign, Актуальный: true },
    ];
    const docs: Record<string, Record<string, unknown>> = {
      [edos.old]: { Date: '2026-11-01T10:00:00', ДатаОтправки: '2026-11-01T10:00:00' },
      [edos.actual]: { Date: '2026-11-20T10:00:00', ДатаОтправки: '2026-11-20T10:05:00', ДатаПодписания: '' },
      [edos.newerNotActual]: { Date: '2026-11-25T10:00:00' },
      [edos.deleted]: { Date: '2026-11-30T10:00:00', DeletionMark: true },
      [edos.foreign]: { Date: '2026-12-01T10:00:00' },
    };
    const asked: string[] = [];
    handler = (_q, res, url) => {
      const set = setOf(url);
      asked.push(set);
      if (set === 'InformationRegister_ОбъектыУчетаДокументовЭДО') {
        expect(url.searchParams.get('$filter')).toBe(`ОбъектУчета eq '${doc}'`);
        return json(res, 200, { value: links });
      }
      const m = /^Document_ЭлектронныйДокументИсходящийЭДО\(guid'([^']+)'\)$/.exec(set);
      if (m) return docs[m[1]!] ? json(res, 200, { Ref_Key: m[1], ...docs[m[1]!] }) : json(res, 404, {});
      return json(res, 200, { value: [{ ЭлектронныйДокумент: edos.old, Состояние: 'ОбменЗавершен' }, { ЭлектронныйДокумент: url.searchParams.get('$filter')!.split("'")[1], Состояние: 'ОжидаетсяПодтверждение', ДатаИзменения: '2026-11-21T09:00:00' }] });
    };
    const r = await readEdoState(client(), doc.toUpperCase());
    expect(r).toEqual({
      edoRef: edos.actual, state1c: 'ОжидаетсяПодтверждение', sentAt: '2026-11-20T10:05:00', signedAt: null, reason: null,
      changedAt: '2026-11-21T09:00:00', regulation: null, candidates: 4,
    });
    expect(asked.some((s) => s.includes(edos.foreign) || s.includes(edos.incoming))).toBe(false);
  });
});
