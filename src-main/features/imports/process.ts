// Runs a batch: one stored file at a time through ZIP opening, detection, the format's parse task and its apply, one transaction per file.
import fs from 'node:fs/promises';
import type { Db } from '../../db/connection';
import { tx } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { Clock } from '../../api/context';
import { localDate, ricTimeZone } from '../../api/context';
import type { PushMessage } from '../../../src-shared/events';
import type { ImportProblem } from '../../../src-shared/imports';
import { WorkerError, type WorkerPool } from '../../workers/pool';
import { registerTask } from '../../workers/registry';
import { detectFormat, formatByKind } from './formats';
import type { ApplyContext, ApplyResult, ImportFormat, ParseOutcome } from './format';
import { cleanName, placeBytes, register, storedFile, storedPath, MAX_IMPORT_BYTES } from './store';
import type { UnzipInput, UnzipOutput } from './unzip.task';
import { loadKnownFormats } from './known';

export interface ImportDeps {
  db: Db;
  pool: WorkerPool;
  clock: Clock;
  publish: (msg: PushMessage) => void;
  log?: (msg: string, err?: unknown) => void;
}

const unzipTask = registerTask<UnzipInput, UnzipOutput>({
  kind: 'imports.unzip',
  module: 'src-main/features/imports/unzip.task',
  limits: { maxInputBytes: MAX_IMPORT_BYTES + 1024, timeoutMs: 60_000 },
});

/** A ZIP inside a ZIP is opened; deeper than this it is refused (an archive of archives of archives is a bomb's shape). */
const MAX_ZIP_DEPTH = 2;
const ZIP_LIMITS = { maxEntries: 5000, maxTotalBytes: MAX_IMPORT_BYTES };
/** What all the archives of one batch may unpack to together (a ZIP of thousands of ZIPs is a bomb's shape too). */
const BATCH_UNPACK_BYTES = 1024 * 1024 * 1024;
/** Problems kept per file in the journal; the count says how many there were. */
const MAX_PROBLEMS_KEPT = 500;

export interface NewBatch {
  source: 'upload' | 'folder' | 'cli';
  folder?: string | null;
  createdBy: number | null;
  options?: Record<string, unknown>;
  files: { fileId: number; name: string }[];
}

/** Records a batch and a pending result per file; the job (or the CLI) runs it. */
export function createBatch(db: Db, b: NewBatch, now: string): number {
  return tx(db, () => {
    const r = stmt(db, "INSERT INTO import_batches (source, folder, created_by, created_at, state, files_total, options) VALUES (?, ?, ?, ?, 'queued', ?, ?)").run(
      b.source,
      b.folder ?? null,
      b.createdBy,
      now,
      b.files.length,
      JSON.stringify(b.options ?? {}),
    );
    const batchId = Number(r.lastInsertRowid);
    for (const f of b.files) stmt(db, 'INSERT INTO import_results (batch_id, file_id, name) VALUES (?, ?, ?)').run(batchId, f.fileId, f.name);
    return batchId;
  });
}

interface BatchRow {
  id: number;
  createdBy: number | null;
  options: string;
  state: string;
}
interface ResultRow {
  id: number;
  fileId: number | null;
  parentId: number | null;
  name: string;
}

type Outcome = {
  status: string;
  kind?: string | null;
  added?: number;
  skipped?: number;
  flagged?: number;
  problems?: ImportProblem[];
  /** applied | refused: the file's content is decided; undefined leaves it open (retried next time). */
  fileOutcome?: 'applied' | 'refused';
};

function finishResult(db: Db, r: ResultRow, o: Outcome, now: string, countDone = true): void {
  const problems = o.problems ?? [];
  stmt(
    db,
    'UPDATE import_results SET status = ?, kind = coalesce(?, kind), added = ?, skipped = ?, flagged = ?, problems = ?, problem_count = ?, finished_at = ? WHERE id = ?',
  ).run(o.status, o.kind ?? null, o.added ?? 0, o.skipped ?? 0, o.flagged ?? 0, JSON.stringify(problems.slice(0, MAX_PROBLEMS_KEPT)), problems.length, now, r.id);
  if (r.fileId != null && o.fileOutcome) {
    stmt(db, 'UPDATE import_files SET outcome = ?, outcome_at = ?, kind = coalesce(?, kind) WHERE id = ?').run(o.fileOutcome, now, o.kind ?? null, r.fileId);
  } else if (r.fileId != null && o.kind) {
    stmt(db, 'UPDATE import_files SET kind = coalesce(kind, ?) WHERE id = ?').run(o.kind, r.fileId);
  }
  if (countDone) stmt(db, 'UPDATE import_batches SET files_done = files_done + 1 WHERE id = (SELECT batch_id FROM import_results WHERE id = ?)').run(r.id);
}

