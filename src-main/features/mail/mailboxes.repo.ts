// Mailboxes (passwords sealed by the SecretBox) and their sync state: cursor, connection, counters, health.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { MailboxHealth, MailboxRow } from '../../../src-shared/mail-types';
import { secretBoxFor } from './secrets';

export interface MailboxConfig {
  id: number;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
  enabled: boolean;
}

/** A job checks in at least this often (a poll even while IDLE); older than STALE_AFTER_MS means stalled. */
export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

const COLUMNS = 'id, name, host, port, tls, user, folder, enabled, password_enc AS passwordEnc';
type Raw = Omit<MailboxConfig, 'password' | 'tls' | 'enabled'> & { tls: number; enabled: number; passwordEnc: string };

export function listMailboxes(db: Db): MailboxRow[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM mailboxes ORDER BY id`).all() as Raw[]).map((r) => ({
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    tls: !!r.tls,
    user: r.user,
    folder: r.folder,
    enabled: !!r.enabled,
    hasPassword: r.passwordEnc !== '',
  }));
}

/** The mailbox with its password opened, for the job only (never sent to screens). */
export function mailboxConfig(db: Db, id: number): MailboxConfig | null {
  const r = stmt(db, `SELECT ${COLUMNS} FROM mailboxes WHERE id = ?`).get(id) as Raw | undefined;
  if (!r) return null;
  const { passwordEnc, ...rest } = r;
  return { ...rest, tls: !!r.tls, enabled: !!r.enabled, password: passwordEnc ? secretBoxFor(db).decrypt(passwordEnc) : '' };
}

export function enabledMailboxIds(db: Db): number[] {
  return (stmt(db, 'SELECT id FROM mailboxes WHERE enabled = 1 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

export interface MailboxSave {
  id?: number;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password?: string;
  folder: string;
  enabled: boolean;
}

/** Inserts or updates; returns the id, or null when `id` names no mailbox. */
export function saveMailbox(db: Db, m: MailboxSave, now: string): number | null {
  const sealed = m.password != null ? secretBoxFor(db).encrypt(m.password) : null;
  if (m.id == null) {
    const r = stmt(
      db,
      'INSERT INTO mailboxes (name, host, port, tls, user, password_enc, folder, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(m.name, m.host, m.port, m.tls ? 1 : 0, m.user, sealed ?? '', m.folder, m.enabled ? 1 : 0, now, now);
    return Number(r.lastInsertRowid);
  }
  const r = stmt(
    db,
    `UPDATE mailboxes SET name = ?, host = ?, port = ?, tls = ?, user = ?, password_enc = coalesce(?, password_enc), folder = ?, enabled = ?, updated_at = ?
     WHERE id = ?`,
  ).run(m.name, m.host, m.port, m.tls ? 1 : 0, m.user, sealed, m.folder, m.enabled ? 1 : 0, now, m.id);
  return r.changes ? m.id : null;
}

export function ensureSyncState(db: Db, mailboxId: number, folder: string): void {
  stmt(db, 'INSERT INTO mail_sync_state (mailbox_id, folder) VALUES (?, ?) ON CONFLICT DO NOTHING').run(mailboxId, folder);
}

export function syncCursor(db: Db, mailboxId: number, folder: string): { uidValidity: number | null; lastUid: number } {
  ensureSyncState(db, mailboxId, folder);
  return stmt(db, 'SELECT uid_validity AS uidValidity, last_uid AS lastUid FROM mail_sync_state WHERE mailbox_id = ? AND folder = ?').get(mailboxId, folder) as {
    uidValidity: number | null;
    lastUid: number;
  };
}

/**
 * A new UIDVALIDITY means the server renumbered the folder: the cursor restarts from UID 0 and the
 * Message-ID index keeps messages already taken from being taken again.
 */
export function resetCursor(db: Db, mailboxId: number, folder: string, uidValidity: number): void {
  stmt(db, 'UPDATE mail_sync_state SET uid_validity = ?, last_uid = 0 WHERE mailbox_id = ? AND folder = ?').run(uidValidity, mailboxId, folder);
}

export function recordCheck(db: Db, mailboxId: number, folder: string, at: string, pending: number): void {
  stmt(db, 'UPDATE mail_sync_state SET connected = 1, last_check_at = ?, pending = ? WHERE mailbox_id = ? AND folder = ?').run(at, pending, mailboxId, folder);
}

export function recordConnection(db: Db, mailboxId: number, folder: string, connected: boolean, error: string | null, at: string): void {
  ensureSyncState(db, mailboxId, folder);
  if (error) {
    stmt(db, 'UPDATE mail_sync_state SET connected = ?, last_error = ?, last_error_at = ? WHERE mailbox_id = ? AND folder = ?').run(
      connected ? 1 : 0,
      error.slice(0, 1000),
      at,
      mailboxId,
      folder,
    );
  } else {
    stmt(db, 'UPDATE mail_sync_state SET connected = ? WHERE mailbox_id = ? AND folder = ?').run(connected ? 1 : 0, mailboxId, folder);
  }
}

export function mailboxHealth(db: Db, nowMs: number): MailboxHealth[] {
  const rows = stmt(
    db,
    `SELECT m.id AS mailboxId, m.name, m.folder, m.enabled, s.connected, s.last_check_at AS lastCheckAt, s.last_message_at AS lastMessageAt,
       s.lag_ms AS lagMs, s.pending, s.processed, s.duplicates, s.unrecognised, s.last_error AS lastError, s.last_error_at AS lastErrorAt,
       l.owner_id AS owner, l.expires_at AS ownerUntil
     FROM mailboxes m
     LEFT JOIN mail_sync_state s ON s.mailbox_id = m.id AND s.folder = m.folder
     LEFT JOIN mailbox_locks l ON l.mailbox_id = m.id
     ORDER BY m.id`,
  ).all() as (Omit<MailboxHealth, 'enabled' | 'connected' | 'stale' | 'owner' | 'ownerUntil'> & {
    enabled: number;
    connected: number | null;
    owner: string | null;
    ownerUntil: number | null;
  })[];
  return rows.map((r) => {
    const live = r.owner != null && r.ownerUntil != null && r.ownerUntil > nowMs;
    const checked = r.lastCheckAt ? Date.parse(r.lastCheckAt) : 0;
    return {
      ...r,
      enabled: !!r.enabled,
      // Connected only while someone holds the mailbox; a dead job leaves the flag set but its lease lapses.
      connected: !!r.connected && live,
      stale: !!r.enabled && nowMs - checked > STALE_AFTER_MS,
      pending: r.pending ?? 0,
      processed: r.processed ?? 0,
      duplicates: r.duplicates ?? 0,
      unrecognised: r.unrecognised ?? 0,
      owner: live ? r.owner!.split(':').slice(0, 2).join(':') : null,
      ownerUntil: live ? new Date(r.ownerUntil!).toISOString() : null,
    };
  });
}
