// Handlers of the import contract: batches of uploaded files, the journal, staged files' review, watched folders.
import path from 'node:path';
import type { HandlerMap } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { MANAGERS } from '../../../src-shared/roles';
import type { PushMessage } from '../../../src-shared/events';
import { applyStage, discardStage, StageError } from './process';
import { batchDetail, batchOwner, listBatches, listFolders } from './journal';
import { formatByKind } from './formats';
import { loadKnownFormats } from './known';

type ImportMethods =
  | 'imports.start'
  | 'imports.batches'
  | 'imports.batch'
  | 'imports.stage.get'
  | 'imports.stage.apply'
  | 'imports.stage.discard'
  | 'imports.folders.list'
  | 'imports.folders.save'
  | 'imports.folders.delete';

const seesAll = (ctx: Ctx) => ctx.me.roles.some((r) => MANAGERS.includes(r));

/** A batch the caller may see: their own, or any for heads and administrators; others' are "not found". */
function ownBatch(ctx: Ctx, batchId: number): void {
  const b = batchOwner(ctx.db, batchId);
  if (!b || (!seesAll(ctx) && b.createdBy !== ctx.me.id)) throw notFound('batch');
}

/** The batch of a stage the caller may see (else NOT_FOUND). */
export function stageBatch(ctx: Ctx, stageId: number): number {
  const row = stmt(ctx.db, 'SELECT r.batch_id AS b FROM import_stages s JOIN import_results r ON r.id = s.result_id WHERE s.id = ?').get(stageId) as { b: number } | undefined;
  if (!row) throw notFound('stage');
  ownBatch(ctx, row.b);
  return row.b;
}

/** A staged format that names who may apply it refuses anyone else (the file still waits for them). */
export function stageAccess(ctx: Ctx, stageId: number): void {
  loadKnownFormats();
  const row = stmt(ctx.db, 'SELECT kind FROM import_stages WHERE id = ?').get(stageId) as { kind: string } | undefined;
  const format = row ? formatByKind(row.kind) : undefined;
  if (format?.mode === 'staged' && format.access && !ctx.me.roles.some((r) => format.access!.includes(r))) throw new AppError('FORBIDDEN', `stage ${stageId}: role`);
}

function stageError(err: unknown): never {
  if (err instanceof StageError) {
    if (err.code === 'not_found') throw notFound('stage');
    throw new AppError('CONFLICT', err.code);
  }
  throw err;
}

export const importsHandlers: HandlerMap<ImportMethods> = {
  'imports.start': (input, ctx) => {
    const files = input.files.map((f, i) => {
      const row = stmt(ctx.db, 'SELECT id FROM import_files WHERE sha256 = ?').get(f.sha256) as { id: number } | undefined;
      if (!row) throw badField(`files.${i}.sha256`, 'not_uploaded');
      return { fileId: row.id, name: f.name };
    });
    const r = stmt(ctx.db, "INSERT INTO import_batches (source, created_by, created_at, state, files_total, options) VALUES ('upload', ?, ?, 'queued', ?, ?)").run(
      ctx.me.id,
      ctx.nowIso(),
      files.length,
      JSON.stringify(input.options),
    );
    const batchId = Number(r.lastInsertRowid);
    for (const f of files) stmt(ctx.db, 'INSERT INTO import_results (batch_id, file_id, name) VALUES (?, ?, ?)').run(batchId, f.fileId, f.name);
    ctx.emit('imports.queued', {});
    return { batchId };
  },
  'imports.batches': (input, ctx) => listBatches(ctx.db, seesAll(ctx) ? null : ctx.me.id, input.limit, input.beforeId),
  'imports.batch': (input, ctx) => {
    ownBatch(ctx, input.id);
    return batchDetail(ctx.db, input.id)!;
  },
  'imports.stage.get': (input, ctx) => {
    stageBatch(ctx, input.id);
    const s = stmt(ctx.db, 'SELECT id, kind, parsed, state FROM import_stages WHERE id = ?').get(input.id) as { id: number; kind: string; parsed: string; state: string };
    return { id: s.id, kind: s.kind, state: s.state, parsed: JSON.parse(s.parsed) as unknown };
  },
  'imports.stage.apply': (input, ctx) => {
    stageBatch(ctx, input.id);
    stageAccess(ctx, input.id);
    const pending: PushMessage[] = [];
    try {
      const o = applyStage(ctx, input.id, input.decisions, ctx.me.id, pending);
      for (const m of pending) ctx.emit(m.event, m.data as never);
      return { added: o.added ?? 0, skipped: o.skipped ?? 0, flagged: o.flagged ?? 0 };
    } catch (err) {
      return stageError(err);
    }
  },
  'imports.stage.discard': (input, ctx) => {
    stageBatch(ctx, input.id);
    try {
      discardStage(ctx.db, input.id, ctx.me.id, ctx.nowIso());
    } catch (err) {
      stageError(err);
    }
    return { ok: true };
  },
  'imports.folders.list': (_input, ctx) => listFolders(ctx.db),
  'imports.folders.save': (input, ctx) => {
    // Never the database's own folder or a store beside it: its files would feed back into the import.
    const dbDir = path.dirname(path.resolve(ctx.db.$client.name));
    const target = path.resolve(input.path);
    if (target === dbDir || target.startsWith(dbDir + path.sep) || dbDir.startsWith(target + path.sep)) throw badField('path', 'data_folder');
    if (input.id != null) {
      const r = stmt(ctx.db, 'UPDATE import_folders SET path = ?, label = ?, enabled = ?, employee_id = ? WHERE id = ?').run(input.path, input.label, input.enabled ? 1 : 0, input.employeeId, input.id);
      if (r.changes === 0) throw notFound('folder');
      ctx.audit('import_folder', input.id, 'update', input);
      ctx.emit('imports.queued', {});
      return { id: input.id };
    }
    const r = stmt(ctx.db, 'INSERT INTO import_folders (path, label, enabled, employee_id, created_at) VALUES (?, ?, ?, ?, ?)').run(input.path, input.label, input.enabled ? 1 : 0, input.employeeId, ctx.nowIso());
    const id = Number(r.lastInsertRowid);
    ctx.audit('import_folder', id, 'create', input);
    ctx.emit('imports.queued', {});
    return { id };
  },
  'imports.folders.delete': (input, ctx) => {
    const r = stmt(ctx.db, 'DELETE FROM import_folders WHERE id = ?').run(input.id);
    if (r.changes === 0) throw notFound('folder');
    ctx.audit('import_folder', input.id, 'delete');
    ctx.emit('imports.queued', {});
    return { ok: true };
  },
};
