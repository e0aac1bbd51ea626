// The content-addressed store of imported files: `<imports>/<sha[0:2]>/<sha256>`, written whole before its row is committed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection';
import { fileStore, storeDir } from '../../db/file-stores';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../files/private';
import { stmt } from '../../db/stmt';

/** The largest file the store takes (a chat export of a year is ≈ 50 MB; a ZIP of USR files a little more). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file is over ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

export interface StoredFile {
  fileId: number;
  sha256: string;
  size: number;
  /** The name it first arrived under. */
  name: string;
  /** Whether these bytes were new to the store. */
  isNew: boolean;
  /** applied | refused | null: whether the file's content was already decided (a re-import is a duplicate). */
  outcome: string | null;
  kind: string | null;
}

const SHA = /^[0-9a-f]{64}$/;

export function importsDir(db: Db): string {
  return storeDir(db.$client.name, fileStore('imports'));
}

/** The path of stored bytes; null for anything that is not a hash (a path from outside is never trusted). */
export function storedPath(db: Db, sha256: string): string | null {
  if (!SHA.test(sha256)) return null;
  return path.join(importsDir(db), sha256.slice(0, 2), sha256);
}

/** A display name without folders or control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

export function register(db: Db, sha256: string, size: number, name: string, now: string): StoredFile {
  const known = stmt(db, 'SELECT id, name, outcome, kind FROM import_files WHERE sha256 = ?').get(sha256) as
    | { id: number; name: string; outcome: string | null; kind: string | null }
    | undefined;
  if (known) return { fileId: known.id, sha256, size, name: known.name, isNew: false, outcome: known.outcome, kind: known.kind };
  const r = stmt(db, 'INSERT INTO import_files (sha256, size, name, stored_at) VALUES (?, ?, ?, ?)').run(sha256, size, name, now);
  return { fileId: Number(r.lastInsertRowid), sha256, size, name, isNew: true, outcome: null, kind: null };
}

/** Moves a finished temp file to its place by hash (an existing copy of the same bytes is kept). */
function place(db: Db, tmp: string, sha256: string): void {
  const target = storedPath(db, sha256)!;
  makePrivateDir(path.dirname(target));
  if (fs.existsSync(target)) fs.rmSync(tmp, { force: true });
  else fs.renameSync(tmp, target);
}

function tempPath(db: Db): string {
  const dir = path.join(importsDir(db), 'tmp');
  makePrivateDir(dir);
  return path.join(dir, `${Date.now().toString(36)}-${crypto.randomBytes(6).toString('hex')}`);
}

/** Stores bytes already in memory (a CLI file, a bench's generated file) and registers them. */
export function storeBytes(db: Db, bytes: Uint8Array, name: string, now: string): StoredFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new TooLargeError(MAX_IMPORT_BYTES);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const target = storedPath(db, sha256)!;
  if (!fs.existsSync(target)) {
    const tmp = tempPath(db);
    const fd = fs.openSync(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    place(db, tmp, sha256);
  }
  return register(db, sha256, bytes.byteLength, cleanName(name), now);
}

/**
 * Streams an upload (or a watched folder's file) into the store, hashing as it goes: memory stays flat whatever the
 * size, and a stream over `maxBytes` is cut off with TooLargeError, leaving nothing behind.
 */
export async function storeStream(db: Db, source: Readable | AsyncIterable<Uint8Array>, name: string, now: () => string, maxBytes = MAX_IMPORT_BYTES): Promise<StoredFile> {
  const tmp = tempPath(db);
  const hash = crypto.createHash('sha256');
  const out = fs.createWriteStream(tmp, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new TooLargeError(maxBytes);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve, reject) => out.once('drain', resolve).once('error', reject));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  const sha256 = hash.digest('hex');
  place(db, tmp, sha256);
  return register(db, sha256, size, cleanName(name), now());
}

/** Reads a stored file whole (for a parse task, whose own limit is smaller than the store's). */
export function readStored(db: Db, sha256: string): Buffer {
  const p = storedPath(db, sha256);
  if (!p) throw new Error('not a stored file');
  return fs.readFileSync(p);
}

/** A stored file's row by id. */
export function storedFile(db: Db, fileId: number): { id: number; sha256: string; size: number; name: string; kind: string | null; outcome: string | null } | undefined {
  return stmt(db, 'SELECT id, sha256, size, name, kind, outcome FROM import_files WHERE id = ?').get(fileId) as
    | { id: number; sha256: string; size: number; name: string; kind: string | null; outcome: string | null }
    | undefined;
}

/**
 * Writes bytes into the store without touching the database (a ZIP's members before their commit): asynchronous,
 * so thousands of members never hold the event loop or the write lock. An orphan left by a rolled-back commit is
 * harmless: the same bytes find it next time.
 */
export async function placeBytes(db: Db, bytes: Uint8Array, sha256: string): Promise<void> {
  const target = storedPath(db, sha256);
  if (!target) throw new Error('not a hash');
  if (fs.existsSync(target)) return;
  const tmp = tempPath(db);
  const fh = await fs.promises.open(tmp, 'wx', PRIVATE_FILE_MODE);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  makePrivateDir(path.dirname(target));
  if (fs.existsSync(target)) await fs.promises.rm(tmp, { force: true });
  else await fs.promises.rename(tmp, target);
}
