// Contract: file imports — start a batch of uploaded files, the import journal, staged files' review, watched folders.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, type Role } from '../roles';
import { id, optText, reqText } from './common';
import type { ImportBatchDetail, ImportBatchRow, ImportFolderRow } from '../imports';

/** Who may bring files in (chat exports, USR files, lists); heads and administrators see every batch, others their own. */
export const IMPORTERS: readonly Role[] = ['admin', 'head', 'sales', 'sio', 'pm', 'chat'];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'sha256' });

export const importsApi = {
  /**
   * Queues a batch of files already uploaded (POST /upload/imports, or the desktop bridge): named by hash, so only
   * someone who had the bytes can name them. Answers at once; progress comes as `imports.progress` events.
   */
  'imports.start': method<{ batchId: number }>()({
    input: z.object({
      files: z.array(z.object({ sha256, name: reqText(300) })).min(1).max(1000),
      options: z
        .object({
          questionTasks: z.boolean().optional(),
          /** Read every file as this format (`glavbukh.list`), not by detection; a kind the program does not know is ignored. */
          kind: z.string().trim().min(1).max(40).optional(),
        })
        .strict()
        .default({}),
    }),
    access: IMPORTERS,
    write: true,
  }),
  /** The journal: newest first; heads and administrators see every batch, others their own. */
  'imports.batches': method<ImportBatchRow[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), beforeId: id.optional() }),
    access: IMPORTERS,
    write: false,
  }),
  /** One batch with a result per file and its problems. */
  'imports.batch': method<ImportBatchDetail>()({ input: z.object({ id }), access: IMPORTERS, write: false }),
  /** A staged file's parsed records, for review. */
  'imports.stage.get': method<{ id: number; kind: string; parsed: unknown; state: string }>()({ input: z.object({ id }), access: IMPORTERS, write: false }),
  /** Applies a staged file with the reviewer's decisions (the format checks them): all or nothing. */
  'imports.stage.apply': method<{ added: number; skipped: number; flagged: number }>()({
    input: z.object({ id, decisions: z.record(z.string(), z.unknown()).default({}) }),
    access: IMPORTERS,
    write: true,
  }),
  'imports.stage.discard': method<{ ok: true }>()({ input: z.object({ id }), access: IMPORTERS, write: true }),
  /** Watched folders on the server host. */
  'imports.folders.list': method<ImportFolderRow[]>()({ input: z.object({}), access: ADMINS, write: false }),
  'imports.folders.save': method<{ id: number }>()({
    input: z.object({
      id: id.optional(),
      path: reqText(1000).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), { message: 'absolute_path' }),
      label: optText(200),
      enabled: z.boolean().default(true),
      employeeId: id.nullish().transform((v) => v ?? null),
    }),
    access: ADMINS,
    write: true,
  }),
  'imports.folders.delete': method<{ ok: true }>()({ input: z.object({ id }), access: ADMINS, write: true }),
};
