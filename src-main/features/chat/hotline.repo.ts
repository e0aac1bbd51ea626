// hotline.txt on the server host: today's set from the chat-on history, its folder and state as settings, the atomic write.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import { localDate, ricTimeZone } from '../../api/context';
import { stmt } from '../../db/stmt';
import { loadCatalog } from '../systems/systems.repo';
import { HOTLINE_FILE_NAME, type HotlineState, type HotlineStatus } from '../../../src-shared/hotline';
import { formatHotline, parseHotline, type HotlineFile, type HotlineKit } from './hotline.format';

const FOLDER_KEY = 'hotline.folder';
const STATE_KEY = 'hotline.state';
/** How many added / removed codes the state keeps (the counts say how many changed in all). */
const CHANGE_LIST_LIMIT = 500;

/**
 * The kits with the chat on `date`: each distribution's latest change on or before the date is «on». One query: the
 * history's unique index (distribution, date) is read in order and grouped, and SQLite gives the bare column `enabled`
 * from the row holding the group's MAX (documented behaviour of a lone min/max aggregate); sorted as the file wants it
 * (a kit whose system has no number sorts first and is left out by the format with a warning). A correlated
 * NOT EXISTS over the same index measured about twice as slow at 200,000 distributions.
 */
export function hotlineKits(db: Db, date: string): HotlineKit[] {
  return stmt(
    db,
    `SELECT d.system_code AS systemCode, d.distr_number AS distrNumber, d.comp
     FROM (SELECT distribution_id AS id, enabled, MAX(effective_from) FROM distribution_chat WHERE effective_from <= @date GROUP BY distribution_id) c
     JOIN distributions d ON d.id = c.id
     LEFT JOIN kplus_systems ks ON ks.code = d.system_code
     WHERE c.enabled = 1
     ORDER BY ks.number, d.distr_number, d.comp`,
  ).all({ date }) as HotlineKit[];
}

export function buildHotline(db: Db, date: string): HotlineFile {
  return formatHotline(loadCatalog(db), hotlineKits(db, date));
}

/** Today in the РИЦ's time zone: the file lists the set on that date. */
export function hotlineToday(db: Db, now: Date): string {
  return localDate(now, ricTimeZone(db));
}

function readSetting<T>(db: Db, key: string): T | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

function writeSetting(db: Db, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function hotlineFolder(db: Db): string | null {
  const v = readSetting<unknown>(db, FOLDER_KEY);
  return typeof v === 'string' && v ? v : null;
}

export function saveHotlineFolder(db: Db, folder: string | null): void {
  writeSetting(db, FOLDER_KEY, folder);
}

const EMPTY_STATE: HotlineState = {
  checkedAt: null,
  checkedFor: null,
  count: 0,
  warnings: [],
  lastWrittenAt: null,
  writtenPath: null,
  hash: null,
  added: [],
  removed: [],
  addedCount: 0,
  removedCount: 0,
  error: null,
};

export function hotlineState(db: Db): HotlineState {
  return { ...EMPTY_STATE, ...(readSetting<Partial<HotlineState>>(db, STATE_KEY) ?? {}) };
}

export function hotlineStatus(db: Db): HotlineStatus {
  return { folder: hotlineFolder(db), state: hotlineState(db) };
}

/** Writes through a temp file in the same folder and a rename, so a reader never sees half a file. */
export function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: 0o644 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export interface RebuildResult {
  /** written: the file was (re)written; unchanged: it already holds this set; no_folder: no folder is set; failed: the write failed. */
  outcome: 'written' | 'unchanged' | 'no_folder' | 'failed';
  state: HotlineState;
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

function readPrevious(file: string): string[] {
  try {
    return parseHotline(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

/**
 * Builds today's file and writes it when it differs from the last write (content hash), the folder changed or the
 * file is gone; `force` writes it anyway. The state (check, warnings, last write and what it changed) is saved as a
 * setting; the caller runs this inside a transaction when it wants the state to land with other changes.
 */
export function rebuildHotline(db: Db, now: Date, opts: { force?: boolean } = {}): RebuildResult {
  const date = hotlineToday(db, now);
  const file = buildHotline(db, date);
  const prev = hotlineState(db);
  const checked: HotlineState = { ...prev, checkedAt: now.toISOString(), checkedFor: date, count: file.codes.length, warnings: file.warnings };
  const folder = hotlineFolder(db);
  if (!folder) {
    writeSetting(db, STATE_KEY, checked);
    return { outcome: 'no_folder', state: checked };
  }
  const target = path.join(folder, HOTLINE_FILE_NAME);
  const hash = sha256(file.text);
  if (!opts.force && prev.hash === hash && prev.writtenPath === target && fs.existsSync(target)) {
    writeSetting(db, STATE_KEY, checked);
    return { outcome: 'unchanged', state: checked };
  }
  const before = new Set(readPrevious(target));
  try {
    writeAtomically(target, file.text);
  } catch (err) {
    const failed: HotlineState = { ...checked, error: { reason: (err as NodeJS.ErrnoException).code ?? 'write_failed', message: (err as Error).message, at: now.toISOString() } };
    writeSetting(db, STATE_KEY, failed);
    return { outcome: 'failed', state: failed };
  }
  const now_ = new Set(file.codes);
  const added = file.codes.filter((c) => !before.has(c));
  const removed = [...before].filter((c) => !now_.has(c));
  const written: HotlineState = {
    ...checked,
    lastWrittenAt: now.toISOString(),
    writtenPath: target,
    hash,
    added: added.slice(0, CHANGE_LIST_LIMIT),
    removed: removed.slice(0, CHANGE_LIST_LIMIT),
    addedCount: added.length,
    removedCount: removed.length,
    error: null,
  };
  writeSetting(db, STATE_KEY, written);
  return { outcome: 'written', state: written };
}
