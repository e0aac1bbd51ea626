// Demo USR files: a СИО's batch of files brought back from clients, queued as a real import so the demo shows the USR card, list filter and reports.
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import { storeBytes } from '../features/imports/store';
import { createBatch } from '../features/imports/process';
import { Rng } from './random';
import { updateDates, usrBytes, usrName, type GenKit, type GenUsr } from './usr.gen';

interface DemoKit {
  code: string;
  number: number | null;
  distr: number;
  comp: number;
}

const BANKS: readonly { code: string; name: string }[] = [
  { code: 'LAW', name: 'Законодательство' },
  { code: 'BUH', name: 'Бухгалтерия' },
  { code: 'ARB', name: 'Судебная практика' },
  { code: 'PAP', name: 'Путеводители' },
  { code: 'QSA', name: 'Вопросы-ответы' },
];

const day = (iso: string, plus: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

function fileFor(rng: Rng, kit: DemoKit, lastUpdate: string, today: string): GenUsr {
  const k: GenKit = { code: kit.code, number: kit.number, distr: kit.distr, comp: kit.comp, netCount: rng.int(1, 10), userType: 'NET', technolType: 'LAN' };
  const banks = BANKS.slice(0, rng.int(2, BANKS.length)).map((b) => ({ ...b, updates: updateDates(lastUpdate, rng.int(8, 30), 7), docs: rng.int(50, 900) }));
  // The file is written on the day of the last update or a day or two later, never after today.
  const written = day(lastUpdate, rng.int(0, 2));
  return { kits: [k], banks, fileDate: written > today ? today : written, encoding: 'windows-1251' };
}

/**
 * Queues the demo's USR files (about a third of the active kits: most updated lately, some past the 14-day limit, a
 * kit the base does not know, and one file sent twice under another name) as an import batch of the first СИО; the
 * import job of the host that started the demo takes it. Returns the number of files queued.
 */
export function queueDemoUsr(db: Db, now: Date, seed = 20261204): number {
  const rng = new Rng(seed);
  const today = now.toISOString().slice(0, 10);
  const at = now.toISOString();
  const kits = stmt(
    db,
    `SELECT d.system_code AS code, ks.number, d.distr_number AS distr, d.comp FROM distributions d
     LEFT JOIN kplus_systems ks ON ks.code = d.system_code WHERE d.state = 'active' ORDER BY d.id`,
  ).all() as DemoKit[];
  const sio = stmt(db, "SELECT employee_id AS id FROM employee_roles WHERE role = 'sio' ORDER BY employee_id LIMIT 1").get() as { id: number } | undefined;
  const files: { fileId: number; name: string }[] = [];
  const add = (g: GenUsr, suffix = '') => {
    const name = usrName(g, suffix);
    const stored = storeBytes(db, usrBytes(g), name, at);
    files.push({ fileId: stored.fileId, name });
  };
  kits.forEach((kit, i) => {
    if (i % 3 !== 0) return;
    // Most kits were updated within the last fortnight; every fifth one stopped two to eight weeks ago.
    const last = i % 5 === 0 ? day(today, -rng.int(15, 60)) : day(today, -rng.int(0, 10));
    add(fileFor(rng, kit, last, today));
    // An older file of the same kit: its history overlaps the newer one (proven updates are kept once).
    if (i % 4 === 0) add(fileFor(rng, kit, day(last, -21), today), '_old');
  });
  if (files.length === 0) return 0;
  // A kit the base does not know (waits on «USR-файлы → Неизвестные комплекты» for a link) and a file sent twice.
  const unknown = fileFor(rng, { code: 'SKJP', number: 1, distr: 990_001, comp: 1 }, day(today, -3), today);
  add(unknown);
  add(unknown, '_копия');
  createBatch(db, { source: 'upload', createdBy: sio?.id ?? null, files }, at);
  return files.length;
}
