// The folder exchange against the 1С peer: documents go out once, come back acknowledged and numbered, whatever the peer does.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { OneCPeer } from '../onec-peer/peer';
import { stmt } from '../../src-main/db/stmt';
import { addConnection, edoRows, events, queuedActs, round, tempDir } from './exchange-helpers';
import { runOnecRound } from '../../src-main/features/edo/round';
import { edParseTask } from '../../src-main/features/edo/enterprise-data/edo.workers';
import { connectionHealth } from '../../src-main/features/edo/connections.repo';
import { seedDocClient } from '../documents/fixtures';

let env: TestEnv;
const dirs: string[] = [];
const peers: OneCPeer[] = [];
beforeEach(async () => {
  env = await testEnv();
});
afterEach(async () => {
  for (const p of peers.splice(0)) await p.stop();
  await env.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function peerAt(dir: string, o: ConstructorParameters<typeof OneCPeer>[0] = {}): OneCPeer {
  const p = new OneCPeer({ dir, resendMs: 0, ourCode: 'CRM', peerCode: 'BP', ...o });
  peers.push(p);
  return p;
}

function folderSetup(zip = false) {
  const dir = tempDir();
  dirs.push(dir);
  const conn = addConnection(env, { sendVia: 'folder', folder: dir, zip });
  return { dir, conn };
}

/** Rounds on both sides until every document is acknowledged and numbered (or the budget runs out). */
async function settle(peer: OneCPeer, conn: number, budget = 40): Promise<number> {
  for (let i = 0; i < budget; i++) {
    await round(env, conn);
    await peer.exchange();
    const rows = edoRows(env);
    if (rows.every((r) => r.ackedAt && r.onecNumber)) {
      await round(env, conn);
      return i + 1;
    }
    // The resend interval passes between rounds.
    env.clock.set(new Date(env.clock.now().getTime() + 60_000).toISOString());
  }
  throw new Error(`not settled: ${JSON.stringify(edoRows(env).filter((r) => !r.ackedAt || !r.onecNumber))}`);
}

describe('folder transport', () => {
  it('hands documents to 1С once; 1С acknowledges and numbers them; nothing is written again when nothing changed', async () => {
    const { dir, conn } = folderSetup(true);
    const peer = peerAt(dir, { zip: true, validateXsd: false });
    const ids = await queuedActs(env, 3);
    const r1 = await round(env, conn);
    expect(r1).toMatchObject({ ran: true, error: null, folder: { wrote: 1, documents: 3 } });
    expect(edoRows(env).map((r) => [r.state, r.messageNo])).toEqual([['handed', 1], ['handed', 1], ['handed', 1]]);
    expect((await peer.exchange()).received).toMatchObject({ messageNo: 1, created: 4 }); // the counterparty and three acts
    const r2 = await round(env, conn);
    expect(r2).toMatchObject({ ran: true, folder: { received: 1, acked: 3, numbered: 3 } });
    const rows = edoRows(env);
    expect(rows.every((r) => r.state === 'accepted' && r.ackedAt)).toBe(true);
    const numbers = rows.map((r) => r.onecNumber);
    expect(new Set(numbers).size).toBe(3);
    for (const r of rows) expect(peer.entity(r.ref)?.['Number']).toBe(r.onecNumber);
    expect(events(env, ids[0]!)).toEqual(['queued', 'handed', 'accepted']);
    // Our acknowledgement went with message 2; the peer reports nothing new after it, and we write nothing more.
    expect(r2.ran && r2.folder?.wrote).toBe(2);
    await peer.exchange();
    env.clock.set('2026-11-27T10:00:00Z');
    const r3 = await round(env, conn);
    expect(r3.ran && r3.folder?.wrote).toBeNull();
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(3);
  });

  it('resends until acknowledged: lost acknowledgements, duplicated and reordered messages change nothing', async () => {
    const { dir, conn } = folderSetup();
    const peer = peerAt(dir, { faults: { dropAcks: 0.4, duplicate: 0.3, reorder: 0.3 }, seed: 7 });
    const ids = await queuedActs(env, 12);
    await settle(peer, conn);
    const rows = edoRows(env);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.onecNumber)).size).toBe(12);
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(12);
    for (const id of ids) expect(events(env, id).filter((k) => k === 'accepted')).toHaveLength(1);
    for (const r of rows) expect(peer.entity(r.ref)?.['Number']).toBe(r.onecNumber);
  });

  it('sends a document again after it changed (1С updates it by key), and not after a change 1С does not see', async () => {
    const { dir, conn } = folderSetup();
    const peer = peerAt(dir);
    const [id] = await queuedActs(env, 1);
    await settle(peer, conn);
    const before = edoRows(env)[0]!;
    // Marking the return bumps the version but changes nothing 1С gets.
    await env.admin('documents.markReturned', { id: id!, date: '2026-11-25' });
    const quiet = await round(env, conn);
    expect(quiet.ran && quiet.folder?.documents).toBe(0);
    const v = (stmt(env.core.db, 'SELECT version FROM documents WHERE id = ?').get(id) as { version: number }).version;
    await env.admin('documents.update', { id: id!, version: v, lines: [{ name: 'Сопровождение К+ (исправлено)', qty: 2, priceKop: 100_000 }] });
    const again = await round(env, conn);
    expect(again.ran && again.folder?.documents).toBe(1);
    await peer.exchange();
    expect(peer.entity(before.ref)?.['СуммаДокумента']).toBe(2000);
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(1);
    expect(events(env, id!)).toContain('queued_again');
  });

  it('after 1С restarts from a copy that lost our last message, the documents in it are sent again', async () => {
    const { dir, conn } = folderSetup();
    let peer = peerAt(dir);
    await queuedActs(env, 2);
    await settle(peer, conn);
    const r0 = peer.numbers.receivedNo;
    await queuedActs(env, 1);
    await settle(peer, conn);
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(3);
    const lost = peer.numbers.receivedNo - r0;
    await peer.stop();
    peers.splice(peers.indexOf(peer), 1);
    // Restoring takes a while: the restored 1С's messages are written later than any we read before.
    peer = peerAt(dir, { forgetLast: lost, now: () => Date.now() + 60_000 });
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(2);
    // The restored 1С writes before it reads our next message: its ReceivedNo is below what it acknowledged before.
    rmSync(join(dir, 'Message_CRM_BP.xml'));
    peer.state.needWrite = true;
    await peer.exchange();
    const r = await round(env, conn);
    expect(r).toMatchObject({ ran: true, error: null, folder: { refused: null } });
    expect(edoRows(env).filter((x) => !x.ackedAt)).toHaveLength(1);
    await settle(peer, conn);
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(3);
    for (const r of edoRows(env)) expect(peer.entity(r.ref)?.['Number']).toBe(r.onecNumber);
  });

  it('refuses a hostile or malformed message from 1С with a clear error and goes on exchanging', async () => {
    const { dir, conn } = folderSetup();
    const peer = peerAt(dir);
    await queuedActs(env, 1);
    const bomb = `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Message>&b;</Message>`;
    writeFileSync(join(dir, 'Message_BP_CRM.xml'), bomb);
    const r = await round(env, conn);
    expect(r).toMatchObject({ ran: true, folder: { refused: expect.stringMatching(/^doctype/), wrote: 1 } });
    const h = connectionHealth(env.core.db, Date.now())[0]!;
    expect(h).toMatchObject({ refused: 1, lastError: expect.stringMatching(/doctype/) });
    writeFileSync(join(dir, 'Message_BP_CRM.xml'), `<?xml version="1.0"?><Message><Header>${'x'.repeat(1000)}`);
    expect(await round(env, conn)).toMatchObject({ ran: true, folder: { refused: expect.stringMatching(/^(malformed|not_enterprise_data)/) } });
    await settle(peer, conn);
    expect(edoRows(env)[0]).toMatchObject({ state: 'accepted' });
    expect(connectionHealth(env.core.db, Date.now())[0]).toMatchObject({ lastError: null, refused: 2 });
  });

  it('a УПД goes as a sale flagged universal, a счёт-фактура as СчетФактураВыданный, with VAT, under a contract', async () => {
    const { dir, conn } = folderSetup();
    const peer = peerAt(dir, { validateXsd: false });
    const c = await seedDocClient(env);
    const contract = await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-01' });
    const lines = [{ name: 'Сопровождение К+', qty: 2, priceKop: 61_000 }];
    const upd = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-11-20', parentId: contract.id, vatMode: 'included', vatRate: 22, lines });
    const sf = await env.admin('documents.create', { type: 'invoice_factura', clientId: c.clientId, date: '2026-11-20', vatMode: 'included', vatRate: 22, lines });
    for (const id of [upd.id, sf.id]) await env.admin('edo.send', { documentId: id });
    await settle(peer, conn);
    const [u, f] = edoRows(env);
    expect(peer.entity(u!.ref)).toMatchObject({ ЭтоУниверсальныйДокумент: true, СуммаДокумента: 1220 });
    expect(peer.entities('Document_СчетФактураВыданный').map((e) => e['Ref_Key'])).toEqual([f!.ref]);
    expect(peer.entities('Catalog_ДоговорыКонтрагентов')).toHaveLength(1);
  });

  it('«Передать заново» after 1С was restored: documents from the date go again and are acknowledged again; signed ones and older ones stay', async () => {
    const { dir, conn } = folderSetup();
    const peer = peerAt(dir);
    const [old] = await queuedActs(env, 1, '2026-10-20');
    const [a, b, signed] = await queuedActs(env, 3, '2026-11-20');
    await settle(peer, conn);
    stmt(env.core.db, "UPDATE edo_documents SET state = 'signed', signed_on = '2026-11-25' WHERE document_id = ?").run(signed!);
    const before = new Map(edoRows(env).map((r) => [r.documentId, r]));
    const head = await env.employee('head1', ['head']);
    expect(await env.core.call('edo.connections.resend', { id: conn, since: '2026-11-01' }, head.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The count first: nothing changes.
    expect(await env.admin('edo.connections.resend', { id: conn, since: '2026-11-01', dryRun: true })).toEqual({ documents: 2 });
    expect(edoRows(env).every((r) => r.ackedAt)).toBe(true);
    expect(await env.admin('edo.connections.resend', { id: conn, since: '2026-11-01' })).toEqual({ documents: 2 });
    const queued = new Map(edoRows(env).map((r) => [r.documentId, r]));
    for (const id of [a!, b!]) {
      expect(queued.get(id)).toMatchObject({ state: 'queued', ackedAt: null, messageNo: null, onecNumber: before.get(id)!.onecNumber });
      expect(events(env, id)).toContain('queued_again');
    }
    expect(queued.get(old!)).toEqual(before.get(old!));
    expect(queued.get(signed!)).toEqual(before.get(signed!));
    // Sent again in a new message and acknowledged by 1С under the same keys (this 1С still had them: the numbers stay).
    await settle(peer, conn);
    const after = new Map(edoRows(env).map((r) => [r.documentId, r]));
    for (const id of [a!, b!]) {
      expect(after.get(id)).toMatchObject({ ref: before.get(id)!.ref, ackedAt: expect.any(String), onecNumber: before.get(id)!.onecNumber });
      expect(after.get(id)!.messageNo).toBeGreaterThan(before.get(id)!.messageNo!);
    }
    expect(after.get(signed!)).toMatchObject({ state: 'signed' });
    expect(await env.core.call('edo.connections.resend', { id: 999, since: '2026-11-01' }, env.adminToken)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('one process exchanges at a time: a second owner is refused while the lease holds', async () => {
    const { conn } = folderSetup();
    await queuedActs(env, 1);
    expect(await round(env, conn, 'host:1:a')).toMatchObject({ ran: true });
    expect(await round(env, conn, 'host:2:b')).toEqual({ ran: false, why: 'leased' });
    expect(readFileSync(join(dirs[0]!, 'Message_CRM_BP.xml'), 'utf8')).toContain('<msg:MessageNo>1</msg:MessageNo>');
  });

  it('a process that lost the lease after committing its message does not put the file into the folder', async () => {
    const { dir, conn } = folderSetup();
    await queuedActs(env, 1);
    // Another process takes the connection over right after this one committed its message number (a stall after commit):
    // a timer that fires while the file is being written.
    let stolen = false;
    const thief = setInterval(() => {
      const sent = (stmt(env.core.db, 'SELECT sent_no AS n FROM onec_exchange WHERE connection_id = ?').get(conn) as { n: number }).n;
      if (sent > 0 && !stolen) {
        stolen = true;
        stmt(env.core.db, "UPDATE onec_exchange SET owner_id = 'host:2:b', lease_until = ? WHERE connection_id = ?").run(env.clock.now().getTime() + 120_000, conn);
      }
    }, 0);
    const r = await runOnecRound({ db: env.core.db, owner: 'host:1:a', now: () => env.clock.now(), parse: (bytes) => env.core.pool.run(edParseTask, { bytes }) }, conn).finally(() =>
      clearInterval(thief),
    );
    expect(stolen).toBe(true);
    expect(r).toEqual({ ran: false, why: 'leased' });
    expect(readdirSync(dir)).toEqual([]);
    // The document stays unacknowledged: the process that holds the lease sends it when the resend interval has passed.
    expect(edoRows(env)[0]).toMatchObject({ ackedAt: null });
    env.clock.set(new Date(env.clock.now().getTime() + 31_000).toISOString());
    expect(await round(env, conn, 'host:2:b')).toMatchObject({ ran: true });
    expect(readdirSync(dir)).toEqual(['Message_CRM_BP.xml']);
  });
});
