// Exactly once: `mail sync` is killed at random moments while 500 messages arrive, then restarted; every message yields one result.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, tempDbPath, type TestEnv } from '../helpers/core';
import { dovecotUnavailable, startDovecot, type Dovecot } from './dovecot';
import { intakeKillLoop } from './kill-loop';

const skip = dovecotUnavailable();
if (skip) console.warn(skip);

const TOTAL = 500;
const UNRECOGNISED_EVERY = 25;

let dovecot: Dovecot;
let env: TestEnv;
let dbPath: string;
beforeAll(async () => {
  if (skip) return;
  dovecot = await startDovecot();
  dbPath = tempDbPath('crm-once-');
  env = await testEnv({ dbPath });
}, 30_000);
afterAll(async () => {
  env?.close();
  await dovecot?.stop();
});

it.skipIf(skip)(
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
    // The counters moved in the same transactions as the results.
    expect(r.state).toEqual({ u: TOTAL, p: TOTAL, d: 0, q: TOTAL - leads });
    // The kills really interrupted work in progress, not only idle readers.
    expect(r.kills.length).toBeGreaterThanOrEqual(3);
    expect(r.midWork, JSON.stringify(r.kills)).toBeGreaterThanOrEqual(1);
    console.log(`exactly-once: ${r.kills.length} kills, ${r.midWork} while processing`);
  },
  90_000,
);
