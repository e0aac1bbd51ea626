// Applies a reviewed ГЛ call list: all or nothing — every row not left out must be matched; writes `gl_call` records and recomputes the aggregates.
import { AppError } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { localDate, ricTimeZone } from '../../api/context';
import type { ApiIssue } from '../../../src-shared/errors';
import type { ApplyContext, ApplyResult, ImportProblem, ParsedFile } from '../imports/format';
import type { SheetRecord } from '../imports/sheet/sheet.parse.task';
import { nssCallsDecisions } from '../../../src-shared/api/nss-calls';
import type { NssCallsDecisions } from '../../../src-shared/nss-calls';
import { rememberCallMapping, resolveCallMapping } from './calls.mapping';
import { decideCalls, isOpen, readCalls } from './calls.review';
import { touchNss } from './aggregate';

/** Issues listed in a refusal; the detail says how many rows there were in all. */
const MAX_ISSUES = 1000;

function decisionsOf(raw: unknown): Partial<NssCallsDecisions> {
  const r = nssCallsDecisions.partial({ mapping: true }).safeParse(raw ?? {});
  if (!r.success) throw new AppError('BAD_INPUT', 'decisions', r.error.issues.slice(0, 20).map((i) => ({ path: `decisions.${i.path.join('.')}`, reason: i.code })));
  return r.data;
}

export function applyCalls(parsed: ParsedFile<SheetRecord>, raw: unknown, ctx: ApplyContext): ApplyResult {
  const rec = parsed.records[0];
  if (!rec) throw new AppError('BAD_INPUT', 'empty list');
  const d = decisionsOf(raw);
  const m = resolveCallMapping(ctx.db, rec.headers, d.mapping);
  if (m.errors.length) throw new AppError('BAD_INPUT', `mapping (${m.source})`, m.errors.map((e) => ({ path: 'mapping', reason: e })));
  // Read again inside the file's transaction: a call recorded since the review is a duplicate now.
  const rows = decideCalls(readCalls(ctx.db, rec, m.mapping), d);
  const issues: ApiIssue[] = [];
  let bad = 0;
  rows.forEach((r, i) => {
    if (!isOpen(r)) return;
    bad++;
    if (issues.length < MAX_ISSUES) issues.push({ path: `rows.${i + 1}`, reason: r.state });
  });
  if (bad) throw new AppError('BAD_INPUT', `${bad} rows are not matched`, issues);
  const tz = ricTimeZone(ctx.db);
  const ins = stmt(
    ctx.db,
    `INSERT INTO nss_records (kind, client_id, distribution_id, employee_id, at, on_date, duration_sec, count, comment, source, source_file_id, phone, created_by, created_at)
     VALUES ('gl_call', ?, ?, ?, ?, ?, ?, 1, ?, 'import', ?, ?, ?, ?)`,
  );
  let added = 0;
  let skipped = 0;
  const problems: ImportProblem[] = [];
  const touched = new Map<number, string[]>();
  rows.forEach((r, i) => {
    if (r.skipped || r.state === 'duplicate') {
      skipped++;
      problems.push({ record: i + 1, code: r.skipped ? 'left_out' : 'duplicate' });
      return;
    }
    const a = r.auto;
    const at = new Date(a.atMs!).toISOString();
    const onDate = localDate(new Date(a.atMs!), tz);
    // An operator who is not an employee: the record keeps the name as the file wrote it.
    const comment = a.employeeId == null && a.values.employee ? `Оператор: ${a.values.employee}` : null;
    ins.run(r.client, r.distributionId, a.employeeId, at, onDate, a.values.durationSec, comment, ctx.fileId, a.values.phone, ctx.employeeId, ctx.now);
    added++;
    const days = touched.get(r.client!) ?? [];
    days.push(onDate);
    touched.set(r.client!, days);
  });
  for (const [clientId, days] of touched) touchNss(ctx.db, clientId, days, tz);
  rememberCallMapping(ctx.db, rec.headers, m.mapping);
  return { added, skipped, flagged: 0, problems };
}
