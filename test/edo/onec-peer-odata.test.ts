// The 1С peer over OData: Basic auth, counterparty find/create, documents, and the three-step ЭДО state chain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OneCPeer, type OneCPeerOptions } from '../onec-peer/peer';
import { signingScript } from '../onec-peer/edo';
import { ACT, CP, act, counterparty, ourMessage, putOurs } from './onec-peer-fixtures';

const peers: OneCPeer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const AUTH = `Basic ${Buffer.from('Администратор:пароль 1').toString('base64')}`;

async function serve(o: OneCPeerOptions = {}): Promise<{ peer: OneCPeer; url: string }> {
  const peer = new OneCPeer({ port: 0, user: 'Администратор', password: 'пароль 1', ...o });
  peers.push(peer);
  const { url } = await peer.start();
  return { peer, url: url! };
}

type Json = Record<string, unknown> & { value?: Record<string, unknown>[] };

async function call(url: string, path: string, init: { method?: string; body?: unknown; auth?: string | null } = {}): Promise<{ status: number; json: Json }> {
  const sep = path.includes('?') ? '&' : '?';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.auth !== null) headers['Authorization'] = init.auth ?? AUTH;
  const res = await fetch(`${url}/${path}${sep}$format=json`, {
    method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, json: (text.startsWith('{') ? JSON.parse(text) : {}) as Json };
}

const q = (s: string) => encodeURIComponent(s);