function zipDepth(db: Db, r: ResultRow): number {
  let depth = 0;
  for (let p = r.parentId; p != null; depth++) p = (stmt(db, 'SELECT parent_id AS p FROM import_results WHERE id = ?').get(p) as { p: number | null } | undefined)?.p ?? null;
  return depth;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);

/** Worker failures: the size and a parse error are about the content; a time-out or a crash may pass (retried). */
function workerOutcome(err: unknown, kind: string | null): Outcome {
  if (err instanceof WorkerError) {
    if (err.code === 'WORKER_TOO_LARGE') return { status: 'too_large', kind, fileOutcome: 'refused' };
    if (err.code === 'WORKER_TIMEOUT') return { status: 'timeout', kind };
    if (err.code === 'WORKER_FAILED') return { status: 'malformed', kind, fileOutcome: 'refused', problems: [{ record: null, code: 'parse_error', detail: err.message.slice(0, 200) }] };
  }
  return { status: 'failed', kind };
}

/** What committing a prepared file does: its one transaction (and the push events after it). */
type Commit = () => void;

/**
 * Reads, opens or parses one pending file — the slow part, on the worker pool — and returns the commit that writes its
 * result in one transaction. The batch prepares the next file while it commits this one, so a worker parses while the
 * main thread writes. Whether the file was already decided is checked again inside the commit (the same bytes twice in
 * one batch: the second is a duplicate).
 */
