// Chat bench data: 1,000,000 sessions over the last two years seeded by one prepared INSERT, and export files in the Онлайн-диалог format.
import type { Db } from '../src-main/db/connection';

export interface Kit {
  id: number;
  number: number;
  distr: number;
  comp: number;
  clientId: number;
}

/** Every kit whose system has a number in the catalogue (the export names kits by number). */
export function loadKits(db: Db): Kit[] {
  return db.$client
    .prepare('SELECT d.id, ks.number, d.distr_number AS distr, d.comp, d.client_id AS clientId FROM distributions d JOIN kplus_systems ks ON ks.code = d.system_code WHERE ks.number IS NOT NULL ORDER BY d.id')
    .all() as Kit[];
}

const WORDS = ['добрый', 'день', 'подскажите', 'пожалуйста', 'как', 'учесть', 'НДС', 'при', 'возврате', 'аванса', 'отчёт', 'сдать', 'срок', 'письмо', 'ФНС', 'спасибо'];

/** A dialog text of about `len` characters, deterministic in `i`. */
export function dialog(i: number, len: number): string {
  const out: string[] = [];
  let n = 0;
  for (let k = 0; n < len; k++) {
    const w = WORDS[(i * 7 + k * 13) % WORDS.length]!;
    out.push(w);
    n += w.length + 1;
  }
  return out.join(' ');
}

/**
 * Seeds `count` sessions deterministically: session i on kit i·7919 mod kits, started evenly over the two years before
 * `end`, 40 % on one of the operators, durations 1–30 minutes. One prepared INSERT in transactions of 50,000.
 */
export function seedSessions(db: Db, kits: Kit[], operators: number[], count: number, end: Date): number {
  const sql = db.$client;
  const span = 730 * 86_400_000;
  const t0 = end.getTime() - span;
  const step = span / count;
  const ins = sql.prepare(
    `INSERT INTO chat_sessions (system_number, distr_number, comp, start_at, finish_at, first_date, duration_sec, distribution_id, client_id, profile, fio,
       text, personal, employee_id, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Бухгалтер', ?, ?, ?, ?, ?)`,
  );
  const now = end.toISOString();
  const started = performance.now();
  for (let from = 0; from < count; from += 50_000) {
    sql.transaction(() => {
      for (let i = from; i < Math.min(count, from + 50_000); i++) {
        const kit = kits[(i * 7919) % kits.length]!;
        const start = t0 + Math.floor(i * step);
        const dur = 60 + ((i * 37) % 1740);
        const op = i % 5 < 2 ? operators[i % operators.length]! : operators[(i * 3) % operators.length]!;
        const startIso = new Date(start).toISOString();
        ins.run(kit.number, kit.distr, kit.comp, startIso, new Date(start + dur * 1000).toISOString(), startIso, dur, kit.id, kit.clientId, `Клиент ${i % 997}`, dialog(i, 120), `Оператор ${op}`, op, now);
      }
    })();
  }
  return performance.now() - started;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const pad = (n: number) => String(n).padStart(2, '0');
/** Moscow wall time (UTC+3, no DST) as the export writes it. */
function moscow(ms: number): string {
  const d = new Date(ms + 3 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Export file `f` of `perFile` sessions, all in 2019 (before the seeded two years), on real kits; ≈ 500 bytes a session (≈ 5 MB a file of 10,000). */
export function exportFile(kits: Kit[], f: number, perFile: number): Buffer {
  const t0 = Date.UTC(2019, 0, 1);
  const parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n<root>\n'];
  for (let j = 0; j < perFile; j++) {
    const i = f * perFile + j;
    const kit = kits[(i * 104_729) % kits.length]!;
    const start = t0 + i * 97_000;
    const el = (n: string, v: string) => `<${n}>${esc(v)}</${n}>`;
    parts.push(
      `<chat sys="${kit.number}" distr="${kit.distr}" comp="${kit.comp}" first_date="${moscow(start)}" start="${moscow(start)}" finish="${moscow(start + 300_000 + (i % 600) * 1000)}">` +
        el('profile', 'Бухгалтер') +
        el('fio', `Иванова Мария ${i % 500}`) +
        el('email', `user${i % 9973}@example.ru`) +
        el('phone', `+7 (423) ${String(200 + (i % 700))}-${pad(i % 100)}-${pad((i * 7) % 100)}`) +
        el('text', dialog(i, 100)) +
        el('lgn', `login${i % 1000}`) +
        el('personal', `Оператор ${i % 20}`) +
        el('links', '') +
        '</chat>\n',
    );
  }
  parts.push('</root>\n');
  return Buffer.from(parts.join(''), 'utf8');
}
