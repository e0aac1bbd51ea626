// Reliability: kill -9 a child process at random moments while it creates clients through the core; afterwards integrity, nothing acknowledged lost, nothing doubled.
import path from 'node:path';
import type { Figure, ReliabilityPart } from '../types';
import { API_WRITER, prepareDb, prng, sleep } from '../support';
import { killHard, spawnTs } from '../../test/helpers/child';

export interface KillWritesResult {
  rounds: number;
  acked: number;
  lost: number;
  doubled: number;
  /** Rows committed whose acknowledgement the kill cut off (allowed: the client never heard back). */
  unacked: number;
  integrity: string;
  foreignKeys: number;
  /** Clients without their search-index row, or index rows without a client. */
  indexMismatch: number;
}

export async function killDuringWrites(opts: { dir: string; rounds: number; seed?: number; log?: (m: string) => void }): Promise<KillWritesResult> {
  const dbPath = path.join(opts.dir, 'kill-writes.db');
  const { core, allRoles } = await prepareDb(dbPath, 0);
  const db = core.db.$client;
  const rnd = prng(opts.seed ?? 42);
  const acked = new Set<number>();
  const maxWritten = () => (db.prepare("SELECT MAX(CAST(substr(name, 3) AS INTEGER)) AS n FROM clients WHERE name LIKE 'K %'").get() as { n: number | null }).n ?? 0;
  try {
    for (let round = 0; round < opts.rounds; round++) {
      // Each writer continues the numbering after the last committed row, so a repeat would show as a double.
      const from = maxWritten() + 1;
      const child = spawnTs(API_WRITER, ['--db', dbPath, `--token=${allRoles.token}`, '--from', String(from), '--tag', 'K'], (o) => o.includes('writer ready'));
      child.onLine((l) => {
        if (l.startsWith('ack ')) acked.add(Number(l.slice(4)));
      });
      await child.ready;
      await sleep(50 + rnd() * 700);
      await killHard(child);
      if (child.output().includes('error ')) throw new Error(`the writer failed: ${child.output().slice(-500)}`);
      opts.log?.(`round ${round + 1}: killed after ${maxWritten() - from + 1} commits`);
    }
    const names = db.prepare("SELECT CAST(substr(name, 3) AS INTEGER) AS n, COUNT(*) AS c FROM clients WHERE name LIKE 'K %' GROUP BY name").all() as { n: number; c: number }[];
    const present = new Set(names.map((r) => r.n));
    return {
      rounds: opts.rounds,
      acked: acked.size,
      lost: [...acked].filter((n) => !present.has(n)).length,
      doubled: names.filter((r) => r.c > 1).length,
      unacked: [...present].filter((n) => !acked.has(n)).length,
      integrity: String(db.pragma('integrity_check', { simple: true })),
      foreignKeys: (db.pragma('foreign_key_check') as unknown[]).length,
      indexMismatch:
        (db.prepare('SELECT COUNT(*) AS n FROM clients c WHERE NOT EXISTS (SELECT 1 FROM client_search s WHERE s.rowid = c.id)').get() as { n: number }).n +
        Math.abs((db.prepare('SELECT (SELECT COUNT(*) FROM client_search) - (SELECT COUNT(*) FROM clients) AS n').get() as { n: number }).n),
    };
  } finally {
    core.close();
  }
}

export const part: ReliabilityPart = {
  name: 'kill-writes',
  describe: 'kill -9 of a child process creating clients through the core (one IMMEDIATE transaction each, flat out), N rounds; then integrity_check and the acknowledged rows',
  async run(ctx) {
    // A round costs a process start (2–8 s on the shared cores); fit the rounds into the budget.
    const rounds = ctx.quick ? 3 : Math.max(5, Math.min(30, Math.floor(ctx.budgetMs / 8000)));
    const r = await killDuringWrites({ dir: ctx.tmpDir, rounds, log: ctx.log });
    const figures: Figure[] = [
      { figure: 'rounds (kill -9 mid-write)', value: String(r.rounds) },
      { figure: 'acknowledged writes', value: String(r.acked), target: '> 0', met: r.acked > 0 },
      { figure: 'acknowledged lost / doubled', value: `${r.lost} / ${r.doubled}`, target: '0 / 0', met: r.lost === 0 && r.doubled === 0 },
      { figure: 'committed, ack cut off by the kill', value: String(r.unacked) },
      { figure: 'integrity_check · foreign keys', value: `${r.integrity} · ${r.foreignKeys} violations`, target: 'ok · 0', met: r.integrity === 'ok' && r.foreignKeys === 0 },
      { figure: 'search index vs clients', value: `${r.indexMismatch} mismatched`, target: '0', met: r.indexMismatch === 0 },
    ];
    return figures;
  },
};