async function prepareOne(deps: ImportDeps, batch: BatchRow, r: ResultRow): Promise<Commit> {
  const { db } = deps;
  const now = () => deps.clock.now().toISOString();
  const finish = (o: Outcome): Commit => () => tx(db, () => finishResult(db, r, o, now()));
  stmt(db, 'UPDATE import_results SET started_at = ? WHERE id = ?').run(now(), r.id);
  const file = r.fileId == null ? undefined : storedFile(db, r.fileId);
  const path = file && storedPath(db, file.sha256);
  if (!file || !path) return finish({ status: 'failed', problems: [{ record: null, code: 'not_stored' }] });
  /** The commit of a file whose content may have been decided since it was prepared. */
  const decided = (write: (at: string) => void): Commit => () => {
    const pending: PushMessage[] = [];
    tx(db, () => {
      const at = now();
      const known = storedFile(db, file.id);
      if (known?.outcome) return finishResult(db, r, { status: 'duplicate', kind: known.kind }, at);
      if (stmt(db, "SELECT 1 FROM import_stages WHERE file_id = ? AND state = 'staged'").get(file.id))
        return finishResult(db, r, { status: 'duplicate', kind: known?.kind ?? null, problems: [{ record: null, code: 'already_staged' }] }, at);
      write(at);
    });
    for (const msg of pending) deps.publish(msg);
  };
  if (file.outcome) return finish({ status: 'duplicate', kind: file.kind });
  const staged = stmt(db, "SELECT 1 FROM import_stages WHERE file_id = ? AND state = 'staged'").get(file.id);
  if (staged) return finish({ status: 'duplicate', kind: file.kind, problems: [{ record: null, code: 'already_staged' }] });

  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch {
    return finish({ status: 'failed', problems: [{ record: null, code: 'not_stored' }] });
  }

  // A kind the batch names (a list that must be read as one) is taken before any detection; else a format that reads
  // ZIPs itself (an XLSX) claims its file before it is opened as an archive.
  const asked = batchKind(batch.options);
  const claimed = asked ?? (isZip(bytes) ? detectFormat(bytes, file.name, true) : undefined);
  if (isZip(bytes) && !claimed) {
    if (zipDepth(db, r) >= MAX_ZIP_DEPTH) return finish({ status: 'too_large', kind: 'zip', fileOutcome: 'refused', problems: [{ record: null, code: 'zip_too_deep' }] });
    const unpacked = (stmt(db, 'SELECT coalesce(sum(f.size), 0) AS n FROM import_results r JOIN import_files f ON f.id = r.file_id WHERE r.batch_id = ? AND r.parent_id IS NOT NULL').get(batch.id) as { n: number }).n;
    const budget = Math.min(ZIP_LIMITS.maxTotalBytes, BATCH_UNPACK_BYTES - unpacked);
    if (budget <= 0) return finish({ status: 'too_large', kind: 'zip', fileOutcome: 'refused', problems: [{ record: null, code: 'zip_budget' }] });
    let out: UnzipOutput;
    try {
      out = await deps.pool.run(unzipTask, { bytes, maxEntries: ZIP_LIMITS.maxEntries, maxTotalBytes: budget });
    } catch (err) {
      return finish(workerOutcome(err, 'zip'));
    }
    if (!out.ok) return finish({ status: out.status, kind: 'zip', fileOutcome: 'refused', problems: out.detail ? [{ record: null, code: out.status, detail: out.detail }] : [] });
    const { members, skipped } = out;
    // The members' bytes go into the store before the commit, which only registers them.
    try {
      for (const m of members) await placeBytes(db, m.bytes, m.sha256);
    } catch (err) {
      deps.log?.(`import of ${file.name}: could not store the archive's files`, err);
      return finish({ status: 'failed', kind: 'zip', problems: [{ record: null, code: 'not_stored' }] });
    }
    return decided((at) => {
      for (const m of members) {
        const stored = register(db, m.sha256, m.bytes.byteLength, cleanName(m.name), at);
        stmt(db, 'INSERT INTO import_results (batch_id, file_id, parent_id, name) VALUES (?, ?, ?, ?)').run(batch.id, stored.fileId, r.id, m.name.slice(0, 300));
      }
      stmt(db, 'UPDATE import_batches SET files_total = files_total + ? WHERE id = ?').run(members.length, batch.id);
      finishResult(db, r, { status: 'opened', kind: 'zip', added: members.length, skipped: skipped.length, problems: skipped.map((x) => ({ record: null, code: x.code, detail: x.name })), fileOutcome: 'applied' }, at);
    });
  }

  const format = claimed ?? detectFormat(bytes, file.name);
  if (!format) return finish({ status: 'unknown_format', fileOutcome: 'refused' });
  let parsed: ParseOutcome<unknown>;
  try {
    parsed = await deps.pool.run(format.parse, { bytes, name: file.name });
  } catch (err) {
    if (!(err instanceof WorkerError) || err.code === 'WORKER_FAILED') deps.log?.(`import of ${file.name} (${format.kind}) failed in its parser`, err);
    return finish(workerOutcome(err, format.kind));
  }
  if (!parsed.ok) {
    const p = parsed;
    return finish({ status: p.status, kind: format.kind, fileOutcome: 'refused', problems: p.detail ? [{ record: null, code: p.status, detail: p.detail }] : [] });
  }
  const ok = parsed.parsed;
  if (format.mode === 'staged') {
    return decided((at) => {
      stmt(db, 'INSERT INTO import_stages (result_id, file_id, kind, parsed, created_at) VALUES (?, ?, ?, ?, ?)').run(r.id, file.id, format.kind, JSON.stringify(ok), at);
      finishResult(db, r, { status: 'staged', kind: format.kind, skipped: ok.problems.length, problems: ok.problems }, at);
    });
  }
  return () => {
    const pending: PushMessage[] = [];
    try {
      tx(db, () => {
        const at = now();
        const known = storedFile(db, file.id);
        if (known?.outcome) return finishResult(db, r, { status: 'duplicate', kind: known.kind }, at);
        const res = format.apply(ok, applyContext(deps, batch, file.id, at, pending));
        finishResult(db, r, outcomeOf(format.kind, ok.problems, res), at);
      });
    } catch (err) {
      pending.length = 0;
      deps.log?.(`import of ${file.name} (${format.kind}) failed while applying`, err);
      tx(db, () => finishResult(db, r, { status: 'failed', kind: format.kind, problems: [{ record: null, code: 'apply_error' }] }, now()));
    }
    for (const msg of pending) deps.publish(msg);
  };
}

