// Applying parsed chat sessions inside the file's transaction: idempotent by (system number, distr, comp, start), linked where possible.
import { stmt } from '../../db/stmt';
import { NssTouches } from '../nss/aggregate';
import type { ApplyContext, ApplyResult, ImportProblem, ParsedFile } from '../imports/format';
import { loadCatalog } from '../systems/systems.repo';
import type { ChatSessionRecord } from './sessions.parse';
import { ContactMatcher, KitResolver, OperatorResolver } from './sessions.match';

// Positional parameters: binding 23 named ones per row costs more than the insert itself at 10,000 rows a file.
const INSERT = `INSERT INTO chat_sessions (system_number, distr_number, comp, start_at, finish_at, first_date, duration_sec, distribution_id, client_id,
   contact_id, profile, fio, email, phone, text, lgn, personal, employee_id, links, client_rating, flags, file_id, imported_at)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
 ON CONFLICT (system_number, distr_number, comp, start_at) DO UPDATE SET finish_at = excluded.finish_at, duration_sec = excluded.duration_sec,
   text = excluded.text, client_rating = coalesce(excluded.client_rating, chat_sessions.client_rating)
 WHERE chat_sessions.finish_at IS NULL AND excluded.finish_at IS NOT NULL`;
// A session exported while it still ran (no finish, the dialog cut short) is completed by a later export that has its
// end; any other session already there is left as it was.

/** The kit as the КЦ spells it, for problems: `1_000123_02`. */
export function kitText(systemNumber: number, distrNumber: number, comp: number): string {
  const base = `${systemNumber}_${String(distrNumber).padStart(6, '0')}`;
  return comp === 1 ? base : `${base}_${String(comp).padStart(2, '0')}`;
}

/**
 * Writes every new session of a file. A session already there (a re-import, an overlapping file) is counted as skipped
 * and left as it was. An unknown system number is kept with a flag and reported; a kit with no client is kept, reported
 * and listed for linking (both count as flagged).
 */
export function applyChatSessions(parsed: ParsedFile<ChatSessionRecord>, ctx: ApplyContext): ApplyResult {
  const cat = loadCatalog(ctx.db);
  const kits = new KitResolver(ctx.db, cat);
  const contacts = new ContactMatcher(ctx.db);
  const operators = new OperatorResolver(ctx.db);
  const ins = stmt(ctx.db, INSERT);
  const nss = new NssTouches();
  const problems: ImportProblem[] = [];
  let added = 0;
  let skipped = 0;
  let flagged = 0;
  for (const r of parsed.records) {
    const flags: string[] = [];
    const kit = kitText(r.systemNumber, r.distrNumber, r.comp);
    const recordProblems: ImportProblem[] = [];
    if (!cat.byNumber(r.systemNumber)) {
      flags.push('unknown_system_number');
      recordProblems.push({ record: r.record, code: 'unknown_system_number', detail: String(r.systemNumber) });
    }
    const link = kits.resolve(r.systemNumber, r.distrNumber, r.comp);
    if (link.clientId == null) recordProblems.push({ record: r.record, code: 'unknown_kit', detail: kit });
    const contactId = link.clientId != null ? contacts.match(link.clientId, r) : null;
    const res = ins.run(
      r.systemNumber,
      r.distrNumber,
      r.comp,
      r.startAt,
      r.finishAt,
      r.firstDate,
      r.durationSec,
      link.distributionId,
      link.clientId,
      contactId,
      r.profile,
      r.fio,
      r.email,
      r.phone,
      r.text,
      r.lgn,
      r.personal,
      operators.resolve(r.personal),
      r.links,
      r.clientRating,
      JSON.stringify(flags),
      ctx.fileId,
      ctx.now,
    );
    if (res.changes === 0) {
      skipped++;
      continue;
    }
    nss.add(link.clientId, r.startAt);
    added++;
    if (recordProblems.length > 0) {
      flagged++;
      problems.push(...recordProblems);
    }
  }
  nss.flush(ctx.db);
  return { added, skipped, flagged, problems };
}

