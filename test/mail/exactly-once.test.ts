// Exactly once: `mail sync` is killed at random moments while 500 messages arrive, then restarted; every message yields one result.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, tempDbPath, type TestEnv } from '../helpers/core';
import { startDovecot, type Dovecot } from './dovecot';
import { intakeKillLoop } from './kill-loop';

const TOTAL = 500;
const UNRECOGNISED_EVERY = 25;

let dovecot: Dovecot;
let env: TestEnv;
let dbPath: string;
beforeAll(async () => {
  dovecot = await startDovecot();
  dbPath = tempDbPath('crm-once-');
  env = await testEnv({ dbPath });
  watchProcessing();
}, 30_000);
afterAll(async () => {
  env?.close();
  await dovecot?.stop();
});

const count = (sql: string) => (env.core.db.$client.prepare(sql).get() as { n: number }).n;

/**
 * Counts processing, not rows: every committed processing of a fetched message sets the mailbox cursor
 * (mail_sync_state.last_uid) to its UID, and a trigger of the test's own writes one line per such write, even one
 * that leaves the value as it was. A message taken twice — even when the second time stores nothing because its
 * Message-ID is known, and counts nothing — leaves two lines for one UID. Rolled-back work leaves none (the trigger
 * runs inside the transaction).
 */
function watchProcessing(): void {
  env.core.db.$client.exec(`
    CREATE TABLE test_processing (seq INTEGER PRIMARY KEY, uid INTEGER NOT NULL, processed INTEGER NOT NULL);
    CREATE TRIGGER test_processing_log AFTER UPDATE OF last_uid ON mail_sync_state WHEN NEW.last_uid > 0
      BEGIN INSERT INTO test_processing (uid, processed) VALUES (NEW.last_uid, NEW.processed - OLD.processed); END;
  `);
}

it(
  'takes 500 messages exactly once although the reader is killed again and again',
  async () => {
    const r = await intakeKillLoop({ core: env.core, adminToken: env.adminToken, dbPath, dovecot, total: TOTAL, unrecognisedEvery: UNRECOGNISED_EVERY, minKills: 3 });
    expect(r.lastExit, r.lastOutput).toBe(0);
    const leads = r.leads;
    expect(r.messages).toBe(TOTAL);
    expect(r.distinctMessages).toBe(TOTAL);
    expect(r.tasks).toBe(leads);
    expect(r.distinctRequests).toBe(leads);
    expect(r.outOfRange).toBe(0);
    expect(r.queue).toBe(TOTAL - leads);
    // Every message has exactly one result: a task or a queue entry.
    expect(r.notExactlyOnce).toBe(0);
    // Each UID was processed in exactly one committed transaction, once: nothing was taken twice, even without a trace in the rows.
    const twice = env.core.db.$client.prepare('SELECT uid, COUNT(*) AS n FROM test_processing GROUP BY uid HAVING n <> 1 LIMIT 5').all();
    expect(twice, 'UIDs processed more than once').toEqual([]);
    expect(count('SELECT COUNT(*) AS n FROM test_processing')).toBe(TOTAL);
    expect(count(`SELECT COUNT(DISTINCT uid) AS n FROM test_processing WHERE uid BETWEEN 1 AND ${TOTAL}`)).toBe(TOTAL);
    expect(count('SELECT COUNT(*) AS n FROM test_processing WHERE processed <> 1')).toBe(0);
    // The counters moved in the same transactions as the results.
    expect(r.state).toEqual({ u: TOTAL, p: TOTAL, d: 0, q: TOTAL - leads });
    // The kills really interrupted work in progress, not only idle readers.
    expect(r.kills.length).toBeGreaterThanOrEqual(3);
    expect(r.midWork, JSON.stringify(r.kills)).toBeGreaterThanOrEqual(1);
    console.log(`exactly-once: ${r.kills.length} kills, ${r.midWork} while processing`);
  },
  90_000,
);
