// `import --db F [--json] [--apply] FILE…`: any file the program knows, detected from its content (ZIPs opened), one result per file.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../core';
import { createBatch, runBatch, applyStage, StageError } from '../../features/imports/process';
import { storeStream } from '../../features/imports/store';
import { batchDetail } from '../../features/imports/journal';
import type { PushMessage } from '../../../src-shared/events';
import type { ImportResultRow } from '../../../src-shared/imports';
import { CliError, existingFile, usageError } from '../util';
import { AppError } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { GB_LIST_KIND } from '../../features/glavbukh/list.stage';
import { gbListCliReview } from '../../features/glavbukh/list.cli';
import { NSS_CALLS_KIND } from '../../features/nss/calls.stage';
import { nssCallsCliReview } from '../../features/nss/calls.cli';

export const IMPORT_USAGE = `  import    --db F [--json] [--apply] [--kind K] FILE…
                                           import files of any kind the program knows (chat and
                                           question exports, USR files, lists; ZIPs are opened),
                                           detected from the content; one result per file.
                                           Staged kinds (lists) are only reviewed unless --apply;
                                           --kind reads every file as that kind (glavbukh.list,
                                           nss.calls)`;

interface JsonResult {
  file: string;
  kind: string | null;
  status: string;
  added: number;
  skipped: number;
  flagged: number;
  problems: ImportResultRow['problems'];
}

export async function importCommand(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' }, apply: { type: 'boolean' }, kind: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (err) {
    throw usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (!values.db) throw usageError('missing --db');
  if (positionals.length === 0) throw usageError('name at least one file to import');
  const files = positionals.map((f) => existingFile(f, 'File'));
  const core = createCore({ dbPath: values.db });
  try {
    const now = () => core.clock.now().toISOString();
    const stored = [];
    for (const f of files) {
      const s = await storeStream(core.db, fs.createReadStream(f), path.basename(f), now);
      stored.push({ fileId: s.fileId, name: path.basename(f) });
    }
    const batchId = createBatch(core.db, { source: 'cli', createdBy: null, files: stored, options: values.kind ? { kind: values.kind } : {} }, now());
    const log = (msg: string, err?: unknown) => console.error(`${msg}${err ? `: ${(err as Error).message}` : ''}`);
    await runBatch({ db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log }, batchId);
    let detail = batchDetail(core.db, batchId)!;
    // A staged file's review (a certified list: counts and problem rows), printed before any apply.
    // A file staged by an earlier run (reviewed, not applied) is taken up again here.
    const stageOf = (r: ImportResultRow): number | null =>
      r.stageId ?? (stmt(core.db, "SELECT s.id FROM import_stages s JOIN import_files f ON f.id = s.file_id WHERE f.sha256 = ? AND s.state = 'staged'").get(r.sha256) as { id: number } | undefined)?.id ?? null;
    const stages = new Map(detail.results.map((r) => [r.id, stageOf(r)]));
    const reviews = new Map<number, string[]>();
    for (const r of detail.results) {
      const stageId = stages.get(r.id);
      if (stageId == null) continue;
      const kind = r.kind ?? (stmt(core.db, 'SELECT kind FROM import_stages WHERE id = ?').get(stageId) as { kind: string } | undefined)?.kind;
      if (kind === NSS_CALLS_KIND) reviews.set(r.id, nssCallsCliReview(core.db, stageId));
      else if (kind === GB_LIST_KIND || kind == null) reviews.set(r.id, gbListCliReview(core.db, stageId));
    }
    const refusals = new Map<number, string[]>();
    const refused = new Set<number>();
    if (values.apply) {
      for (const r of detail.results) {
        const stageId = stages.get(r.id);
        if (stageId == null) continue;
        const pending: PushMessage[] = [];
        try {
          // No decisions: the format takes the mapping remembered for the layout (or a complete guess, said in the review).
          const o = applyStage(core, stageId, {}, null, pending);
          if (stageId !== r.stageId) refusals.set(r.id, [`    applied the list staged before: added ${o.added ?? 0}, skipped ${o.skipped ?? 0}`]);
        } catch (err) {
          if (err instanceof StageError) {
            refused.add(r.id);
            refusals.set(r.id, [`    apply refused: ${err.code}`]);
            continue;
          }
          if (!(err instanceof AppError)) throw err;
          const issues = (err.issues ?? []).slice(0, 50).map((i) => `    ${i.path}: ${i.reason}${i.ref ? ` (client ${i.ref.id} "${i.ref.name}")` : ''}`);
          refused.add(r.id);
          refusals.set(r.id, [`    apply refused, nothing written: ${err.detail ?? err.code}`, ...issues]);
        }
      }
      detail = batchDetail(core.db, batchId)!;
    }
    const names = new Map(detail.results.map((r) => [r.id, r.name]));
    const label = (r: ImportResultRow) => (r.parentId != null ? `${names.get(r.parentId)}/${r.name}` : r.name);
    if (values.json) {
      const out: JsonResult[] = detail.results.map((r) => ({ file: label(r), kind: r.kind, status: r.status, added: r.added, skipped: r.skipped, flagged: r.flagged, problems: r.problems }));
      console.log(JSON.stringify(out, null, 2));
    } else {
      for (const r of detail.results) {
        console.log(`${label(r)}: ${r.status}${r.kind ? ` (${r.kind})` : ''} — added ${r.added}, skipped ${r.skipped}${r.flagged ? `, flagged ${r.flagged}` : ''}`);
        for (const line of [...(reviews.get(r.id) ?? []), ...(refusals.get(r.id) ?? [])]) console.log(line);
        for (const p of r.problems.slice(0, 50)) console.log(`    ${p.record != null ? `record ${p.record}: ` : ''}${p.code}${p.detail ? ` (${p.detail})` : ''}`);
        if (r.problemCount > 50) console.log(`    … ${r.problemCount - 50} more`);
      }
    }
    // `stored` and `unknown_kit` are a USR file's own names for applied (kept; an unknown kit waits for a link).
    const failed = detail.results.filter((r) => refused.has(r.id) || !['applied', 'opened', 'duplicate', 'staged', 'stored', 'unknown_kit'].includes(r.status));
    if (failed.length) throw new CliError(`${failed.length} of ${detail.results.length} files were not imported`, 1);
  } finally {
    await core.close();
  }
}
