// Test data for the monthly КЦ report: clients with kits, schemes from dates, НСС records and the recomputed monthly aggregates.
import type { Db } from '../../src-main/db/connection';
import { touchNss } from '../../src-main/features/nss/aggregate';

const NOW = '2026-01-01T00:00:00Z';

export interface KcClient {
  id: number;
  kits: number[];
}

/** A client with its own ИНН/КПП, СИО and ПМ, and kits with the scheme history given (`[[scheme, from], …]` per kit). */
export function addKcClient(
  db: Db,
  o: { name: string; inn?: string | null; kpp?: string | null; sioId?: number | null; pmId?: number | null; kits: [string, string][][] },
): KcClient {
  const c = db.$client;
  const id = Number(
    c
      .prepare('INSERT INTO clients (name, name_lc, inn, kpp, sio_id, pm_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(o.name, o.name.toLowerCase(), o.inn ?? null, o.kpp ?? null, o.sioId ?? null, o.pmId ?? null, NOW, NOW).lastInsertRowid,
  );
  const kits = o.kits.map((history) => {
    const n = (c.prepare('SELECT COALESCE(MAX(distr_number), 1000) + 1 AS n FROM distributions').get() as { n: number }).n;
    const kit = Number(c.prepare("INSERT INTO distributions (client_id, system_code, distr_number, created_at) VALUES (?, 'SKJP', ?, ?)").run(id, n, NOW).lastInsertRowid);
    for (const [scheme, from] of history) c.prepare('INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_at) VALUES (?, ?, ?, ?)').run(kit, scheme, from, NOW);
    return kit;
  });
  return { id, kits };
}

/** НСС records of a client (kind, day, count), then the months recomputed as every writer does. */
export function addRecords(db: Db, clientId: number, records: { kind: string; on: string; count?: number; kit?: number }[]): void {
  const put = db.$client.prepare(
    "INSERT INTO nss_records (kind, client_id, distribution_id, at, on_date, count, source, created_at) VALUES (?, ?, ?, ?, ?, ?, 'manual', ?)",
  );
  for (const r of records) put.run(r.kind, clientId, r.kit ?? null, `${r.on}T09:00:00Z`, r.on, r.count ?? 1, NOW);
  touchNss(db, clientId, records.map((r) => r.on));
}

/** A counterparty the client works under from a date. */
export function addCounterparty(db: Db, clientId: number, from: string, o: { name: string; inn: string; kpp?: string | null }): void {
  const c = db.$client;
  const cp = Number(c.prepare('INSERT INTO counterparties (full_name, inn, kpp, created_at) VALUES (?, ?, ?, ?)').run(o.name, o.inn, o.kpp ?? null, NOW).lastInsertRowid);
  c.prepare('INSERT INTO client_counterparties (client_id, counterparty_id, effective_from, created_at) VALUES (?, ?, ?, ?)').run(clientId, cp, from, NOW);
}

/** Valid ИНН of organisations (10 digits) for test clients. */
export const INNS = ['7707083893', '7736050003', '7702070139', '7728168971', '7740000076', '7710140679', '7703270067'] as const;
