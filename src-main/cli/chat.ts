// CLI `chat sessions`: imported chat sessions with their client (or null), for scripts and checks.
import { openDb } from '../db/connection';
import { stmt } from '../db/stmt';
import { existingFile, parseOptions, requireOption, usageError } from './util';
import { kitText } from '../features/chat/sessions.apply';

export const CHAT_USAGE = `  chat sessions --db F [--json] [--unlinked]
                                           print imported chat sessions with their client (or null)`;

interface CliSession {
  id: number;
  kit: string;
  systemCode: string | null;
  start: string;
  finish: string | null;
  durationSec: number | null;
  client: { id: number; name: string } | null;
  contactId: number | null;
  fio: string | null;
  personal: string | null;
  employeeId: number | null;
  flags: string[];
}

export function chatCommand(args: string[]): void {
  const [sub, ...rest] = args;
  if (sub !== 'sessions') throw usageError(sub ? `unknown chat command "${sub}" (only "chat sessions" exists)` : 'missing chat command: chat sessions');
  const o = parseOptions(rest, { db: { type: 'string' }, json: { type: 'boolean' }, unlinked: { type: 'boolean' } });
  const db = openDb(existingFile(requireOption(o.db, 'db'), 'Database'), {});
  try {
    const rows = stmt(
      db,
      `SELECT cs.id, cs.system_number AS s, cs.distr_number AS d, cs.comp, ks.code AS systemCode, cs.start_at AS start, cs.finish_at AS finish,
         cs.duration_sec AS durationSec, cs.client_id AS clientId, c.name AS clientName, cs.contact_id AS contactId, cs.fio, cs.personal,
         cs.employee_id AS employeeId, cs.flags
       FROM chat_sessions cs LEFT JOIN clients c ON c.id = cs.client_id LEFT JOIN kplus_systems ks ON ks.number = cs.system_number
       ${o.unlinked ? 'WHERE cs.client_id IS NULL' : ''} ORDER BY cs.start_at, cs.id`,
    ).iterate() as IterableIterator<{ id: number; s: number; d: number; comp: number; systemCode: string | null; start: string; finish: string | null; durationSec: number | null; clientId: number | null; clientName: string | null; contactId: number | null; fio: string | null; personal: string | null; employeeId: number | null; flags: string }>;
    let n = 0;
    // Streamed row by row: a year of sessions is a million rows.
    if (o.json) process.stdout.write('[');
    for (const r of rows) {
      const s: CliSession = {
        id: r.id,
        kit: kitText(r.s, r.d, r.comp),
        systemCode: r.systemCode,
        start: r.start,
        finish: r.finish,
        durationSec: r.durationSec,
        client: r.clientId != null ? { id: r.clientId, name: r.clientName ?? '' } : null,
        contactId: r.contactId,
        fio: r.fio,
        personal: r.personal,
        employeeId: r.employeeId,
        flags: JSON.parse(r.flags) as string[],
      };
      if (o.json) process.stdout.write(`${n ? ',' : ''}\n  ${JSON.stringify(s)}`);
      else console.log([s.id, s.start, s.kit, s.client?.name ?? '—', s.personal ?? '', s.durationSec ?? ''].join('\t'));
      n++;
    }
    if (o.json) process.stdout.write(n ? '\n]\n' : ']\n');
    else console.log(`${n} session(s)`);
  } finally {
    db.$client.close();
  }
}
