// The OData side of the exchange against the 1С peer: send, the ЭДО state read back, the return marked on signing exactly once.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { OneCPeer } from '../onec-peer/peer';
import { stmt } from '../../src-main/db/stmt';
import { enqueueDocument } from '../../src-main/features/edo/queue';
import { addConnection, docReturn, edoRows, events, queuedActs, round, tempDir } from './exchange-helpers';

let env: TestEnv;
let peer: OneCPeer;
const dirs: string[] = [];
beforeEach(async () => {
  env = await testEnv();
  const stateDir = tempDir('edo-odata-');
  dirs.push(stateDir);
  peer = new OneCPeer({ stateDir, port: 0, now: () => env.clock.now().getTime() });
});
afterEach(async () => {
  await peer.stop();
  await env.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function odataConn(sendVia: 'odata' | 'folder' = 'odata', folder?: string): Promise<number> {
  const { url } = await peer.start();
  return addConnection(env, { sendVia, folder, odataUrl: url!, odataUser: 'odata', odataPassword: 'odata', intervalSec: 5 });
}

/** A connection that sends through a folder and reads states over OData, and the folder side of the same 1С. */
async function folderWithOdata(): Promise<{ conn: number; folderPeer: OneCPeer }> {
  const dir = tempDir();
  dirs.push(dir);
  const conn = await odataConn('folder', dir);
  const folderPeer = new OneCPeer({ dir, stateDir: dir, resendMs: 0 });
  // One 1С: the folder side and the OData side share the state (the same base).
  folderPeer.state = peer.state;
  return { conn, folderPeer };
}

/** One act queued, handed through the folder, and acknowledged by 1С. */
async function acknowledgedThroughFolder(conn: number, folderPeer: OneCPeer): Promise<number[]> {
  const ids = await queuedActs(env, 1);
  await round(env, conn);
  await folderPeer.exchange();
  await round(env, conn);
  return ids;
}

/** Moves the clock on past the poll interval and runs a round. */
async function later(conn: number, ms = 10_000) {
  env.clock.set(new Date(env.clock.now().getTime() + ms).toISOString());
  return round(env, conn);
}

describe('OData transport and ЭДО states', () => {
  it('sends once, reads the state as 1С moves it, and marks the return on the signing date through ЭДО, once', async () => {
    const conn = await odataConn();
    const [id] = await queuedActs(env, 1);
    const r = await round(env, conn);
    expect(r).toMatchObject({ ran: true, error: null, odata: { sent: 1, failed: 0 } });
    const row = edoRows(env)[0]!;
    expect(row).toMatchObject({ state: 'accepted', onecNumber: expect.stringMatching(/^БП-/) });
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(1);
    expect(peer.entities('Catalog_Контрагенты')).toHaveLength(1);

    peer.send(row.ref);
    await later(conn);
    expect(edoRows(env)[0]).toMatchObject({ state: 'delivered', stateRaw: 'ОжидаетсяПодтверждение' });
    peer.sign(row.ref, new Date(2026, 10, 26, 12, 0, 0));
    await later(conn);
    expect(edoRows(env)[0]).toMatchObject({ state: 'signed', signedOn: '2026-11-26' });
    expect(docReturn(env, id!)).toMatchObject({ returnedAt: '2026-11-26', returnedVia: 'edo' });
    const v = docReturn(env, id!).version;
    // A signed document is read hourly at first, daily after a week, monthly after three months.
    const nextIn = () => (stmt(env.core.db, 'SELECT next_at AS n FROM edo_documents WHERE document_id = ?').get(id!) as { n: number }).n - env.clock.now().getTime();
    expect(nextIn()).toBe(3600_000);
    await later(conn, 2 * 3600_000);
    expect(docReturn(env, id!).version).toBe(v);
    expect(nextIn()).toBe(3600_000);
    const ago = (days: number) => new Date(env.clock.now().getTime() - days * 86_400_000).toISOString();
    for (const [days, next] of [[10, 86_400_000], [120, 30 * 86_400_000]] as const) {
      stmt(env.core.db, 'UPDATE edo_documents SET updated_at = ?, next_at = 0 WHERE document_id = ?').run(ago(days), id!);
      await round(env, conn);
      expect(nextIn(), `${days} days signed`).toBe(next);
    }
    expect(edoRows(env)[0]).toMatchObject({ state: 'signed', error: null });
    expect(events(env, id!).filter((k) => k === 'return_marked')).toHaveLength(1);
    // The register's return report sees it returned.
    const rep = await env.admin('reports.documentReturns', {});
    expect(rep.rows.find((x) => x.id === id)).toMatchObject({ returnedVia: 'edo', returnedAt: '2026-11-26' });
    // A paper mark does not overwrite the ЭДО return.
    const paper = await env.core.call('documents.markReturned', { id: id!, date: '2026-11-27', via: 'paper' }, env.adminToken);
    expect(paper).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'id', reason: 'edo_returned' }] } });
    // Taken back by a person: recorded, and the same signing is not marked again.
    await env.admin('documents.unmarkReturned', { id: id! });
    expect(events(env, id!)).toContain('return_taken_back');
    env.clock.set(new Date(env.clock.now().getTime() + 2 * 3600_000).toISOString());
    stmt(env.core.db, 'UPDATE edo_documents SET next_at = 0').run();
    await round(env, conn);
    expect(docReturn(env, id!).returnedAt).toBeNull();
  });

  it('annulled after signing: awaited again; rejected: awaited with the reason and the СИО told; an unknown state shown as 1С wrote it', async () => {
    const conn = await odataConn();
    const sio = await env.employee('sio1', ['sio']);
    const ids = await queuedActs(env, 3);
    for (const id of ids) stmt(env.core.db, 'UPDATE documents SET sio_id = ? WHERE id = ?').run(sio.id, id);
    await round(env, conn);
    const [a, b, c] = edoRows(env);
    peer.sign(a!.ref, new Date(2026, 10, 26, 12, 0, 0));
    peer.reject(b!.ref, 'Неверная сумма');
    peer.setState(c!.ref, 'ОжидаетсяЧегоТоНового');
    await later(conn);
    expect(docReturn(env, ids[0]!).returnedVia).toBe('edo');
    peer.annul(a!.ref);
    await later(conn, 2 * 3600_000);
    const rows = edoRows(env);
    expect(rows[0]).toMatchObject({ state: 'annulled' });
    expect(docReturn(env, ids[0]!).returnedAt).toBeNull();
    expect(rows[1]).toMatchObject({ state: 'rejected', reason: 'Неверная сумма' });
    expect(docReturn(env, ids[1]!).returnedAt).toBeNull();
    const notes = stmt(env.core.db, `SELECT employee_id AS e, data FROM notifications WHERE kind = 'edo_rejected'`).all() as { e: number; data: string }[];
    expect(notes).toHaveLength(1);
    expect(notes[0]!.e).toBe(sio.id);
    expect(JSON.parse(notes[0]!.data)).toMatchObject({ documentId: ids[1], reason: 'Неверная сумма' });
    expect(rows[2]).toMatchObject({ state: 'unknown', stateRaw: 'ОжидаетсяЧегоТоНового' });
  });

  it('folder sends, OData reads the state: a document signed in ЭДО is returned without anyone touching it', async () => {
    const { conn, folderPeer } = await folderWithOdata();
    const [id] = await acknowledgedThroughFolder(conn, folderPeer);
    const row = edoRows(env)[0]!;
    expect(row).toMatchObject({ state: 'accepted', onecNumber: expect.stringMatching(/^БП-/) });
    peer.sign(row.ref, new Date(2026, 10, 27, 8, 0, 0));
    await later(conn);
    expect(docReturn(env, id!)).toMatchObject({ returnedAt: '2026-11-27', returnedVia: 'edo' });
    await folderPeer.stop();
  });

  it('switched from the folder to OData: what 1С never acknowledged goes again over OData; what it has stays', async () => {
    const { conn, folderPeer } = await folderWithOdata();
    // The first act reaches 1С through the folder and is acknowledged; the second is written but 1С never reads it.
    const [first] = await acknowledgedThroughFolder(conn, folderPeer);
    const [second] = await queuedActs(env, 1);
    await round(env, conn);
    await folderPeer.stop();
    const byId = () => new Map(edoRows(env).map((r) => [r.documentId, r]));
    expect(byId().get(first!)).toMatchObject({ state: 'accepted' });
    expect(byId().get(second!)).toMatchObject({ state: 'handed', ackedAt: null });
    const firstNumber = byId().get(first!)!.onecNumber;

    const { url } = await peer.start();
    addConnection(env, { id: conn, sendVia: 'odata', odataUrl: url!, odataUser: 'odata', odataPassword: 'odata', intervalSec: 5 });
    expect(events(env, second!)).toContain('queued_again');
    // A round still running under the folder loses the lease: it cannot commit the document as handed again.
    expect(stmt(env.core.db, 'SELECT owner_id AS owner FROM onec_exchange WHERE connection_id = ?').get(conn)).toEqual({ owner: null });
    expect(events(env, first!)).not.toContain('queued_again');
    await later(conn);
    expect(byId().get(second!)).toMatchObject({ state: 'accepted', onecNumber: expect.stringMatching(/^БП-/) });
    expect(byId().get(first!)).toMatchObject({ state: 'accepted', onecNumber: firstNumber });
    // One object per document in 1С: the acknowledged one was not sent a second time.
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(2);
  });

  it('a 1С that refuses the document fails it with 1С\'s message; queueing it again retries it', async () => {
    const conn = await odataConn();
    const [id] = await queuedActs(env, 1);
    peer.setFaults({ rejectKeys: [edoRows(env)[0]!.ref] });
    await round(env, conn);
    expect(edoRows(env)[0]).toMatchObject({ state: 'failed', error: expect.stringMatching(/^bad_request: .*ошибка при проведении/) });
    expect(events(env, id!)).toEqual(['queued', 'failed']);
    // Failed documents wait for a person: later rounds leave them alone.
    await later(conn, 3600_000);
    expect(peer.entities('Document_РеализацияТоваровУслуг')).toHaveLength(0);
    peer.setFaults({ rejectKeys: [] });
    enqueueDocument(env.core.db, id!, null, env.clock.now());
    await round(env, conn);
    expect(edoRows(env)[0]).toMatchObject({ state: 'accepted', error: null });
    // Accepted with 1С's number, then 1С's own state for it (ОжидаетсяОтправка) read in the same round.
    expect(events(env, id!)).toEqual(['queued', 'failed', 'queued_again', 'accepted', 'accepted']);
  });
});