/** The format a batch's options name (`{ kind }`), if it is a registered one. */
function batchKind(options: string): ImportFormat | null {
  try {
    const kind = (JSON.parse(options) as { kind?: unknown }).kind;
    return typeof kind === 'string' ? (formatByKind(kind) ?? null) : null;
  } catch {
    return null;
  }
}

export function outcomeOf(kind: string, parseProblems: ImportProblem[], res: ApplyResult): Outcome {
  return {
    status: res.status ?? 'applied',
    kind,
    added: res.added,
    skipped: res.skipped + parseProblems.length,
    flagged: res.flagged,
    problems: [...parseProblems, ...res.problems].sort((a, b) => (a.record ?? 0) - (b.record ?? 0)),
    fileOutcome: 'applied',
  };
}

export function applyContext(deps: Pick<ImportDeps, 'db' | 'clock'>, batch: BatchRow, fileId: number, now: string, pending: PushMessage[]): ApplyContext {
  let options: Record<string, unknown> = {};
  try {
    options = JSON.parse(batch.options) as Record<string, unknown>;
  } catch {
    // Options are written by the core itself; unreadable ones are none.
  }
  return {
    db: deps.db,
    now,
    today: localDate(new Date(now), ricTimeZone(deps.db)),
    employeeId: batch.createdBy,
    fileId,
    batchId: batch.id,
    options,
    emit: (event, data) => pending.push({ event, data } as PushMessage),
  };
}

function progress(deps: ImportDeps, batchId: number, current: string | null): void {
  const b = stmt(deps.db, 'SELECT created_by AS e, state, files_done AS d, files_total AS t FROM import_batches WHERE id = ?').get(batchId) as
    | { e: number | null; state: string; d: number; t: number }
    | undefined;
  if (!b) return;
  if (b.e != null) deps.publish({ event: 'imports.progress', data: { batchId, employeeId: b.e, state: b.state as 'queued', filesDone: b.d, filesTotal: b.t, current } });
  if (b.state === 'done') deps.publish({ event: 'imports.changed', data: { batchId } });
}

/**
 * Runs a batch to its end (or until `signal` aborts it between files). A batch interrupted by a crash is run again:
 * its finished files are not touched, its pending ones are processed.
 */
export async function runBatch(deps: ImportDeps, batchId: number, signal?: AbortSignal): Promise<void> {
  loadKnownFormats();
  const batch = stmt(deps.db, 'SELECT id, created_by AS createdBy, options, state FROM import_batches WHERE id = ?').get(batchId) as BatchRow | undefined;
  if (!batch || batch.state === 'done') return;
  if (batch.state === 'running') {
    // Resumed after the process stopped: a file that was in hand then may be what stopped it (a crash in its parser).
    // It is not tried again in this batch — listed as interrupted, its content left undecided so a new import retries it.
    const at = deps.clock.now().toISOString();
    const cut = stmt(deps.db, "SELECT id, file_id AS fileId, parent_id AS parentId, name FROM import_results WHERE batch_id = ? AND status = 'pending' AND started_at IS NOT NULL").all(batchId) as ResultRow[];
    for (const r of cut) tx(deps.db, () => finishResult(deps.db, r, { status: 'failed', problems: [{ record: null, code: 'interrupted' }] }, at));
  }
  stmt(deps.db, "UPDATE import_batches SET state = 'running' WHERE id = ?").run(batchId);
  // Timed-out and crashed files of an earlier run stay as they are: a new batch retries them.
  const pendingAfter = (id: number) =>
    stmt(deps.db, "SELECT id, file_id AS fileId, parent_id AS parentId, name FROM import_results WHERE batch_id = ? AND status = 'pending' AND id > ? ORDER BY id LIMIT 1").get(batchId, id) as
      | ResultRow
      | undefined;
  const failed = (r: ResultRow, err: unknown): Commit => () => {
    deps.log?.(`import batch ${batchId}: file ${r.name} failed`, err);
    tx(deps.db, () => finishResult(deps.db, r, { status: 'failed', problems: [{ record: null, code: 'internal' }] }, deps.clock.now().toISOString()));
  };
  const prepare = (r: ResultRow) => prepareOne(deps, batch, r).catch((err: unknown) => failed(r, err));
  let current = pendingAfter(0);
  let prepared = current ? prepare(current) : null;
  while (current && prepared) {
    if (signal?.aborted) {
      // A stop asked for (not a crash): the file prepared but not written was never in hand; the next run takes it.
      await prepared.catch(() => undefined);
      stmt(deps.db, "UPDATE import_results SET started_at = NULL WHERE id = ? AND status = 'pending'").run(current.id);
      return;
    }
    progress(deps, batchId, current.name);
    const commit = await prepared;
    // The next file is parsed on the pool while this one is written.
    let next = pendingAfter(current.id);
    let nextPrepared = next ? prepare(next) : null;
    try {
      commit();
    } catch (err) {
      failed(current, err)();
    }
    // A ZIP's commit adds its members after it: look again when nothing was waiting.
    if (!next) {
      next = pendingAfter(current.id);
      nextPrepared = next ? prepare(next) : null;
    }
    current = next;
    prepared = nextPrepared;
  }
  stmt(deps.db, "UPDATE import_batches SET state = 'done', finished_at = ? WHERE id = ?").run(deps.clock.now().toISOString(), batchId);
  progress(deps, batchId, null);
}

