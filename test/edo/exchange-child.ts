// A child process for the kill -9 test: exchange rounds of one 1С connection in a loop, as the job runs them, until killed.
import { openDb } from '../../src-main/db/connection';
import { WorkerPool } from '../../src-main/workers/pool';
import { newOwnerId } from '../../src-main/features/mail/lease';
import { edParseTask } from '../../src-main/features/edo/enterprise-data/edo.workers';
import { runOnecRound } from '../../src-main/features/edo/round';

const [dbPath, connText, batchText] = process.argv.slice(2);
const db = openDb(dbPath!);
const pool = new WorkerPool({ maxThreads: 1 });
const owner = newOwnerId();

async function main(): Promise<void> {
  console.log('start');
  for (;;) {
    const r = await runOnecRound(
      { db, owner, now: () => new Date(), parse: (bytes) => pool.run(edParseTask, { bytes }), batch: Number(batchText), log: (m) => console.error(m) },
      Number(connText),
    );
    console.log(JSON.stringify(r));
    await new Promise((res) => setTimeout(res, 20));
  }
}
void main();
