// Demo certified list: the КЦ's answer to a Главбух request (windows-1251 CSV), queued as the head's upload so the review screen has a list to go through.
import iconv from 'iconv-lite';
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import { storeBytes } from '../features/imports/store';
import { createBatch } from '../features/imports/process';

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Builds the list from demo organisations with an ИНН: most rows match by ИНН + КПП, one only by its name (no ИНН in
 * the list), one names an organisation the base does not have, one repeats another row's number — so a new user sees
 * every state of the review. Returns the number of rows, 0 when the base has too few organisations.
 */
export function queueDemoGlavbukhList(db: Db, now: Date): number {
  const clients = stmt(db, "SELECT name, inn, kpp FROM clients WHERE inn IS NOT NULL AND length(inn) = 10 AND status = 'active' ORDER BY id LIMIT 24").all() as {
    name: string;
    inn: string;
    kpp: string | null;
  }[];
  if (clients.length < 6) return 0;
  const today = now.toISOString().slice(0, 10);
  const issued = plusDays(today, -10);
  const until = plusDays(issued, 364);
  const header = ['№ п/п', 'Наименование организации', 'ИНН', 'КПП', 'ФИО главного бухгалтера', 'Номер сертификата', 'Дата выдачи', 'Действителен до'];
  const rows: string[][] = clients.map((c, i) => [String(i + 1), c.name, c.inn, c.kpp ?? '', '', `ГБ-${today.slice(2, 4)}-${String(7000 + i).padStart(5, '0')}`, ru(issued), ru(until)]);
  // Matched by name only; an organisation not in the base; a number given twice.
  rows[1]![2] = '';
  rows[1]![3] = '';
  rows.push([String(rows.length + 1), 'ООО «Северо-Восточная компания»', '2536000013', '253601001', 'Ким Ольга Сергеевна', `ГБ-${today.slice(2, 4)}-09001`, ru(issued), ru(until)]);
  rows.push([String(rows.length + 1), clients[3]!.name + ' (филиал)', '', '', '', rows[2]![5]!, ru(issued), ru(until)]);
  const text = [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
  const head = stmt(db, "SELECT employee_id AS id FROM employee_roles WHERE role = 'head' ORDER BY employee_id LIMIT 1").get() as { id: number } | undefined;
  const name = `Сертифицированные Главбух ${ru(today)}.csv`;
  const stored = storeBytes(db, iconv.encode(text, 'win1251'), name, now.toISOString());
  createBatch(db, { source: 'upload', createdBy: head?.id ?? null, files: [{ fileId: stored.fileId, name }] }, now.toISOString());
  return rows.length;
}
