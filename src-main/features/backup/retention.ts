// Which old backups a folder keeps: at most N, none older than D days, and never fewer than the newest one.
import fs from 'node:fs';
import path from 'node:path';
import { listBackups, type BackupEntry } from './manifest';

export interface Retention {
  /** Keep at most this many (null: no limit by count). */
  keepCount: number | null;
  /** Remove backups older than this many days (null: no limit by age). */
  keepDays: number | null;
}

/** The backups to remove, oldest last; the newest backup is always kept, whatever the limits say. */
export function expired(backups: BackupEntry[], rule: Retention, nowMs: number): BackupEntry[] {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return newestFirst.filter((b, i) => {
    if (i === 0) return false;
    if (rule.keepCount != null && i >= rule.keepCount) return true;
    return rule.keepDays != null && nowMs - Date.parse(b.createdAt) > rule.keepDays * 86_400_000;
  });
}

/**
 * Applies the rule to a folder; only backups of `sourceDb` (by their manifest) are ever touched, so two databases
 * sharing a folder never prune each other's. Returns the names removed.
 */
export function applyRetention(folder: string, sourceDb: string, rule: Retention, nowMs: number): string[] {
  const mine = listBackups(folder).filter((b) => b.sourceDb === path.resolve(sourceDb));
  const gone = expired(mine, rule, nowMs);
  for (const b of gone) fs.rmSync(b.dir, { recursive: true, force: true });
  return gone.map((b) => b.name);
}
