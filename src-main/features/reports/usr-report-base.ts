// The rows both USR reports start from — the base's kits with client, ИНН, СИО and scheme history — read in a few flat passes and ordered in JavaScript.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';

/*
 * Why flat passes: one statement joining clients and employees, looking each kit's scheme up by a correlated subquery
 * and sorting by names took four times the whole budget over 100,000 kits; a raw read of each table (kits, clients,
 * employees, scheme history) and a sort on plain string comparison take a fraction of it.
 */

export interface BaseKit {
  distributionId: number;
  clientId: number;
  clientName: string;
  inn: string | null;
  isKey: boolean;
  sioId: number | null;
  sioName: string | null;
  systemCode: string;
  distrNumber: number;
  comp: number;
  state: string;
  /** Scheme history, oldest first: [effective from, scheme]. */
  schemes: [string, string][];
}

export interface BaseFilters {
  sioId?: number;
  keyOnly?: boolean;
  systemCode?: string;
  distributionIds?: number[];
}

type KitRaw = [number, number, string, number, number, string];
type ClientRaw = [number, string, string, string | null, number, number | null];

export function baseKits(db: Db, f: BaseFilters): BaseKit[] {
  const only = f.distributionIds ? new Set(f.distributionIds) : null;
  const clients = new Map<number, ClientRaw>();
  for (const c of stmt(db, 'SELECT id, name, name_lc, inn, is_key, sio_id FROM clients').raw().all() as ClientRaw[]) clients.set(c[0], c);
  const names = new Map<number, string>();
  for (const e of stmt(db, 'SELECT id, full_name FROM employees').raw().all() as [number, string][]) names.set(e[0], e[1]);
  const schemes = new Map<number, [string, string][]>();
  for (const s of stmt(db, 'SELECT distribution_id, effective_from, scheme FROM distribution_schemes NOT INDEXED').raw().all() as [number, string, string][]) {
    const list = schemes.get(s[0]);
    if (list) list.push([s[1], s[2]]);
    else schemes.set(s[0], [[s[1], s[2]]]);
  }
  const out: (BaseKit & { nameLc: string })[] = [];
  for (const d of stmt(db, 'SELECT id, client_id, system_code, distr_number, comp, state FROM distributions').raw().all() as KitRaw[]) {
    if (only && !only.has(d[0])) continue;
    if (f.systemCode && d[2] !== f.systemCode) continue;
    const c = clients.get(d[1]);
    if (!c) continue;
    if (f.sioId != null && c[5] !== f.sioId) continue;
    if (f.keyOnly && c[4] !== 1) continue;
    const history = schemes.get(d[0]) ?? [];
    if (history.length > 1) history.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out.push({
      distributionId: d[0],
      clientId: d[1],
      clientName: c[1],
      nameLc: c[2],
      inn: c[3],
      isKey: c[4] === 1,
      sioId: c[5],
      sioName: c[5] == null ? null : (names.get(c[5]) ?? `№ ${c[5]}`),
      systemCode: d[2],
      distrNumber: d[3],
      comp: d[4],
      state: d[5],
      schemes: history,
    });
  }
  // СИО by name (no СИО last), then client by name, then kit; code-point order, as SQLite's BINARY collation would give.
  // One precomputed key per row compared as a whole: a multi-field comparator over 100,000 rows cost several times more.
  const pad = (n: number) => String(n).padStart(12, '0');
  const keyed = out.map((r) => ({ r, k: `${r.sioName == null ? '1' : '0'}${r.sioName ?? ''}\u0000${r.nameLc}\u0000${pad(r.clientId)}${r.systemCode}\u0000${pad(r.distrNumber)}${pad(r.comp)}` }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) out[i] = keyed[i]!.r;
  return out;
}

/** The scheme on a day: the latest entry effective on or before it. */
export function schemeOn(history: [string, string][], day: string): string | null {
  let s: string | null = null;
  for (const h of history) if (h[0] <= day) s = h[1];
  return s;
}
