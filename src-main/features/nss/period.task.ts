// Worker task `nss.period`: readies a НСС report period on a pool thread through a writing connection of its own — fills
// the months no writer touched, writes the period's client rows chunk by chunk, drops periods no longer used — so the
// first report of a year over a large РИЦ never holds the event loop (nor the write lock for long).
import { openDb } from '../../db/connection';
import { ensureNssMonth, monthsBetween } from './aggregate';
import { buildNssPeriod, evictNssPeriods, BUILD_CHUNK } from './periods';

export interface NssPeriodInput {
  dbFile: string;
  /** The period to build (with `build`); none: only the quiet months are filled. */
  periodId?: number;
  /** Write the client rows (a new or interrupted period); false: only fill the quiet months. */
  build: boolean;
  fromMonth: string;
  toMonth: string;
  today: string;
  timeZone: string;
  now: string;
}

export interface NssPeriodOutput {
  filled: number;
  rows: number;
  evicted: number[];
}

export function run(input: NssPeriodInput): NssPeriodOutput {
  const db = openDb(input.dbFile, { skipMigrations: true });
  try {
    let filled = 0;
    // Clients per fill transaction: a client's month is recomputed from its raw sources (slower per client than a row).
    for (const m of monthsBetween(input.fromMonth, input.toMonth)) if (m <= input.today.slice(0, 7)) filled += ensureNssMonth(db, m, input.today, input.timeZone, BUILD_CHUNK / 8);
    if (!input.build || input.periodId == null) return { filled, rows: 0, evicted: [] };
    const rows = buildNssPeriod(db, input.periodId);
    const evicted = evictNssPeriods(db, input.periodId, input.now);
    return { filled, rows, evicted };
  } finally {
    db.$client.close();
  }
}
