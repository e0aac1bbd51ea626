// E-mail copies of notifications an employee has not read in the app in time: SMTP settings, preferences, the letter, sending.
import nodemailer from 'nodemailer';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { NotificationPrefs, SmtpSettingsView, TaskKind } from '../../../src-shared/mail-types';
import { secretBoxFor } from '../mail/secrets';

const SMTP_KEY = 'notifications.smtp';
const prefKey = (employeeId: number) => `notifications.email.${employeeId}`;

interface SmtpStored extends Omit<SmtpSettingsView, 'hasPassword' | 'lastSentAt' | 'lastError' | 'lastErrorAt'> {
  passwordEnc: string | null;
}

function readSetting<T>(db: Db, key: string): T | null {
  const r = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as T) : null;
}

function writeSetting(db: Db, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

const STATUS_KEY = 'notifications.smtp.status';
type SmtpStatus = Pick<SmtpSettingsView, 'lastSentAt' | 'lastError' | 'lastErrorAt'>;

export function smtpView(db: Db): SmtpSettingsView | null {
  const s = readSetting<SmtpStored>(db, SMTP_KEY);
  if (!s) return null;
  const { passwordEnc, ...rest } = s;
  const status = readSetting<SmtpStatus>(db, STATUS_KEY) ?? { lastSentAt: null, lastError: null, lastErrorAt: null };
  return { ...rest, ...status, hasPassword: !!passwordEnc };
}

export function recordSmtp(db: Db, at: string, error: string | null): void {
  const cur = readSetting<SmtpStatus>(db, STATUS_KEY) ?? { lastSentAt: null, lastError: null, lastErrorAt: null };
  writeSetting(db, STATUS_KEY, error ? { ...cur, lastError: error.slice(0, 500), lastErrorAt: at } : { ...cur, lastSentAt: at, lastError: null });
}

export interface SmtpSave {
  enabled: boolean;
  host: string;
  port: number;
  tls: boolean;
  user: string | null;
  password?: string;
  from: string;
  delayMinutes: number;
}

export function saveSmtp(db: Db, s: SmtpSave): void {
  const before = readSetting<SmtpStored>(db, SMTP_KEY);
  const { password, ...rest } = s;
  const passwordEnc = password != null ? secretBoxFor(db).encrypt(password) : (before?.passwordEnc ?? null);
  writeSetting(db, SMTP_KEY, { ...rest, passwordEnc: rest.user ? passwordEnc : null } satisfies SmtpStored);
}

export function prefsOf(db: Db, employeeId: number): NotificationPrefs {
  const e = stmt(db, 'SELECT email FROM employees WHERE id = ?').get(employeeId) as { email: string | null } | undefined;
  return { emailWhenAway: readSetting<boolean>(db, prefKey(employeeId)) ?? true, email: e?.email ?? null };
}

export function savePrefs(db: Db, employeeId: number, emailWhenAway: boolean): void {
  writeSetting(db, prefKey(employeeId), emailWhenAway);
}

export function transportFor(db: Db): { send: (to: string, subject: string, text: string) => Promise<void>; close: () => void } | null {
  const s = readSetting<SmtpStored>(db, SMTP_KEY);
  if (!s) return null;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.tls,
    auth: s.user ? { user: s.user, pass: s.passwordEnc ? secretBoxFor(db).decrypt(s.passwordEnc) : '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    send: async (to, subject, text) => {
      await transport.sendMail({ from: s.from, to, subject, text });
    },
    close: () => transport.close(),
  };
}

/** The letter's wording: like a print form, Russian text lives here in one place. */
const KIND_TITLES: Record<TaskKind, string> = {
  lead_price: 'заявка на прайс-лист',
  lead_demo: 'заявка на установку демоверсии',
  lead_trial: 'заявка на пробный доступ',
  question: 'вопрос из сервиса «Задать вопрос»',
  other: 'поручение',
};

function localDateTime(iso: string, timeZone: string): string {
  const f = new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return f.format(new Date(iso)).replace(',', '');
}

/** The РИЦ's time zone setting (times in letters are read in it). */
export function timeZoneOf(db: Db): string {
  const tz = readSetting<string>(db, 'timezone') ?? 'Europe/Moscow';
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone: tz });
    return tz;
  } catch {
    return 'Europe/Moscow';
  }
}

export function letter(
  data: { kind?: TaskKind; client?: string | null; requestNumber?: string | null; deadline?: string },
  taskId: number,
  timeZone: string,
): { subject: string; text: string } {
  const what = KIND_TITLES[data.kind ?? 'other'];
  const subject = `Новое поручение №${taskId}: ${what}${data.client ? ` — ${data.client}` : ''}`;
  const lines = [
    `Вам назначено поручение №${taskId}: ${what}.`,
    data.client ? `Клиент: ${data.client}` : null,
    data.requestNumber ? `Номер заявки: ${data.requestNumber}` : null,
    data.deadline ? `Срок: ${localDateTime(data.deadline, timeZone)}` : null,
    '',
    'Откройте РИЦ CRM, раздел «Поручения».',
  ].filter((l): l is string => l !== null);
  return { subject, text: lines.join('\n') };
}

export interface DueMail {
  id: number;
  taskId: number;
  email: string;
  data: string | null;
}

/** Unread task notifications older than the delay, for employees with an e-mail who did not opt out. */
export function dueMails(db: Db, nowMs: number, limit = 50): DueMail[] {
  const s = readSetting<SmtpStored>(db, SMTP_KEY);
  if (!s?.enabled) return [];
  const before = new Date(nowMs - s.delayMinutes * 60_000).toISOString();
  return stmt(
    db,
    `SELECT n.id, n.task_id AS taskId, e.email, n.data FROM notifications n JOIN employees e ON e.id = n.employee_id
     WHERE n.read = 0 AND n.mailed_at IS NULL AND n.task_id IS NOT NULL AND n.kind = 'task_assigned' AND n.at <= ? AND e.active = 1 AND e.email IS NOT NULL AND e.email <> ''
       AND coalesce((SELECT value FROM settings WHERE key = 'notifications.email.' || e.id), 'true') = 'true'
     ORDER BY n.id LIMIT ?`,
  ).all(before, limit) as DueMail[];
}

/** Claims a notification for mailing (one sender wins); released again when the send fails. */
export function claimMail(db: Db, id: number, at: string): boolean {
  return stmt(db, 'UPDATE notifications SET mailed_at = ? WHERE id = ? AND mailed_at IS NULL AND read = 0').run(at, id).changes === 1;
}

export function releaseMail(db: Db, id: number): void {
  stmt(db, 'UPDATE notifications SET mailed_at = NULL WHERE id = ?').run(id);
}
