// A base migrated up to 0018 (ЭДО) upgrades in place: 0018 is not run again, 0019 adds its column, the exchange works.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';
import { openDbAt } from '../helpers/old-db';
import { OneCPeer } from '../onec-peer/peer';
import { addConnection, edoRows, queuedActs, round, tempDir } from './exchange-helpers';

let env: TestEnv | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await env?.close();
  env = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('upgrade from a base migrated up to 0018', () => {
  it('keeps its connections, runs only the newer migrations, and exchanges through the folder', async () => {
    const file = tempDbPath();
    const old = openDbAt(file, '0018_edo');
    const now = '2026-11-01T00:00:00.000Z';
    old.$client
      .prepare("INSERT INTO onec_connections (name, send_via, enabled, interval_sec, resend_sec, created_at, updated_at) VALUES ('1С', 'folder', 0, 60, 300, ?, ?)")
      .run(now, now);
    const applied = (old.$client.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    old.$client.close();

    env = await testEnv({ dbPath: file });
    const db = env.core.db.$client;
    // One row per migration: 0018 was not applied a second time (it would fail on its CREATE TABLE).
    expect((db.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBeGreaterThan(applied);
    expect(db.prepare('SELECT name FROM onec_connections').all()).toEqual([{ name: '1С' }]);
    expect((db.prepare('PRAGMA table_info(onec_exchange)').all() as { name: string }[]).map((c) => c.name)).toContain('last_in_created');

    const dir = tempDir();
    dirs.push(dir);
    const conn = addConnection(env, { sendVia: 'folder', folder: dir });
    const peer = new OneCPeer({ dir, resendMs: 0, ourCode: 'CRM', peerCode: 'BP' });
    try {
      await queuedActs(env, 1);
      await round(env, conn);
      await peer.exchange();
      await round(env, conn);
      expect(edoRows(env)[0]).toMatchObject({ state: 'accepted', ackedAt: expect.any(String), onecNumber: expect.stringMatching(/^БП-/) });
      expect((db.prepare('SELECT last_in_created AS c FROM onec_exchange WHERE connection_id = ?').get(conn) as { c: string | null }).c).not.toBeNull();
    } finally {
      await peer.stop();
    }
  });
});
