// CLI `edo sync` (one exchange round with 1С, or the exchange running until Ctrl+C) and `edo status` (the health panel as text).
import { openDb } from '../db/connection';
import { stmt } from '../db/stmt';
import { Bus } from '../api/bus';
import { WorkerPool } from '../workers/pool';
import { holdDatabase } from '../db/holder';
import { newOwnerId } from '../features/mail/lease';
import { connectionHealth, releaseOnecLease } from '../features/edo/connections.repo';
import { edParseTask } from '../features/edo/enterprise-data/edo.workers';
import { runOnecRound } from '../features/edo/round';
import { startEdoJobs } from '../jobs/edo.job';
import { CliError, existingFile, parseOptions, requireOption, usageError } from './util';

export const EDO_USAGE = `  edo sync  --db F [--once] [--connection N] [--json]
                                           exchange with 1С (settings in «Настройки → 1С и ЭДО»): --once runs
                                           one round of each enabled connection and exits (1 on an error)
  edo status --db F [--json]               the exchange's health: numbers, queue by group, last error`;

function connectionIds(db: ReturnType<typeof openDb>, only: string | undefined): number[] {
  const rows = stmt(db, 'SELECT id FROM onec_connections WHERE enabled = 1 ORDER BY id').all() as { id: number }[];
  if (only === undefined) return rows.map((r) => r.id);
  const id = Number(only);
  if (!Number.isInteger(id) || id <= 0) throw usageError(`--connection must be a connection number, got "${only}"`);
  if (!rows.some((r) => r.id === id)) throw new CliError(`No enabled 1С connection ${id}.`);
  return [id];
}

async function sync(args: string[]): Promise<void> {
  const o = parseOptions(args, { db: { type: 'string' }, once: { type: 'boolean' }, connection: { type: 'string' }, json: { type: 'boolean' } });
  const file = existingFile(requireOption(o.db, 'db'), 'Database');
  const db = openDb(file);
  const pool = new WorkerPool();
  try {
    const ids = connectionIds(db, o.connection);
    if (ids.length === 0) {
      console.log('No enabled 1С connections: add one in «Настройки → 1С и ЭДО».');
      return;
    }
    if (o.once) {
      const owner = newOwnerId();
      let failed = false;
      const results = [];
      for (const id of ids) {
        const r = await runOnecRound({ db, owner, now: () => new Date(), parse: (bytes) => pool.run(edParseTask, { bytes }), log: (m) => console.error(m) }, id);
        releaseOnecLease(db, id, owner);
        results.push({ connection: id, ...r });
        if (!r.ran || r.error) failed = true;
        if (!o.json) console.log(`connection ${id}: ${describe(r)}`);
      }
      if (o.json) console.log(JSON.stringify(results, null, 2));
      if (failed) throw new CliError('The round did not complete for every connection (see above).');
      return;
    }
    const hold = holdDatabase(file);
    try {
      const jobs = startEdoJobs({ db, bus: new Bus(), pool }, { log: (m) => console.error(m) });
      console.log(`edo sync: exchanging with ${ids.length} 1С connection(s); Ctrl+C stops.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await jobs.stop();
    } finally {
      hold.release();
    }
  } finally {
    db.$client.close();
    await pool.close();
  }
}

function describe(r: Awaited<ReturnType<typeof runOnecRound>>): string {
  if (!r.ran) return r.why === 'leased' ? 'another process is exchanging with this 1С now' : `not run (${r.why})`;
  const parts: string[] = [];
  if (r.folder) {
    const f = r.folder;
    if (f.refused) parts.push(`1С message refused: ${f.refused}`);
    else if (f.received != null) parts.push(`read 1С message ${f.received}${f.duplicate ? ' (already applied)' : ''}: ${f.acked} acknowledged, ${f.numbered} numbered`);
    parts.push(f.wrote != null ? `wrote message ${f.wrote} with ${f.documents} document(s)` : 'nothing to write');
  }
  if (r.odata) parts.push(`OData: ${r.odata.sent} sent, ${r.odata.failed} failed, ${r.odata.read} states read, ${r.odata.changed} changed`);
  if (r.error) parts.push(`error: ${r.error}`);
  return parts.join('; ');
}

function status(args: string[]): void {
  const o = parseOptions(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  const db = openDb(existingFile(requireOption(o.db, 'db'), 'Database'));
  try {
    const h = connectionHealth(db, Date.now());
    if (o.json) return void console.log(JSON.stringify(h, null, 2));
    if (h.length === 0) return void console.log('No 1С connections.');
    for (const c of h) {
      console.log(
        `${c.connectionId} ${c.name} (${c.enabled ? c.sendVia : 'disabled'}): last round ${c.lastRoundAt ?? 'never'}, sent ${c.sentNo}, received ${c.receivedNo}, acknowledged ${c.ackedNo}; ` +
          `pending ${c.counts.pending}, sent ${c.counts.sent}, acknowledged ${c.counts.acknowledged}, failing ${c.counts.failing}` +
          (c.lastError ? `; last error: ${c.lastError}` : ''),
      );
    }
  } finally {
    db.$client.close();
  }
}

export async function edoCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'sync') return sync(rest);
  if (sub === 'status') return status(rest);
  throw usageError(sub ? `unknown edo command "${sub}" (edo sync, edo status)` : 'missing edo command: edo sync or edo status');
}
