// Benchmark queries drawn from the seeded data: name fragments, real ИНН, real phones and distributions in varied spellings,
// contact surnames, ё written as е, phone fragments, several words of a name in any order.
import type { Db } from '../src-main/db/connection';
import { Rng } from '../src-main/demo/random';
import { formatDistr } from '../src-shared/distr';
import { foldedWords, LEGAL_FORMS } from '../src-shared/search-text';

export type Kind = 'name' | 'inn' | 'phone' | 'distr' | 'contact' | 'yo' | 'phoneFragment' | 'words';
export const KINDS: Kind[] = ['name', 'inn', 'phone', 'distr', 'contact', 'yo', 'phoneFragment', 'words'];

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

/** A piece of a phone as people dictate it: «347-25-03», «347 25 03», «(423) 347», «25-03». */
function phoneFragment(rng: Rng, d: string): string {
  const a = d.slice(0, 3);
  const l = d.slice(3);
  return rng.pick([`${l.slice(0, 3)}-${l.slice(3, 5)}-${l.slice(5)}`, `${l.slice(0, 3)} ${l.slice(3, 5)} ${l.slice(5)}`, `(${a}) ${l.slice(0, 3)}`, `${l.slice(3, 5)}-${l.slice(5)}`, l]);
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
  const out: Record<Kind, Query[]> = { name: [], inn: [], phone: [], distr: [], contact: [], yo: [], phoneFragment: [], words: [] };
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
    if (row && row.digits.length === 10 && out.phoneFragment.length < perKind) out.phoneFragment.push({ kind: 'phoneFragment', text: phoneFragment(rng, row.digits) });
  }
  const contact = sql.prepare('SELECT full_name AS n FROM contacts WHERE id = ?');
  for (const id of randomIds(db, rng, 'contacts', perKind * 3)) {
    const row = contact.get(id) as { n: string } | undefined;
    if (!row) continue;
    const [surname, first] = row.n.split(' ');
    // A caller says the surname, sometimes with the first name after it or before it.
    if (out.contact.length < perKind) out.contact.push({ kind: 'contact', text: varyCase(rng, rng.chance(0.7) ? surname! : rng.chance(0.5) ? `${surname} ${first}` : `${first} ${surname}`) });
  }
  // ё typed as е: surnames of contacts and client names that hold a ё.
  const yo = sql.prepare("SELECT full_name AS n FROM contacts WHERE id >= ? AND instr(full_name, 'ё') > 0 LIMIT 1");
  const yoNames = sql.prepare("SELECT name AS n FROM clients WHERE id >= ? AND instr(name, 'ё') > 0 LIMIT 1");
  for (const id of randomIds(db, rng, 'contacts', perKind)) {
    const fromName = rng.chance(0.3);
    const row = (fromName ? yoNames : yo).get(fromName ? Math.ceil(id / 2) : id) as { n: string } | undefined;
    if (!row || out.yo.length >= perKind) continue;
    const word = row.n.split(/[\s«»"]+/).find((w) => w.includes('ё'))!;
    out.yo.push({ kind: 'yo', text: varyCase(rng, word.replace(/ё/g, 'е')) });
  }
  for (const id of randomIds(db, rng, 'clients', perKind * 3)) {
    const row = client.get(id) as { name: string } | undefined;
    const w = row ? foldedWords(row.name).filter((x) => !LEGAL_FORMS.has(x) && x.length >= 3 && !/\d/.test(x)) : [];
    if (w.length < 2 || out.words.length >= perKind) continue;
    // Two words of the name in either order, the second often cut short, sometimes with a legal form typed first.
    const [a, b] = rng.chance(0.5) ? [w[0]!, w[1]!] : [w[1]!, w[0]!];
    const cut = rng.chance(0.5) ? b.slice(0, rng.int(3, b.length)) : b;
    out.words.push({ kind: 'words', text: varyCase(rng, `${rng.chance(0.2) ? 'ООО ' : ''}${a} ${cut}`) });
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
