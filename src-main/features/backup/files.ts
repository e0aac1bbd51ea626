// File primitives of backup and restore: copy with a checksum, hash, fsync, walk a folder, and remove leftovers of killed runs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHUNK = 1 << 20;

export interface FileSum {
  bytes: number;
  sha256: string;
}

/** SHA-256 and size of a file, read in chunks (a database may be gigabytes). */
export function hashFile(file: string): FileSum {
  const fd = fs.openSync(file, 'r');
  try {
    const hash = crypto.createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let bytes = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      bytes += n;
    }
    return { bytes, sha256: hash.digest('hex') };
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies `from` to a new file `to` (never overwriting), hashing what was read, and syncs it to disk. */
export function copyWithSum(from: string, to: string, mode = 0o600): FileSum {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  const src = fs.openSync(from, 'r');
  try {
    const dst = fs.openSync(to, 'wx', mode);
    try {
      const hash = crypto.createHash('sha256');
      const buf = Buffer.allocUnsafe(CHUNK);
      let bytes = 0;
      for (;;) {
        const n = fs.readSync(src, buf, 0, CHUNK, null);
        if (n === 0) break;
        fs.writeSync(dst, buf, 0, n);
        hash.update(buf.subarray(0, n));
        bytes += n;
      }
      fs.fsyncSync(dst);
      return { bytes, sha256: hash.digest('hex') };
    } finally {
      fs.closeSync(dst);
    }
  } finally {
    fs.closeSync(src);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable: the folder entry itself is synced (a no-op where the platform refuses, e.g. Windows). */
export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for sync on Windows; NTFS journals the rename anyway.
  }
}

/** Regular files below `dir`, as paths relative to it with forward slashes; links are not followed. */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(r);
      else if (e.isFile()) out.push(r);
    }
  };
  visit('');
  return out;
}

/** A temp name carries host and pid, so the next run can tell a killed run's leftovers from a run still going. */
export function tempName(prefix: string, stamp: string): string {
  return `${prefix}${stamp}.${os.hostname().replace(/[^A-Za-z0-9-]/g, '_')}.${process.pid}`;
}

function ownerGone(name: string): boolean {
  const parts = name.split('.');
  const pid = Number(parts.at(-1));
  const host = parts.at(-2);
  if (host !== os.hostname().replace(/[^A-Za-z0-9-]/g, '_') || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A temp folder of another host is taken as abandoned after this long. */
const ABANDONED_MS = 24 * 3600 * 1000;

/** Removes `prefix*` entries in `dir` left by runs that died (same host, process gone) or abandoned long ago; returns how many. */
export function removeStale(dir: string, prefix: string, nowMs = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(dir, name);
    let old = false;
    try {
      old = nowMs - fs.statSync(full).mtimeMs > ABANDONED_MS;
    } catch {
      continue;
    }
    if (ownerGone(name) || old) {
      fs.rmSync(full, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
