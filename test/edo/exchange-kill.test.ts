// kill -9 of the exchange at random moments during an exchange of 1,000 documents: after restarts every document ends
// acknowledged, numbered, signed and returned through ЭДО — each exactly once, in our database and in 1С.
import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';
import { killHard, spawnTs } from '../helpers/child';
import { OneCPeer } from '../onec-peer/peer';
import { signingScript } from '../onec-peer/edo';
import { stmt } from '../../src-main/db/stmt';
import { seedDocClient } from '../documents/fixtures';
import { enqueueDocument } from '../../src-main/features/edo/queue';
import { addConnection, tempDir } from './exchange-helpers';

const N = 1000;
let env: TestEnv | undefined;
let peer: OneCPeer | undefined;
let dir: string | undefined;
afterAll(async () => {
  await peer?.stop();
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string, ...args: unknown[]) => (stmt(env!.core.db, sql).get(...args) as { n: number }).n;

it('every document ends signed and returned exactly once whatever moment the exchange is killed at', { timeout: 240_000 }, async () => {
  const dbPath = tempDbPath('edo-kill-');
  env = await testEnv({ dbPath, now: new Date() });
  dir = tempDir('edo-kill-x-');
  peer = new OneCPeer({ dir, stateDir: dir, port: 0, resendMs: 300, pollMs: 30, edoScript: signingScript(0) });
  const { url } = await peer.start();
  const conn = addConnection(env, { sendVia: 'folder', folder: dir, odataUrl: url!, odataUser: 'odata', odataPassword: 'odata', intervalSec: 5 });
  // Resend quickly: a message committed but not written before a kill goes again within a second.
  stmt(env.core.db, 'UPDATE onec_connections SET resend_sec = 1 WHERE id = ?').run(conn);
  const c = await seedDocClient(env);
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < N; i++) {
    const d = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: today, lines: [{ name: `Сопровождение ${i}`, qty: 1, priceKop: 1000 + i }] });
    enqueueDocument(env.core.db, d.id, null, new Date());
  }

  // Random kills: seeded so a failure can be replayed.
  let seed = 20261205;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let k = 0; k < 6; k++) {
    const child = spawnTs('test/edo/exchange-child.ts', [dbPath, String(conn), '150'], (out) => out.includes('start'));
    await child.ready;
    await new Promise((r) => setTimeout(r, 100 + Math.floor(rnd() * 1500)));
    await killHard(child);
  }
  const last = spawnTs('test/edo/exchange-child.ts', [dbPath, String(conn), '150']);
  try {
    await expect
      .poll(() => count(`SELECT COUNT(*) AS n FROM documents WHERE returned_via = 'edo'`), { timeout: 150_000, interval: 500 })
      .toBe(N);
  } finally {
    await killHard(last);
  }
  expect(count(`SELECT COUNT(*) AS n FROM edo_documents WHERE state = 'signed' AND acked_at IS NOT NULL AND onec_number IS NOT NULL`)).toBe(N);
  for (const kind of ['handed', 'return_marked']) {
    expect(count(`SELECT COUNT(*) AS n FROM (SELECT document_id FROM edo_events WHERE kind = ? GROUP BY document_id HAVING COUNT(*) = 1)`, kind), kind).toBe(N);
  }
  expect(count(`SELECT COUNT(*) AS n FROM (SELECT entity_id FROM audit_log WHERE entity = 'document' AND action = 'mark_returned' GROUP BY entity_id HAVING COUNT(*) = 1)`)).toBe(N);
  const sales = peer.entities('Document_РеализацияТоваровУслуг');
  expect(sales).toHaveLength(N);
  expect(new Set(sales.map((s) => s['Number'])).size).toBe(N);
  // Our 1С numbers are 1С's.
  const ours = stmt(env.core.db, 'SELECT ref, onec_number AS n FROM edo_documents').all() as { ref: string; n: string }[];
  for (const o of ours) expect(peer.entity(o.ref)?.['Number']).toBe(o.n);
});
