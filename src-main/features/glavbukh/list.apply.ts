// Applies a reviewed certified list: all or nothing — every row not left out must be matched, each written through recordCertificate.
import { AppError } from '../../api/errors';
import type { ApiIssue } from '../../../src-shared/errors';
import type { ApplyContext, ApplyResult, ImportProblem, ParsedFile } from '../imports/format';
import { gbListDecisions } from '../../../src-shared/api/glavbukh-list';
import type { GbListDecisions } from '../../../src-shared/glavbukh';
import { CertNumberTaken, recordCertificate } from './certs';
import { rememberMapping, resolveMapping } from './list.mapping';
import { listCacheKey } from './list.stage';
import { decideRows, readList, type GbSheetRecord } from './list.review';

/** Issues listed in a refusal; the detail says how many rows there were in all. */
const MAX_ISSUES = 1000;

/** The decisions of a request, checked (the mechanism hands them over as it got them). */
function decisionsOf(raw: unknown): Partial<GbListDecisions> {
  const r = gbListDecisions.partial({ mapping: true }).safeParse(raw ?? {});
  if (!r.success) throw new AppError('BAD_INPUT', 'decisions', r.error.issues.slice(0, 20).map((i) => ({ path: `decisions.${i.path.join('.')}`, reason: i.code })));
  return r.data;
}

export function applyGbList(parsed: ParsedFile<GbSheetRecord>, raw: unknown, ctx: ApplyContext): ApplyResult {
  const rec = parsed.records[0];
  if (!rec) throw new AppError('BAD_INPUT', 'empty list');
  const d = decisionsOf(raw);
  // Without a mapping: the one remembered for the layout, or a guess only when it is complete.
  const m = resolveMapping(ctx.db, rec.headers, d.mapping);
  if (m.errors.length) throw new AppError('BAD_INPUT', `mapping (${m.source})`, m.errors.map((e) => ({ path: 'mapping', reason: e })));
  // The review's reading is reused when nothing it read has changed since (checked inside this transaction);
  // recordCertificate checks every number again whatever the reading said.
  const reading = readList(ctx.db, rec, m.mapping, d.programme, listCacheKey(ctx.db, ctx.fileId));
  const rows = decideRows(ctx.db, reading, d);
  const issues: ApiIssue[] = [];
  let bad = 0;
  rows.forEach((r, i) => {
    if (r.skipped || r.state === 'matched' || r.state === 'same') return;
    bad++;
    if (issues.length < MAX_ISSUES) issues.push({ path: `rows.${i + 1}`, reason: r.state });
  });
  if (bad) throw new AppError('BAD_INPUT', `${bad} rows are not matched`, issues);
  const w = { db: ctx.db, now: ctx.now, employeeId: ctx.employeeId };
  let added = 0;
  let skipped = 0;
  const problems: ImportProblem[] = [];
  const changed = new Set<number>();
  rows.forEach((r, i) => {
    if (r.skipped) {
      skipped++;
      problems.push({ record: i + 1, code: 'left_out' });
      return;
    }
    const v = r.auto.values;
    try {
      const res = recordCertificate(w, {
        clientId: r.client!,
        programme: r.auto.programme,
        number: v.number,
        issuedOn: v.issuedOn,
        validUntil: r.validUntil,
        status: r.status,
        source: 'import',
        sourceFileId: ctx.fileId,
      });
      if (res.outcome === 'same') skipped++;
      else {
        added++;
        changed.add(r.client!);
      }
    } catch (err) {
      // Another import took the number since the review: the whole list is refused.
      if (err instanceof CertNumberTaken) throw new AppError('CONFLICT', err.message, [{ path: `rows.${i + 1}`, reason: 'duplicate', ref: err.issues![0]!.ref }]);
      throw err;
    }
  });
  rememberMapping(ctx.db, rec.headers, m.mapping, ctx.employeeId, ctx.now);
  if (changed.size) ctx.emit('glavbukh.changed', { clientIds: changed.size <= 1000 ? [...changed] : null });
  return { added, skipped, flagged: 0, problems };
}
