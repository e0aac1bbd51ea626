// Output files (PDF, XLSX) in a per-employee folder beside the database, and reading them back safely by path.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import { fileStore, storeDir } from '../../db/file-stores';
import { makePrivateDir, writePrivateFile } from '../../files/private';
import { notFound } from '../../api/errors';
import type { PrintedFile } from '../../../src-shared/doc-types';

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]{0,150}\.(pdf|xlsx)$/;
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** Files older than this are removed when the employee prints again. */
const KEEP_MS = 24 * 3600 * 1000;
const MAX_READ = 64 * 1024 * 1024;

/** `<database folder>/print/<employee id>`; a database in memory uses the system temp folder. */
export function outputDir(db: Db, employeeId: number): string {
  return path.join(storeDir(db.$client.name, fileStore('print')), String(employeeId));
}

const lastSweep = new Map<string, number>();

/** Removes old files, at most every ten minutes per folder (a print run writes many files in a row). */
function sweep(dir: string, now: number): void {
  if (now - (lastSweep.get(dir) ?? 0) < 10 * 60 * 1000) return;
  lastSweep.set(dir, now);
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    try {
      if (now - fs.statSync(full).mtimeMs > KEEP_MS) fs.rmSync(full, { force: true });
    } catch {
      // Another print run of the same employee may have removed it first.
    }
  }
}

/** Writes one output file under a generated ASCII name; `slug` must already be ASCII (e.g. `contract-12`). */
export function writeOutput(
  db: Db,
  employeeId: number,
  slug: string,
  ext: 'pdf' | 'xlsx',
  bytes: Uint8Array,
  suggestedName: string,
  pages: number | null,
): PrintedFile {
  const dir = outputDir(db, employeeId);
  makePrivateDir(dir);
  sweep(dir, Date.now());
  const clean = slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 80) || 'file';
  const name = `${clean}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}.${ext}`;
  const full = path.join(dir, name);
  // Printed contracts carry requisites and prices: readable by the server's user only.
  writePrivateFile(full, bytes, 'wx');
  // Windows forbids these characters in file names; the rest of the Russian name is kept.
  const safeSuggested = suggestedName.replace(/[\\/:*?"<>|]+/g, '-');
  return { path: full, name, suggestedName: safeSuggested, mime: MIME[ext]!, bytes: bytes.length, pages };
}

/**
 * Reads a file back for the renderer. Only a plain file directly inside the caller's own folder is served,
 * whatever the path says (`..`, another employee's folder, links): anything else is "not found".
 */
export function readOutput(db: Db, employeeId: number, requested: string): { name: string; mime: string; bytes: number; base64: string } {
  const dir = outputDir(db, employeeId);
  const name = path.basename(requested);
  const full = path.isAbsolute(requested) ? path.resolve(requested) : path.resolve(dir, requested);
  if (path.dirname(full) !== dir || !SAFE_NAME.test(name)) throw notFound('file');
  let st: fs.Stats;
  try {
    st = fs.lstatSync(full);
  } catch {
    throw notFound('file');
  }
  if (!st.isFile() || st.size > MAX_READ) throw notFound('file');
  const data = fs.readFileSync(full);
  return { name, mime: MIME[name.slice(name.lastIndexOf('.') + 1)]!, bytes: data.length, base64: data.toString('base64') };
}
