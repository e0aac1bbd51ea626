// One reader per mailbox: a lease row with an owner and an expiry, taken over when it lapses or its local owner died.
import os from 'node:os';
import crypto from 'node:crypto';
import type { Db } from '../../db/connection';
import { tx } from '../../db/connection';
import { stmt } from '../../db/stmt';

/** How long a lease lasts without renewal; the owner renews it well before. */
export const LEASE_MS = 30_000;

export function newOwnerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
}

/** A lease held by a process of this host that no longer exists can be taken at once (a killed `mail sync`). */
export function ownerIsDead(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface LeaseHolder {
  ownerId: string;
  expiresAt: number;
}

export function leaseOf(db: Db, mailboxId: number): LeaseHolder | null {
  return (stmt(db, 'SELECT owner_id AS ownerId, expires_at AS expiresAt FROM mailbox_locks WHERE mailbox_id = ?').get(mailboxId) as LeaseHolder | undefined) ?? null;
}

/** Takes or renews the lease; false while another live owner holds it. */
export function acquireLease(db: Db, mailboxId: number, owner: string, nowMs: number, leaseMs = LEASE_MS): boolean {
  return tx(db, () => {
    const cur = leaseOf(db, mailboxId);
    if (cur && cur.ownerId !== owner && cur.expiresAt > nowMs && !ownerIsDead(cur.ownerId)) return false;
    stmt(
      db,
      `INSERT INTO mailbox_locks (mailbox_id, owner_id, expires_at, acquired_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(mailbox_id) DO UPDATE SET owner_id = excluded.owner_id, expires_at = excluded.expires_at,
         acquired_at = CASE WHEN mailbox_locks.owner_id = excluded.owner_id THEN mailbox_locks.acquired_at ELSE excluded.acquired_at END`,
    ).run(mailboxId, owner, nowMs + leaseMs, new Date(nowMs).toISOString());
    return true;
  });
}

export function releaseLease(db: Db, mailboxId: number, owner: string): void {
  stmt(db, 'DELETE FROM mailbox_locks WHERE mailbox_id = ? AND owner_id = ?').run(mailboxId, owner);
}

/** Checked inside every commit: a writer that lost its lease (paused past expiry, taken over) writes nothing. */
export function holdsLease(db: Db, mailboxId: number, owner: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM mailbox_locks WHERE mailbox_id = ? AND owner_id = ?').get(mailboxId, owner);
}