/** Applies a staged file with a person's decisions: all or nothing. */
export function applyStage(deps: Pick<ImportDeps, 'db' | 'clock'>, stageId: number, decisions: unknown, employeeId: number | null, pending: PushMessage[]): Outcome {
  const { db } = deps;
  return tx(db, () => {
    const st = stmt(db, 'SELECT s.id, s.result_id AS resultId, s.file_id AS fileId, s.kind, s.parsed, s.state, r.batch_id AS batchId FROM import_stages s JOIN import_results r ON r.id = s.result_id WHERE s.id = ?').get(stageId) as
      | { id: number; resultId: number; fileId: number; kind: string; parsed: string; state: string; batchId: number }
      | undefined;
    if (!st) throw new StageError('not_found');
    if (st.state !== 'staged' || storedFile(db, st.fileId)?.outcome) throw new StageError('not_staged');
    const format = formatByKind(st.kind);
    if (!format || format.mode !== 'staged') throw new StageError('unknown_format');
    const batch = stmt(db, 'SELECT id, created_by AS createdBy, options, state FROM import_batches WHERE id = ?').get(st.batchId) as BatchRow;
    const now = deps.clock.now().toISOString();
    const parsed = (format.stagedParsed?.(db, st.id, st.fileId, st.parsed.length) ?? JSON.parse(st.parsed)) as { records: unknown[]; problems: ImportProblem[] };
    const res = format.applyStaged(parsed, decisions, { ...applyContext(deps, batch, st.fileId, now, pending), employeeId });
    stmt(db, "UPDATE import_stages SET state = 'applied', decisions = ?, decided_by = ?, decided_at = ? WHERE id = ?").run(JSON.stringify(decisions ?? {}), employeeId, now, stageId);
    const o = outcomeOf(st.kind, parsed.problems, res);
    const row = { id: st.resultId, fileId: st.fileId, parentId: null, name: '' };
    finishResult(db, row, o, now, false);
    return o;
  });
}

/** Leaves a staged file out; it can be uploaded again later. */
export function discardStage(db: Db, stageId: number, employeeId: number, now: string): void {
  tx(db, () => {
    const st = stmt(db, 'SELECT result_id AS resultId, state FROM import_stages WHERE id = ?').get(stageId) as { resultId: number; state: string } | undefined;
    if (!st) throw new StageError('not_found');
    if (st.state !== 'staged') throw new StageError('not_staged');
    stmt(db, "UPDATE import_stages SET state = 'discarded', decided_by = ?, decided_at = ? WHERE id = ?").run(employeeId, now, stageId);
    stmt(db, "UPDATE import_results SET status = 'discarded', finished_at = ? WHERE id = ?").run(now, st.resultId);
  });
}

export class StageError extends Error {
  constructor(readonly code: 'not_found' | 'not_staged' | 'unknown_format') {
    super(code);
  }
}
