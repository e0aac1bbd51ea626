// Benchmark queries drawn from the seeded data: name fragments, real ИНН, real phones and distributions in varied spellings.
import type { Db } from '../src-main/db/connection';
import { Rng } from '../src-main/demo/random';
import { formatDistr } from '../src-shared/distr';

export type Kind = 'name' | 'inn' | 'phone' | 'distr';

export interface Query {
  kind: Kind;
  text: string;
}

function randomIds(db: Db, rng: Rng, table: string, n: number): number[] {
  const max = (db.$client.prepare(`SELECT max(id) AS m FROM ${table}`).get() as { m: number }).m;
  return Array.from({ length: n }, () => rng.int(1, max));
}

function varyCase(rng: Rng, s: string): string {
  const r = rng.next();
  return r < 0.4 ? s.toLowerCase() : r < 0.6 ? s.toUpperCase() : s;
}

/** A 3–6 character piece of a client name, without digits and not starting or ending with a space. */
function fragment(rng: Rng, name: string): string | null {
  for (let attempt = 0; attempt < 10; attempt++) {
    const len = rng.int(3, 6);
    if (name.length < len) return null;
    const start = rng.int(0, name.length - len);
    const f = name.slice(start, start + len);
    if (!/\d/.test(f) && f.trim() === f) return f;
  }
  return null;
}

function spellPhone(rng: Rng, d: string): string {
  const a = d.slice(0, 3);
  const l = d.slice(3);
  const g = `${l.slice(0, 3)}-${l.slice(3, 5)}-${l.slice(5)}`;
  return rng.pick([`+7 (${a}) ${g}`, `8 ${a} ${l.slice(0, 3)} ${l.slice(3, 5)} ${l.slice(5)}`, `8${d}`, d, `+7${d}`, `8(${a})${g}`]);
}

function spellDistr(rng: Rng, system: string, number: number, comp: number): string {
  const c = comp > 1 ? comp : null;
  switch (rng.int(0, 4)) {
    case 0:
      return formatDistr({ system, number, comp });
    case 1:
      return `${system.toLowerCase()} ${number}${c ? `-${c}` : ''}`;
    case 2:
      return `${system}${number}${c ? `_${c}` : ''}`;
    case 3:
      return `${number}${c ? `/${c}` : ''}`;
    default:
      return `${system}#${String(number).padStart(6, '0')}${c ? `_${String(c).padStart(2, '0')}` : ''}`;
  }
}

export function drawQueries(db: Db, perKind: number, seed = 42): Record<Kind, Query[]> {
  const rng = new Rng(seed);
  const sql = db.$client;
  const client = sql.prepare('SELECT name, inn FROM clients WHERE id = ?');
  const phone = sql.prepare('SELECT digits FROM phones WHERE id = ?');
  const distr = sql.prepare('SELECT system_code AS s, distr_number AS n, comp FROM distributions WHERE id = ?');
  const out: Record<Kind, Query[]> = { name: [], inn: [], phone: [], distr: [] };
  for (const id of randomIds(db, rng, 'clients', perKind * 3)) {
    const row = client.get(id) as { name: string; inn: string | null } | undefined;
    if (!row) continue;
    const f = fragment(rng, row.name);
    if (f && out.name.length < perKind) out.name.push({ kind: 'name', text: varyCase(rng, f) });
    if (row.inn && out.inn.length < perKind) out.inn.push({ kind: 'inn', text: row.inn });
  }
  for (const id of randomIds(db, rng, 'phones', perKind * 2)) {
    const row = phone.get(id) as { digits: string } | undefined;
    if (row && row.digits.length === 10 && out.phone.length < perKind) out.phone.push({ kind: 'phone', text: spellPhone(rng, row.digits) });
  }
  for (const id of randomIds(db, rng, 'distributions', perKind * 2)) {
    const row = distr.get(id) as { s: string; n: number; comp: number } | undefined;
    if (row && out.distr.length < perKind) out.distr.push({ kind: 'distr', text: spellDistr(rng, row.s, row.n, row.comp) });
  }
  return out;
}

export function cardIds(db: Db, n: number, seed = 43): number[] {
  return randomIds(db, new Rng(seed), 'clients', n);
}
