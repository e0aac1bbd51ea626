// The exchange side of `bench --only edo`, in its own process so its peak RSS is its own: rounds back to back (no interval)
// until every queued document is signed and returned, then one JSON line with the time, the rounds and the peak RSS.
import { openDb } from '../src-main/db/connection';
import { WorkerPool } from '../src-main/workers/pool';
import { newOwnerId } from '../src-main/features/mail/lease';
import { edParseTask } from '../src-main/features/edo/enterprise-data/edo.workers';
import { runOnecRound } from '../src-main/features/edo/round';

const [dbPath, connText, totalText] = process.argv.slice(2);
const db = openDb(dbPath!);
const pool = new WorkerPool({ maxThreads: 1 });
const owner = newOwnerId();
const total = Number(totalText);
const done = db.$client.prepare(`SELECT COUNT(*) AS n FROM documents WHERE returned_via = 'edo'`);
const acked = db.$client.prepare(`SELECT COUNT(*) AS n FROM edo_documents WHERE acked_at IS NOT NULL`);

async function main(): Promise<void> {
  const t0 = performance.now();
  let rounds = 0;
  let ackedMs = 0;
  while ((done.get() as { n: number }).n < total) {
    const r = await runOnecRound({ db, owner, now: () => new Date(), parse: (bytes) => pool.run(edParseTask, { bytes }) }, Number(connText));
    rounds++;
    if (r.ran && r.error) console.error(r.error);
    if (!ackedMs && (acked.get() as { n: number }).n >= total) ackedMs = performance.now() - t0;
    // A round with nothing to do yields to the peer (it polls the folder every few ms).
    if (r.ran && !r.folder?.wrote && !r.folder?.received && !r.odata?.changed) await new Promise((res) => setTimeout(res, 5));
  }
  const ms = performance.now() - t0;
  await pool.close();
  console.log(JSON.stringify({ ms, ackedMs, rounds, rssMb: process.resourceUsage().maxRSS / 1024 }));
  db.$client.close();
}
void main();
