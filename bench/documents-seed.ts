// A million documents for the documents benchmark: raw inserts over five years, types in proportion, return marks as a РИЦ has them.
import type { Core } from '../src-main/core';
import { Rng } from '../src-main/demo/random';
import { plannedReturnDate, returnTrack, addDaysIso } from '../src-main/features/documents/return-rules';
import { returnPeriods } from '../src-main/features/documents/settings.repo';
import { formatDocNumber, type DocumentType } from '../src-shared/doc-types';

const TYPES: [DocumentType, number][] = [
  ['act', 0.55],
  ['invoice', 0.2],
  ['specification', 0.12],
  ['contract', 0.08],
  ['additional_agreement', 0.05],
];

/** Raw inserts of documents over five years: types in proportion, return marks as a РИЦ would have them. */
export function seedDocuments(core: Core, total: number, sios: number[], today: string): void {
  const rng = new Rng(77);
  const db = core.db.$client;
  const clients = db.prepare('SELECT l.client_id AS c, l.counterparty_id AS cp FROM client_counterparties l').all() as { c: number; cp: number }[];
  const periods = returnPeriods(core.db);
  // Numbers continue after the documents the print benchmark created.
  const seqs = new Map<string, number>(
    (db.prepare('SELECT type, series_year AS y, max(seq) AS n FROM documents GROUP BY type, series_year').all() as { type: string; y: number; n: number }[]).map((r) => [`${r.type}${r.y}`, r.n]),
  );
  const ins = db.prepare(
    `INSERT INTO documents (type, form, series_year, seq, number, date, client_id, counterparty_id, sio_id, amount_kop, status,
       planned_return, returned_at, returned_via, return_track, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2026, 11, 31) - start;
  const batch = 50_000;
  for (let done = 0; done < total; done += batch) {
    db.transaction(() => {
      for (let i = done; i < Math.min(total, done + batch); i++) {
        const x = rng.next();
        let acc = 0;
        const type = TYPES.find(([, p]) => (acc += p) >= x)?.[0] ?? 'act';
        // Documents are entered as time goes by: dates rise with the row id, a few days out of order.
        const at = start + (i / total) * span + (rng.next() - 0.5) * 6 * 86_400_000;
        const date = new Date(Math.min(start + span, Math.max(start, at))).toISOString().slice(0, 10);
        const year = Number(date.slice(0, 4));
        const key = `${type}${year}`;
        const seq = (seqs.get(key) ?? 0) + 1;
        seqs.set(key, seq);
        const cl = clients[rng.int(0, clients.length - 1)]!;
        const status = rng.chance(0.02) ? 'cancelled' : 'issued';
        const planned = plannedReturnDate(date, periods[type]);
        let returnedAt: string | null = null;
        if (planned && planned < today && rng.chance(0.88)) {
          const late = rng.chance(0.2);
          returnedAt = late ? addDaysIso(planned, rng.int(1, 40)) : addDaysIso(planned, -rng.int(0, 9));
          if (returnedAt > today) returnedAt = today;
          if (returnedAt < date) returnedAt = date;
        }
        ins.run(
          type,
          type === 'contract' ? 'es' : null,
          year,
          seq,
          formatDocNumber(type, year, seq),
          date,
          cl.c,
          cl.cp,
          rng.chance(0.97) ? sios[rng.int(0, sios.length - 1)]! : null,
          rng.int(1_000_00, 60_000_00),
          status,
          planned,
          returnedAt,
          returnedAt ? (rng.chance(0.3) ? 'edo' : 'paper') : null,
          returnTrack(status, planned, returnedAt),
          today,
          today,
        );
      }
    })();
    process.stdout.write(`\r  documents: ${Math.min(total, done + batch).toLocaleString('en')} / ${total.toLocaleString('en')}`);
  }
  // No ANALYZE: the app never runs it, so neither does the bench.
  process.stdout.write('\n');
}
