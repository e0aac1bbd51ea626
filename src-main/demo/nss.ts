// Demo НСС work: half a year of ГЛ calls, personal manager contacts and СИО visits for the clients with НСС kits (some
// left quiet, so the report shows gaps in red), two seminars (one held, one ahead) and cycles, a few of them due.
import type { Db } from '../db/connection';
import { addDays, stmt } from '../db/stmt';
import { monthOf, recomputeNssClient } from '../features/nss/aggregate';
import { recordInstant } from '../features/nss/records';
import { Rng } from './random';

const monthBack = (today: string, n: number) => {
  const t = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/** Returns how many records were written. */
export function loadDemoNss(db: Db, today: string, adminId: number, seed = 20261205): number {
  const rng = new Rng(seed);
  const clients = stmt(
    db,
    `SELECT DISTINCT c.id, c.sio_id AS sio, c.pm_id AS pm, d.id AS kit FROM clients c JOIN distributions d ON d.client_id = c.id
     JOIN distribution_schemes s ON s.distribution_id = d.id AND s.scheme = 'nss' GROUP BY c.id ORDER BY c.id`,
  ).all() as { id: number; sio: number | null; pm: number | null; kit: number }[];
  const now = new Date().toISOString();
  const put = stmt(
    db,
    `INSERT INTO nss_records (kind, client_id, distribution_id, employee_id, at, on_date, duration_sec, count, comment, source, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 'manual', ?, ?)`,
  );
  let n = 0;
  const from = monthBack(today, 5);
  for (const c of clients) {
    // One client in six is left without contact for the last months: red in the report.
    const quietFrom = rng.chance(1 / 6) ? rng.int(1, 3) : 99;
    for (let back = 5; back >= 0; back--) {
      if (back < quietFrom && quietFrom !== 99) continue;
      const month = monthBack(today, back);
      const days = (k: number) => Array.from({ length: k }, () => `${month}-${String(rng.int(1, 28)).padStart(2, '0')}`).filter((d) => d <= today);
      const add = (kind: string, d: string, employee: number | null, sec: number | null, comment: string | null, kit: number | null) => {
        const { at, onDate } = recordInstant(db, d, `${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`);
        put.run(kind, c.id, kit, employee, at, onDate, sec, comment, adminId, now);
        n++;
      };
      for (const d of days(rng.int(0, 3))) add('gl_call', d, null, rng.int(60, 900), null, c.kit);
      for (const d of days(rng.chance(0.6) ? 1 : 0)) add(rng.chance(0.7) ? 'pm_call' : 'pm_meeting', d, c.pm ?? c.sio, null, 'Плановый контакт', null);
      for (const d of days(rng.chance(0.4) ? 1 : 0)) add('sio_visit', d, c.sio, null, 'Обновление, проверка USR', c.kit);
    }
  }
  // Seminars: one held last month (attended by some), one ahead with registrations.
  const held = addDays(`${monthBack(today, 1)}-15`, 0);
  const ahead = addDays(today, 12);
  const seminar = (title: string, date: string, format: string, capacity: number) => {
    const { at, onDate } = recordInstant(db, date, '11:00');
    return Number(stmt(db, 'INSERT INTO nss_seminars (title, starts_at, on_date, format, capacity, place, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(title, at, onDate, format, capacity, format === 'offline' ? 'Учебный класс РИЦ' : null, adminId, now).lastInsertRowid);
  };
  const s1 = seminar('Изменения в НДС с 1 января', held, 'offline', 30);
  const s2 = seminar('Новое в бухгалтерской отчётности', ahead, 'online', 100);
  const person = stmt(db, "SELECT c.id, c.full_name AS fio FROM contacts c WHERE c.client_id = ? AND c.active = 1 ORDER BY c.id LIMIT 1");
  const reg = stmt(db, 'INSERT OR IGNORE INTO nss_seminar_people (seminar_id, client_id, contact_id, fio, registered_at, attended, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  clients.slice(0, 24).forEach((c, i) => {
    const p = person.get(c.id) as { id: number; fio: string } | undefined;
    if (!p) return;
    if (i < 16) reg.run(s1, c.id, p.id, p.fio, now, i % 4 === 0 ? 0 : 1, adminId);
    else reg.run(s2, c.id, p.id, p.fio, now, 0, adminId);
  });
  // Cycles: a year each, for about a third of the НСС clients; a few end within a month.
  const cycle = stmt(db, "INSERT INTO nss_cycles (client_id, starts_on, ends_on, state, created_by, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?)");
  const cover = stmt(db, 'INSERT INTO nss_cycle_distributions (cycle_id, distribution_id) VALUES (?, ?)');
  clients.forEach((c, i) => {
    if (i % 3 !== 0) return;
    const ends = addDays(today, i < 12 ? rng.int(3, 28) : rng.int(40, 330));
    const id = Number(cycle.run(c.id, addDays(ends, -364), ends, adminId, now, now).lastInsertRowid);
    cover.run(id, c.kit);
  });
  for (const c of clients) recomputeNssClient(db, c.id, from, monthOf(today));
  return n;
}
