// Handlers of the monthly НСС report to the КЦ: preview (nothing saved), save into the archive (refused while problems remain), the archive.
import { createHash } from 'node:crypto';
import type { HandlerMap } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { NSS_KC_DIFF_SHOWN, NSS_KC_PROBLEMS_SHOWN, type NssKcArchiveItem, type NssKcDiff, type NssKcRow, type NssKcTotals } from '../../../src-shared/nss';
import { ensureNssMonth } from './aggregate';
import { readNssSettings } from './settings';
import { nssKcFacts } from './kc.rows';
import { checkNssKc, monthTotals, totalsOf } from './kc.check';
import { cutDiff, diffWithPrevious } from './kc.diff';
import { NSS_KC_FORMAT, nssKcFileName, writeNssKc } from './kc.format';

/** Everything of the month's report: rows, bytes, totals, problems, differences. */
export function buildNssKc(ctx: Ctx, month: string) {
  ensureNssMonth(ctx.db, month, ctx.today());
  const facts = nssKcFacts(ctx.db, month);
  const rows = facts.map((f) => f.row);
  const bytes = writeNssKc(rows);
  const problems = checkNssKc(facts, bytes, monthTotals(ctx.db, month));
  const diff = diffWithPrevious(ctx.db, month, rows, readNssSettings(ctx.db).bigChangePct);
  return { rows, bytes, totals: totalsOf(rows), problems, diff };
}

const ITEM_COLS = `r.id, r.month, r.file_name AS fileName, r.row_count AS rowCount, r.created_at AS createdAt, e.full_name AS createdBy, r.sha256,
  r.id = (SELECT x.id FROM nss_kc_reports x WHERE x.month = r.month ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS latest`;

type ItemRow = Omit<NssKcArchiveItem, 'latest'> & { latest: number };
const toItem = ({ latest, ...r }: ItemRow): NssKcArchiveItem => ({ ...r, latest: latest === 1 });

function itemOf(ctx: Ctx, id: number): NssKcArchiveItem | undefined {
  const r = stmt(ctx.db, `SELECT ${ITEM_COLS} FROM nss_kc_reports r LEFT JOIN employees e ON e.id = r.created_by WHERE r.id = ?`).get(id) as ItemRow | undefined;
  return r && toItem(r);
}

export const nssKcHandlers: HandlerMap<'nss.kc.preview' | 'nss.kc.save' | 'nss.kc.list' | 'nss.kc.get'> = {
  'nss.kc.preview': (input, ctx) => {
    const b = buildNssKc(ctx, input.month);
    return {
      month: input.month,
      format: NSS_KC_FORMAT,
      fileName: nssKcFileName(input.month, 'черновик'),
      total: b.rows.length,
      offset: input.offset,
      rows: b.rows.slice(input.offset, input.offset + input.limit),
      totals: b.totals,
      problems: b.problems.slice(0, NSS_KC_PROBLEMS_SHOWN),
      problemCount: b.problems.length,
      diff: cutDiff(b.diff, NSS_KC_DIFF_SHOWN),
    };
  },

  // One transaction (the dispatcher's): the rows, the check, the comparison and the archive see one state of the data.
  'nss.kc.save': (input, ctx) => {
    const b = buildNssKc(ctx, input.month);
    if (b.problems.length) {
      const issues = b.problems.map((p) =>
        p.clientId == null ? { path: 'totals', reason: p.code } : { path: `clients.${p.clientId}.${p.code}`, reason: p.code, ref: { id: p.clientId, name: p.name } },
      );
      throw new AppError('BAD_INPUT', `${b.problems.length} problems in the report`, issues);
    }
    const sha256 = createHash('sha256').update(b.bytes).digest('hex');
    const id = Number(
      stmt(
        ctx.db,
        `INSERT INTO nss_kc_reports (month, format, file_name, content, sha256, rows, totals, diff, row_count, created_by, created_at)
         VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.month, NSS_KC_FORMAT, Buffer.from(b.bytes), sha256, JSON.stringify(b.rows), JSON.stringify(b.totals), JSON.stringify(b.diff), b.rows.length, ctx.me.id, ctx.nowIso())
        .lastInsertRowid,
    );
    stmt(ctx.db, 'UPDATE nss_kc_reports SET file_name = ? WHERE id = ?').run(nssKcFileName(input.month, id), id);
    ctx.audit('nss_kc_report', id, 'save', { month: input.month, rows: b.rows.length, sha256 });
    return itemOf(ctx, id)!;
  },

  'nss.kc.list': (input, ctx) =>
    (stmt(ctx.db, `SELECT ${ITEM_COLS} FROM nss_kc_reports r LEFT JOIN employees e ON e.id = r.created_by ORDER BY r.created_at DESC, r.id DESC LIMIT ?`).all(input.limit) as ItemRow[]).map(toItem),

  'nss.kc.get': (input, ctx) => {
    const item = itemOf(ctx, input.id);
    if (!item) throw notFound('report');
    const saved = stmt(ctx.db, 'SELECT format, rows, totals, diff FROM nss_kc_reports WHERE id = ?').get(input.id) as { format: string; rows: string; totals: string; diff: string };
    const rows = JSON.parse(saved.rows) as NssKcRow[];
    return {
      ...item,
      latest: item.latest ?? false,
      format: saved.format,
      total: rows.length,
      offset: input.offset,
      rows: rows.slice(input.offset, input.offset + input.limit),
      totals: JSON.parse(saved.totals) as NssKcTotals,
      diff: JSON.parse(saved.diff) as NssKcDiff,
    };
  },
};
