// One-time download tokens of finished USR ZIPs: a temp file handed out once by GET /files/usr-zip/<token>, then removed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface Ready {
  path: string;
  name: string;
  size: number;
  employeeId: number;
  expires: number;
}

/** Long enough to click «Скачать» after a long build; an archive nobody took is removed with its folder. */
const TTL_MS = 60 * 60_000;
const ready = new Map<string, Ready>();
const TOKEN = /^[0-9a-f]{64}$/;

function removeFile(p: string): void {
  fs.rmSync(path.dirname(p), { recursive: true, force: true });
}

function sweep(now: number): void {
  for (const [t, r] of ready) {
    if (r.expires > now) continue;
    ready.delete(t);
    removeFile(r.path);
  }
}

/** Registers a finished archive (alone in its temp folder); returns the token. */
export function offerDownload(file: string, name: string, employeeId: number, now = Date.now()): string {
  sweep(now);
  const token = crypto.randomBytes(32).toString('hex');
  ready.set(token, { path: file, name, size: fs.statSync(file).size, employeeId, expires: now + TTL_MS });
  return token;
}

/**
 * Takes the archive of a token (once): the caller streams it and calls `done` to remove it. The token is the key —
 * 256 random bits, single use, an hour at most — so a plain link downloads without the session's bearer header.
 */
export function takeDownload(token: string, now = Date.now()): { path: string; name: string; size: number; done: () => void } | null {
  sweep(now);
  if (!TOKEN.test(token)) return null;
  const r = ready.get(token);
  if (!r) return null;
  ready.delete(token);
  return { path: r.path, name: r.name, size: r.size, done: () => removeFile(r.path) };
}
