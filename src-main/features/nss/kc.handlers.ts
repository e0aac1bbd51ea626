// Handlers of the monthly НСС report to the КЦ: preview (nothing saved), save into the archive (refused while problems remain), the archive.
import { prepared, type HandlerMap } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { NssKcArchiveItem, NssKcDiff, NssKcPreview, NssKcRow, NssKcTotals } from '../../../src-shared/nss';
import { ensureNssMonth } from './aggregate';
import { readNssSettings } from './settings';
import { buildNssKc, builtForSave, previewOf, type NssKcBuilt } from './kc.build';
import { NSS_KC_FORMAT, nssKcFileName } from './kc.format';
import { nssKcBuildTask, nssKcPreviewTask } from './kc.workers';

import { readyMonths } from './ready';
import { latestReport, previousMonth } from './kc.diff';

/**
 * The preview is built on a pool thread (a month of 100,000 clients takes seconds of CPU: the query, the file, the
 * check, the comparison); the month's missing aggregates are written first, here. An in-memory database builds inline.
 */
async function preview(ctx: Ctx, month: string, offset: number, limit: number): Promise<NssKcPreview> {
  const bigChangePct = readNssSettings(ctx.db).bigChangePct;
  const dbFile = ctx.db.$client.name;
  if (!dbFile || dbFile === ':memory:' || ctx.db.$client.memory) {
    ensureNssMonth(ctx.db, month, ctx.today());
    return previewOf(buildNssKc(ctx.db, month, bigChangePct), month, offset, limit);
  }
  await readyMonths(ctx, month, month);
  return ctx.offload(nssKcPreviewTask, { dbFile, month, bigChangePct, offset, limit });
}

const ITEM_COLS = `r.id, r.month, r.file_name AS fileName, r.row_count AS rowCount, r.created_at AS createdAt, e.full_name AS createdBy, r.sha256,
  r.id = (SELECT x.id FROM nss_kc_reports x WHERE x.month = r.month ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS latest`;

type ItemRow = Omit<NssKcArchiveItem, 'latest'> & { latest: number };
const toItem = ({ latest, ...r }: ItemRow): NssKcArchiveItem => ({ ...r, latest: latest === 1 });

function itemOf(ctx: Ctx, id: number): NssKcArchiveItem | undefined {
  const r = stmt(ctx.db, `SELECT ${ITEM_COLS} FROM nss_kc_reports r LEFT JOIN employees e ON e.id = r.created_by WHERE r.id = ?`).get(id) as ItemRow | undefined;
  return r && toItem(r);
}

/** A month that has not begun has no figures to report (and would write its rows ahead of time). */
function notFuture(ctx: Ctx, month: string): void {
  if (month > ctx.today().slice(0, 7)) throw badField('month', 'future');
}

export const nssKcHandlers: HandlerMap<'nss.kc.preview' | 'nss.kc.save' | 'nss.kc.list' | 'nss.kc.get'> = {
  'nss.kc.preview': prepared<'nss.kc.preview', NssKcPreview>({
    prepare: (input, ctx) => {
      notFuture(ctx, input.month);
      return preview(ctx, input.month, input.offset, input.limit);
    },
    run: (_input, _ctx, result) => result,
  }),

  // Built whole on a pool thread from one state of the data (a read transaction there); here, in the dispatcher's
  // transaction, only the archive row is written — refused when the check found problems, or when the previous month's
  // report it was compared with is no longer the latest (a save raced it: build again).
  'nss.kc.save': prepared<'nss.kc.save', NssKcBuilt>({
    prepare: async (input, ctx) => {
      notFuture(ctx, input.month);
      const bigChangePct = readNssSettings(ctx.db).bigChangePct;
      const dbFile = ctx.db.$client.name;
      if (!dbFile || dbFile === ':memory:' || ctx.db.$client.memory) {
        ensureNssMonth(ctx.db, input.month, ctx.today());
        return builtForSave(buildNssKc(ctx.db, input.month, bigChangePct));
      }
      await readyMonths(ctx, input.month, input.month);
      return ctx.offload(nssKcBuildTask, { dbFile, month: input.month, bigChangePct });
    },
    run: (input, ctx, b) => {
      if (b.problems.length) {
        const issues = b.problems.map((p) =>
          p.clientId == null ? { path: 'totals', reason: p.code } : { path: `clients.${p.clientId}.${p.code}`, reason: p.code, ref: { id: p.clientId, name: p.name } },
        );
        throw new AppError('BAD_INPUT', `${b.problems.length} problems in the report`, issues);
      }
      const latestPrevious = latestReport(ctx.db, previousMonth(input.month))?.id ?? null;
      if (latestPrevious !== b.previousId) throw new AppError('CONFLICT', 'the previous month’s report changed while this one was built');
      // The file differs from the one the user looked at (data changed since the preview): nothing saved, build again.
      if (input.fileHash && input.fileHash !== b.sha256) throw new AppError('CONFLICT', 'the report changed since the preview', [{ path: 'fileHash', reason: 'changed' }]);
      const sha256 = b.sha256;
      const id = Number(
        stmt(
          ctx.db,
          `INSERT INTO nss_kc_reports (month, format, file_name, content, sha256, rows, totals, diff, row_count, created_by, created_at)
           VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(input.month, NSS_KC_FORMAT, Buffer.from(b.bytes), sha256, b.rowsJson, b.totalsJson, b.diffJson, b.rowCount, ctx.me.id, ctx.nowIso()).lastInsertRowid,
      );
      stmt(ctx.db, 'UPDATE nss_kc_reports SET file_name = ? WHERE id = ?').run(nssKcFileName(input.month, id), id);
      ctx.audit('nss_kc_report', id, 'save', { month: input.month, rows: b.rowCount, sha256 });
      return itemOf(ctx, id)!;
    },
  }),

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
