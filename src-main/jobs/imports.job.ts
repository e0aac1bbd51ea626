// The import job: runs queued batches one after another, and turns new files in watched folders into batches.
import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Db } from '../db/connection';
import type { Bus } from '../api/bus';
import type { WorkerPool } from '../workers/pool';
import { systemClock, type Clock } from '../api/context';
import { stmt } from '../db/stmt';
import { createBatch, runBatch } from '../features/imports/process';
import { storeStream, MAX_IMPORT_BYTES } from '../features/imports/store';

export interface ImportJobOptions {
  clock?: Clock;
  /** Watch the folders of import_folders (the server host and local mode do; the CLI does not). */
  watchFolders?: boolean;
  /** How long a file's size must stay the same before it is taken (a copy in progress is not). */
  stableMs?: number;
  /** New files of one folder arriving within this window go into one batch. */
  gatherMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

export interface ImportJob {
  /** Resolves when the queue is empty (tests, the CLI). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface FolderRow {
  id: number;
  path: string;
  employeeId: number | null;
}

export function startImportJob(core: { db: Db; bus: Bus; pool: WorkerPool }, opts: ImportJobOptions = {}): ImportJob {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((msg: string, err?: unknown) => console.warn(`[imports] ${msg}`, err ?? ''));
  const deps = { db: core.db, pool: core.pool, clock, publish: core.bus.publish, log };
  const abort = new AbortController();
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let busy = false;

  /** Runs every queued or interrupted batch, oldest first; a signal during a run makes it look again afterwards. */
  const drain = () => {
    if (busy) {
      again = true;
      return running;
    }
    busy = true;
    running = (async () => {
      try {
        do {
          again = false;
          for (;;) {
            if (abort.signal.aborted) return;
            const b = stmt(core.db, "SELECT id FROM import_batches WHERE state IN ('queued', 'running') ORDER BY id LIMIT 1").get() as { id: number } | undefined;
            if (!b) break;
            await runBatch(deps, b.id, abort.signal);
          }
        } while (again && !abort.signal.aborted);
      } catch (err) {
        log('import queue stopped on an error', err);
      } finally {
        busy = false;
      }
    })();
    return running;
  };

  // Watched folders: the cursor is the set of content hashes already decided (import_files.outcome).
  const watchers = new Map<number, { path: string; watcher: FSWatcher }>();
  const gathering = new Map<number, { files: { fileId: number; name: string }[]; timer: NodeJS.Timeout }>();

  const flush = (folder: FolderRow) => {
    const g = gathering.get(folder.id);
    gathering.delete(folder.id);
    if (!g || g.files.length === 0 || abort.signal.aborted) return;
    // The folder as it is now: removed or switched off meanwhile, nothing is imported; given to another employee, theirs.
    const now = stmt(core.db, 'SELECT path, employee_id AS employeeId FROM import_folders WHERE id = ? AND enabled = 1').get(folder.id) as
      | { path: string; employeeId: number | null }
      | undefined;
    if (!now) return;
    createBatch(core.db, { source: 'folder', folder: now.path, createdBy: now.employeeId, files: g.files }, clock.now().toISOString());
    void drain();
  };

  /**
   * Waits until a file's size and modification time stop changing for `stableMs`. chokidar's awaitWriteFinish does this
   * only for files that appear after its first scan: one being written while the folder is first read (the server
   * starting while a СИО copies files) would be taken half-written.
   */
  const settled = async (file: string): Promise<boolean> => {
    const wait = opts.stableMs ?? 2000;
    let last = fs.statSync(file);
    for (;;) {
      await new Promise((r) => setTimeout(r, wait));
      if (abort.signal.aborted) return false;
      const now = fs.statSync(file);
      if (now.size === last.size && now.mtimeMs === last.mtimeMs) return true;
      last = now;
    }
  };

  const take = async (folder: FolderRow, file: string, initial: boolean) => {
    try {
      if (initial && !(await settled(file))) return;
      const st = fs.statSync(file);
      if (!st.isFile() || st.size === 0) return;
      if (st.size > MAX_IMPORT_BYTES) {
        log(`${file}: over the import size limit, left in the folder`);
        return;
      }
      const stored = await storeStream(core.db, fs.createReadStream(file), path.basename(file), () => clock.now().toISOString());
      // Seen before (whatever its name): nothing to do. A file being staged waits for its review.
      if (stored.outcome) return;
      const g = gathering.get(folder.id) ?? { files: [], timer: setTimeout(() => flush(folder), opts.gatherMs ?? 1500) };
      gathering.set(folder.id, g);
      if (!g.files.some((f) => f.fileId === stored.fileId)) g.files.push({ fileId: stored.fileId, name: path.basename(file) });
    } catch (err) {
      log(`${file}: could not be read`, err);
    }
  };

  const reconcileFolders = () => {
    if (!opts.watchFolders || abort.signal.aborted) return;
    const wanted = stmt(core.db, 'SELECT id, path, employee_id AS employeeId FROM import_folders WHERE enabled = 1').all() as FolderRow[];
    for (const [id, w] of watchers) {
      if (!wanted.some((f) => f.id === id && f.path === w.path)) {
        watchers.delete(id);
        void w.watcher.close();
      }
    }
    for (const folder of wanted) {
      if (watchers.has(folder.id)) continue;
      const watcher = watch(folder.path, {
        depth: 3,
        // Hidden and Office lock files below the folder; the folder's own name may be anything.
        ignored: (p: string) => p !== folder.path && (path.basename(p).startsWith('.') || path.basename(p).startsWith('~$')),
        awaitWriteFinish: { stabilityThreshold: opts.stableMs ?? 2000, pollInterval: Math.min(500, opts.stableMs ?? 2000) },
      });
      let ready = false;
      watcher.on('ready', () => (ready = true));
      watcher.on('add', (f) => void take(folder, f, !ready));
      watcher.on('change', (f) => void take(folder, f, !ready));
      watcher.on('error', (err) => log(`watching ${folder.path}`, err));
      watchers.set(folder.id, { path: folder.path, watcher });
    }
  };

  const unsubscribe = core.bus.subscribe((msg) => {
    if (msg.event !== 'imports.queued') return;
    reconcileFolders();
    void drain();
  });
  reconcileFolders();
  void drain();

  return {
    async idle() {
      for (;;) {
        await running;
        const left = stmt(core.db, "SELECT 1 FROM import_batches WHERE state IN ('queued', 'running') LIMIT 1").get();
        if (!left && !busy) return;
        await drain();
      }
    },
    async stop() {
      abort.abort();
      unsubscribe();
      for (const g of gathering.values()) clearTimeout(g.timer);
      gathering.clear();
      await Promise.all([...watchers.values()].map((w) => w.watcher.close()));
      watchers.clear();
      await running;
    },
  };
}