describe('1С peer, OData', () => {
  it('refuses requests without the right Basic credentials', async () => {
    const { url } = await serve();
    expect((await call(url, 'Catalog_Контрагенты', { auth: null })).status).toBe(401);
    const wrong = `Basic ${Buffer.from('Администратор:нет').toString('base64')}`;
    expect((await call(url, 'Catalog_Контрагенты', { auth: wrong })).status).toBe(401);
    const ok = await call(url, 'Catalog_Контрагенты');
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ value: [] });
    expect(String(ok.json['odata.metadata'])).toMatch(/\/bp\/odata\/standard\.odata\/\$metadata#Catalog_Контрагенты$/);
  });

  it('creates a counterparty and finds it with substringof; refuses ИНН eq when set up so', async () => {
    const { url } = await serve({ refuseEqFilterOn: ['ИНН'] });
    const made = await call(url, 'Catalog_Контрагенты', {
      method: 'POST', body: { Description: 'ИП Петров', ИНН: '500100732259', КПП: '', ЮридическоеФизическоеЛицо: 'ФизическоеЛицо' },
    });
    expect(made.status).toBe(201);
    expect(made.json['Ref_Key']).toMatch(/^[0-9a-f-]{36}$/);
    await call(url, 'Catalog_Контрагенты', { method: 'POST', body: { Description: 'Другой', ИНН: '7707083893' } });
    const found = await call(url, `Catalog_Контрагенты?$filter=${q("substringof('500100732259', ИНН)")}`);
    expect(found.json.value?.map((r) => r['Description'])).toEqual(['ИП Петров']);
    const refused = await call(url, `Catalog_Контрагенты?$filter=${q("ИНН eq '500100732259'")}`);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ 'odata.error': { message: { lang: 'ru' } } });
    const { url: url2 } = await serve();
    await call(url2, 'Catalog_Контрагенты', { method: 'POST', body: { Description: 'X', ИНН: '7707083893', КПП: '770701001' } });
    const eq = await call(url2, `Catalog_Контрагенты?$filter=${q("ИНН eq '7707083893' and КПП eq '770701001'")}`);
    expect(eq.json.value).toHaveLength(1);
    await call(url2, 'Catalog_Контрагенты', { method: 'POST', body: { Description: 'Y', ИНН: '7707083893', КПП: '770702001' } });
    const sorted = await call(url2, `Catalog_Контрагенты?$filter=${q("substringof('7707083893', ИНН)")}&$orderby=${q('КПП desc')}&$top=1&$select=КПП`);
    expect(sorted.json.value).toEqual([{ КПП: '770702001' }]);
  });

  it('creates, reads and updates a document by key', async () => {
    const { url } = await serve();
    const cp = await call(url, 'Catalog_Контрагенты', { method: 'POST', body: { Description: 'ООО А', ИНН: '7707083893' } });
    const doc = await call(url, 'Document_РеализацияТоваровУслуг', {
      method: 'POST',
      body: { Date: '2026-11-30T00:00:00', Контрагент_Key: cp.json['Ref_Key'], СуммаДокумента: 12000, ЭтоУниверсальныйДокумент: true },
    });
    expect(doc.status).toBe(201);
    expect(doc.json).toMatchObject({ Number: 'БП-000001', ЭтоУниверсальныйДокумент: true, Posted: false });
    const key = `Document_РеализацияТоваровУслуг(guid'${String(doc.json['Ref_Key'])}')`;
    expect((await call(url, key)).json).toMatchObject({ Number: 'БП-000001', СуммаДокумента: 12000 });
    const patched = await call(url, key, { method: 'PATCH', body: { СуммаДокумента: 15000 } });
    expect(patched.json).toMatchObject({ Number: 'БП-000001', СуммаДокумента: 15000, DataVersion: '2' });
    expect((await call(url, `Document_РеализацияТоваровУслуг(guid'${CP}')`)).status).toBe(404);
    const inv = await call(url, 'Document_СчетНаОплатуПокупателю', { method: 'POST', body: { СуммаДокумента: 1 } });
    expect(inv.json['Number']).toBe('БП-000001');
    expect((await call(url, 'Document_НетТакого')).status).toBe(404);
  });

  it('refuses a rejected key and answers slowly when told to', async () => {
    const bad = '6f1c1a2e-4444-4aaa-8bbb-000000000001';
    const { peer, url } = await serve({ faults: { rejectKeys: [bad] } });
    const refused = await call(url, 'Document_РеализацияТоваровУслуг', { method: 'POST', body: { Ref_Key: bad } });
    expect(refused.status).toBe(400);
    expect(peer.entity(bad)).toBeUndefined();
    peer.setFaults({ slowMs: 150 });
    const t0 = Date.now();
    expect((await call(url, 'Catalog_Контрагенты')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('reads the ЭДО state in three steps: not signed, signed, rejected with a reason, unknown, annulled', async () => {
    const { peer, url } = await serve();
    const doc = await call(url, 'Document_РеализацияТоваровУслуг', { method: 'POST', body: { СуммаДокумента: 100 } });
    const ref = String(doc.json['Ref_Key']);
    const chain = async () => {
      const links = await call(url, `InformationRegister_ОбъектыУчетаДокументовЭДО?$filter=${q(`ОбъектУчета eq '${ref}'`)}`);
      expect(links.json.value).toHaveLength(1);
      const edoRef = String(links.json.value![0]!['ЭлектронныйДокумент']);
      const edoDoc = await call(url, `Document_ЭлектронныйДокументИсходящийЭДО(guid'${edoRef}')`);
      const states = await call(url, `InformationRegister_СостоянияДокументовЭДО?$filter=${q(`ЭлектронныйДокумент eq '${edoRef}'`)}`);
      return { doc: edoDoc.json, state: states.json.value![0]! };
    };
    let c = await chain();
    expect(c.doc).toMatchObject({ ДатаПодписания: '0001-01-01T00:00:00', ДатаОтправки: '0001-01-01T00:00:00', ТипРегламента: 'АктВыполненныхРабот' });
    expect(c.state['Состояние']).toBe('ОжидаетсяОтправка');
    // The composite register dimension does not compare with a bare guid literal (as reported for real 1С).
    expect((await call(url, `InformationRegister_ОбъектыУчетаДокументовЭДО?$filter=${q(`ОбъектУчета eq guid'${ref}'`)}`)).status).toBe(400);

    peer.sign(ref, new Date(2026, 11, 3, 14, 5, 0));
    c = await chain();
    expect(c.doc['ДатаПодписания']).toBe('2026-12-03T14:05:00');
    expect(c.state['Состояние']).toBe('ОбменЗавершен');

    peer.reject(ref, 'Неверная сумма');
    c = await chain();
    expect(c.state).toMatchObject({ Состояние: 'ОтклоненПолучателем', ПричинаОтклонения: 'Неверная сумма' });

    peer.setState(ref, 'СостояниеКоторогоНиктоНеЗнает');
    expect((await chain()).state['Состояние']).toBe('СостояниеКоторогоНиктоНеЗнает');
    peer.annul(ref);
    expect((await chain()).state['Состояние']).toBe('Аннулирован');
  });

  it('advances ЭДО states over time by its script', async () => {
    let now = new Date(2026, 11, 1, 9, 0, 0).getTime();
    const rejectedRef = '6f1c1a2e-3333-4aaa-8bbb-000000000001';
    const { peer, url } = await serve({
      edoScript: signingScript(60_000), now: () => now,
      edoScripts: { [rejectedRef]: [{ afterMs: 30_000, state: 'ОтклоненПолучателем', send: true, reason: 'Не наш документ' }] },
    });
    const doc = await call(url, 'Document_РеализацияТоваровУслуг', { method: 'POST', body: {} });
    const ref = String(doc.json['Ref_Key']);
    const other = await call(url, 'Document_РеализацияТоваровУслуг', { method: 'POST', body: { Ref_Key: rejectedRef } });
    expect(other.json['Ref_Key']).toBe(rejectedRef);
    expect(peer.edo(rejectedRef).state).toBe('ОжидаетсяОтправка');
    expect(peer.edo(ref)).toMatchObject({ state: 'ОжидаетсяПодтверждение', sentAt: '2026-12-01T09:00:00', signedAt: '0001-01-01T00:00:00' });
    now += 60_000;
    const edoRef = peer.edo(ref).edoRef;
    const edoDoc = await call(url, `Document_ЭлектронныйДокументИсходящийЭДО(guid'${edoRef}')`);
    expect(edoDoc.json['ДатаПодписания']).toBe('2026-12-01T09:01:00');
    expect(peer.edo(rejectedRef)).toMatchObject({ state: 'ОтклоненПолучателем', reason: 'Не наш документ', signedAt: '0001-01-01T00:00:00' });
  });

  it('shows documents that came through the folder, with the peer numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onec-peer-'));
    dirs.push(dir);
    const { peer, url } = await serve({ dir, pollMs: 60_000 });
    putOurs(dir, ourMessage(1, 0, counterparty() + act(ACT, '500', true)));
    await peer.exchange();
    const got = await call(url, `Document_РеализацияТоваровУслуг(guid'${ACT}')`);
    expect(got.json).toMatchObject({ Number: 'БП-000001', Контрагент_Key: CP, ЭтоУниверсальныйДокумент: true, СуммаДокумента: 500 });
    const links = await call(url, `InformationRegister_ОбъектыУчетаДокументовЭДО?$filter=${q(`ОбъектУчета eq '${ACT}'`)}`);
    expect(links.json.value?.[0]).toMatchObject({ ОбъектУчета: ACT, ЭлектронныйДокумент_Type: 'StandardODATA.Document_ЭлектронныйДокументИсходящийЭДО' });
    const edoDoc = await call(url, `Document_ЭлектронныйДокументИсходящийЭДО(guid'${String(links.json.value![0]!['ЭлектронныйДокумент'])}')`);
    expect(edoDoc.json['ТипРегламента']).toBe('УПД');
  });
});
