// Our OData client and operations against the 1С peer on a real port: auth, counterparties, documents, the ЭДО chain.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OneCPeer, type OneCPeerOptions } from '../onec-peer/peer';
import { ODataClient, ODataError } from '../../src-main/features/edo/odata/client';
import { createDocument, findOrCreateCounterparty, updateDocument } from '../../src-main/features/edo/odata/documents';
import { readEdoState, readEdoStates } from '../../src-main/features/edo/odata/edo-chain';
import { edoStateOf } from '../../src-main/features/edo/states';

const peers: OneCPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.stop();
});

const USER = 'Администратор';
const PASSWORD = "пароль: 1'2";

async function serve(o: OneCPeerOptions = {}, client: Partial<{ password: string; timeoutMs: number }> = {}) {
  const peer = new OneCPeer({ port: 0, user: USER, password: PASSWORD, ...o });
  peers.push(peer);
  const { url } = await peer.start();
  const odata = new ODataClient({ baseUrl: `${url!}/`, user: USER, password: client.password ?? PASSWORD, timeoutMs: client.timeoutMs ?? 3000 });
  return { peer, odata };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ODataError) return e.code;
    throw e;
  }
  return 'resolved';
}

describe('OData client against the 1С peer', () => {
  it('a wrong password is an auth error; the right one reads', async () => {
    const { odata: bad } = await serve({}, { password: 'нет' });
    expect(await codeOf(findOrCreateCounterparty(bad, { inn: '7707083893', kpp: '770701001', name: 'ООО А' }))).toBe('auth');
    const { odata } = await serve();
    expect(await odata.list('Catalog_Контрагенты', z.looseObject({}))).toEqual([]);
  });

  it('creates a counterparty once, then finds it (same Ref_Key), also where ИНН eq is refused', async () => {
    for (const refuse of [[], ['ИНН']]) {
      const { peer, odata } = await serve({ refuseEqFilterOn: refuse });
      const input = { inn: '7707083893', kpp: '770701001', name: 'ООО «Ромашка»', fullName: 'Общество «Ромашка» O\'Neil' };
      const a = await findOrCreateCounterparty(odata, input);
      expect(a.created).toBe(true);
      const b = await findOrCreateCounterparty(odata, input);
      expect(b).toEqual({ ref: a.ref, created: false });
      // Another КПП of the same ИНН (a branch) is another counterparty; a longer ИНН containing ours is not a match.
      const branch = await findOrCreateCounterparty(odata, { ...input, kpp: '770702001' });
      expect(branch.created).toBe(true);
      expect(branch.ref).not.toBe(a.ref);
      expect(peer.entity(a.ref)).toMatchObject({ ИНН: '7707083893', КПП: '770701001', ЮридическоеФизическоеЛицо: 'ЮридическоеЛицо', НаименованиеПолное: input.fullName });
      expect(peer.entities('Catalog_Контрагенты')).toHaveLength(2);
    }
  });

  it('an ИП (12-digit ИНН) has no КПП and is found whatever КПП is asked', async () => {
    const { peer, odata } = await serve({ refuseEqFilterOn: ['ИНН'] });
    // A decoy whose ИНН contains ours as a substring must not match.
    await odata.create('Catalog_Контрагенты', { Description: 'Обманка', ИНН: '1500100732259' }, z.looseObject({}));
    const ip = await findOrCreateCounterparty(odata, { inn: '500100732259', kpp: '770701001', name: 'ИП Петров' });
    expect(ip.created).toBe(true);
    expect(peer.entity(ip.ref)).toMatchObject({ ИНН: '500100732259', КПП: '', ЮридическоеФизическоеЛицо: 'ФизическоеЛицо' });
    expect(await findOrCreateCounterparty(odata, { inn: '500100732259', name: 'ИП Петров' })).toEqual({ ref: ip.ref, created: false });
    expect(await codeOf(findOrCreateCounterparty(odata, { inn: "77' or 1", name: 'x' }))).toBe('bad_request');
  });

  it('filter values with quotes and Cyrillic are encoded so 1С reads them back', async () => {
    const { odata } = await serve();
    const row = z.looseObject({ Description: z.string() });
    await odata.create('Catalog_Контрагенты', { Description: "ООО «O'Neil & Co» 100% + ещё", ИНН: '7707083893' }, row);
    const found = await odata.list('Catalog_Контрагенты', row, { filter: "Description eq 'ООО «O''Neil & Co» 100% + ещё'" });
    expect(found.map((r) => r.Description)).toEqual(["ООО «O'Neil & Co» 100% + ещё"]);
    expect(await codeOf(odata.list('Catalog_Контрагенты', row, { filter: "Description eq 'unclosed" }))).toBe('bad_request');
    expect(await codeOf(odata.list('Catalog_НетТакого', row))).toBe('not_found');
  });

  it('creates an act, an УПД and an invoice with 1С numbers, then updates them', async () => {
    const { peer, odata } = await serve();
    const cp = await findOrCreateCounterparty(odata, { inn: '7707083893', kpp: '770701001', name: 'ООО А' });
    const act = await createDocument(odata, 'act', { date: '2026-11-30T00:00:00', counterpartyRef: cp.ref, amount: 12000, comment: 'CRM A-17' });
    const upd = await createDocument(odata, 'upd', { counterpartyRef: cp.ref, amount: 500 });
    const inv = await createDocument(odata, 'invoice', { counterpartyRef: cp.ref, amount: 100 });
    expect([act.number, upd.number, inv.number]).toEqual(['БП-000001', 'БП-000002', 'БП-000001']);
    expect(peer.entity(act.ref)).toMatchObject({ ЭтоУниверсальныйДокумент: false, СуммаДокумента: 12000, Контрагент_Key: cp.ref, Комментарий: 'CRM A-17' });
    expect(peer.entity(upd.ref)).toMatchObject({ ЭтоУниверсальныйДокумент: true });
    expect(peer.entity(inv.ref)).not.toHaveProperty('ЭтоУниверсальныйДокумент');
    expect(await updateDocument(odata, 'act', act.ref, { amount: 15000 })).toEqual(act);
    expect(peer.entity(act.ref)).toMatchObject({ СуммаДокумента: 15000, DataVersion: '2', Number: 'БП-000001' });
    await updateDocument(odata, 'invoice', inv.ref, { comment: 'изменён' });
    expect(peer.entity(inv.ref)).toMatchObject({ Комментарий: 'изменён' });
    expect(await codeOf(updateDocument(odata, 'act', '6f1c1a2e-0000-4aaa-8bbb-000000000009', { amount: 1 }))).toBe('not_found');
  });

  it('a create repeated with our key (a lost answer) returns the first document, not a second one', async () => {
    const { peer, odata } = await serve();
    const ref = '6f1c1a2e-1111-4aaa-8bbb-0000000000aa';
    const first = await createDocument(odata, 'upd', { ref, amount: 1 });
    expect(await createDocument(odata, 'upd', { ref, amount: 1 })).toEqual(first);
    expect(first.ref).toBe(ref);
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(1);
    // 1С refusing to post the document is 1С's message, not a crash.
    const bad = '6f1c1a2e-4444-4aaa-8bbb-000000000001';
    peer.setFaults({ rejectKeys: [bad] });
    const err = await createDocument(odata, 'act', { ref: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ODataError);
    expect(err).toMatchObject({ code: 'bad_request', status: 400 });
    expect((err as Error).message).toMatch(/ошибка при проведении/);
  });

  it('reads the ЭДО chain: none yet, sent, delivered, signed, rejected with reason, annulled', async () => {
    const { peer, odata } = await serve({ autoEdo: false });
    const { ref } = await createDocument(odata, 'act', { amount: 100 });
    expect(await readEdoState(odata, ref)).toBeNull();

    peer.edo(ref); // 1С makes the ЭДО document: waits to be sent
    let r = await readEdoState(odata, ref);
    expect(r).toMatchObject({ state1c: 'ОжидаетсяОтправка', sentAt: null, signedAt: null, regulation: 'АктВыполненныхРабот', candidates: 1 });
    expect(edoStateOf(r!).state).toBe('accepted');

    peer.setState(ref, 'ОжидаетсяИзвещение', undefined, new Date(2026, 11, 2, 10, 0, 0));
    expect(edoStateOf((await readEdoState(odata, ref))!)).toMatchObject({ state: 'sent', raw: 'ОжидаетсяИзвещение' });

    peer.send(ref, new Date(2026, 11, 2, 11, 0, 0));
    r = await readEdoState(odata, ref);
    expect(r).toMatchObject({ state1c: 'ОжидаетсяПодтверждение', sentAt: '2026-12-02T11:00:00', signedAt: null, changedAt: '2026-12-02T11:00:00' });
    expect(edoStateOf(r!).state).toBe('delivered');

    peer.sign(ref, new Date(2026, 11, 3, 14, 5, 0));
    r = await readEdoState(odata, ref);
    expect(r).toMatchObject({ state1c: 'ОбменЗавершен', signedAt: '2026-12-03T14:05:00', reason: null });
    expect(edoStateOf(r!)).toEqual({ state: 'signed', raw: 'ОбменЗавершен', signedOn: '2026-12-03', known: true });

    peer.annul(ref);
    expect(edoStateOf((await readEdoState(odata, ref))!)).toMatchObject({ state: 'annulled', signedOn: null });

    const other = await createDocument(odata, 'upd', { amount: 5 });
    peer.reject(other.ref, 'Неверная сумма', new Date(2026, 11, 4, 9, 0, 0));
    r = await readEdoState(odata, other.ref);
    expect(r).toMatchObject({ state1c: 'ОтклоненПолучателем', reason: 'Неверная сумма', regulation: 'УПД' });
    expect(edoStateOf(r!)).toMatchObject({ state: 'rejected', signedOn: null });
  });

  it('an unknown 1С state is kept as it is; a signing date still means signed', async () => {
    const { peer, odata } = await serve();
    const { ref } = await createDocument(odata, 'act', {});
    peer.setState(ref, 'КакоеТоНовоеСостояние');
    const r = await readEdoState(odata, ref);
    expect(edoStateOf(r!)).toEqual({ state: 'unknown', raw: 'КакоеТоНовоеСостояние', signedOn: null, known: false });
    peer.sign(ref, new Date(2026, 11, 5, 8, 0, 0));
    peer.setState(ref, 'ПодписанНоПоНовому');
    expect(edoStateOf((await readEdoState(odata, ref))!)).toEqual({ state: 'signed', raw: 'ПодписанНоПоНовому', signedOn: '2026-12-05', known: false });
    expect(await codeOf(readEdoState(odata, 'not-a-guid'))).toBe('bad_request');
  });

  it('the batched read answers exactly what one-by-one reads answer, for a mix of states, none yet and a re-send', async () => {
    const { peer, odata } = await serve({ autoEdo: false });
    const refs: string[] = [];
    for (let i = 0; i < 7; i++) refs.push((await createDocument(odata, i % 2 ? 'upd' : 'act', { amount: i })).ref);
    peer.edo(refs[0]!);
    peer.send(refs[1]!, new Date(2026, 11, 2, 11, 0, 0));
    peer.sign(refs[2]!, new Date(2026, 11, 3, 14, 5, 0));
    peer.reject(refs[3]!, 'Не наш документ');
    peer.setState(refs[4]!, 'НовоеСостояние');
    peer.annul(refs[5]!);
    // refs[6]: 1С has made no ЭДО document yet.
    const batched = await readEdoStates(odata, refs.map((r) => r.toUpperCase()));
    expect(batched.size).toBe(7);
    for (const ref of refs) expect(batched.get(ref), ref).toEqual(await readEdoState(odata, ref));
    expect(batched.get(refs[6]!)).toBeNull();
    const many = Array.from({ length: 21 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(await codeOf(readEdoStates(odata, many))).toBe('bad_request');
    expect(await codeOf(readEdoStates(odata, ['not-a-guid']))).toBe('bad_request');
  });

  it('a peer slower than the timeout is a timeout error', async () => {
    const { peer, odata } = await serve({}, { timeoutMs: 150 });
    peer.setFaults({ slowMs: 600 });
    const t0 = Date.now();
    expect(await codeOf(findOrCreateCounterparty(odata, { inn: '7707083893', kpp: '770701001', name: 'А' }))).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(550);
  });
});
