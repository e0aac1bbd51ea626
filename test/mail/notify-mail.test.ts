// E-mail copies of unread task notifications over SMTP: after the delay, not when read or opted out, retried after a refusal.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { testEnv, type TestEnv } from '../helpers/core';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { sendDueNotifications } from '../../src-main/jobs/notify-mail.job';
import { buildMail, leadText } from './build';
import { refusedPort } from '../helpers/net';
import { startSmtp, type FakeSmtp } from './smtp';

let env: TestEnv;
let smtp: FakeSmtp;
let sales: { id: number; token: string };

beforeEach(async () => {
  env = await testEnv();
  smtp = await startSmtp();
  const refs = await env.admin('refs.get', {});
  const salesDir = refs.directions.find((d) => d.code === 'sales')!.id;
  const { id } = await env.admin('employees.save', {
    login: 'sales1',
    fullName: 'Продажник',
    roles: ['sales'],
    directionIds: [salesDir],
    email: 'sales1@ric.example',
    password: 'password-123',
  });
  sales = { id, token: (await env.as('', 'auth.login', { login: 'sales1', password: 'password-123' })).token };
  await env.admin('notifications.smtp.save', { enabled: true, host: '127.0.0.1', port: smtp.port, user: 'crm', password: 'smtp-Пароль', from: 'crm@ric.example', delayMinutes: 10 });
});
afterEach(async () => {
  env.close();
  await smtp.close();
});

const lead = (n: number) =>
  ingestMessage(
    { db: env.core.db, pool: env.core.pool, clock: env.clock, publish: () => undefined },
    buildMail({ subject: `Заявка № ${n}: прайс-лист`, text: leadText({ typeText: 'Прайс-лист', number: String(n), fields: [['Организация', 'ООО «Ромашка»'], ['E-mail', `c${n}@x.example`]] }) }),
    null,
    env.clock.now().toISOString(),
  );
const pass = () => sendDueNotifications(env.core.db, env.clock);
const later = (minutes: number) => env.clock.set(new Date(env.clock.now().getTime() + minutes * 60_000).toISOString());

it('mails an unread task notification once, after the delay, with the task in Russian', async () => {
  const { taskId } = await lead(810001);
  expect(await pass()).toBe(0);
  later(11);
  expect(await pass()).toBe(1);
  expect(await pass()).toBe(0);
  expect(smtp.received).toHaveLength(1);
  const m = smtp.received[0]!;
  expect(m).toMatchObject({ from: 'crm@ric.example', to: ['sales1@ric.example'], user: 'crm', password: 'smtp-Пароль' });
  const parsed = await simpleParser(m.data);
  expect(parsed.subject).toBe(`Новое поручение №${taskId}: заявка на прайс-лист — ООО «Ромашка»`);
  // Created at 09:00 UTC, due in 2 hours: 14:00 Moscow time.
  expect(parsed.text).toContain(`Вам назначено поручение №${taskId}: заявка на прайс-лист.\nКлиент: ООО «Ромашка»\nНомер заявки: 810001\nСрок: 27.11.2026 14:00`);
  const settings = await env.admin('notifications.smtp.get', {});
  expect(settings).toMatchObject({ enabled: true, hasPassword: true, lastError: null });
  expect(settings!.lastSentAt).not.toBeNull();
  expect(JSON.stringify(settings)).not.toContain('Пароль');
  expect(taskId).not.toBeNull();
});

it('sends nothing for a notification read in time, or to an employee who opted out', async () => {
  await lead(810002);
  await env.as(sales.token, 'notifications.markRead', {});
  await env.as(sales.token, 'notifications.prefs.save', { emailWhenAway: false });
  await lead(810003);
  later(30);
  expect(await pass()).toBe(0);
  expect(await env.as(sales.token, 'notifications.prefs.get', {})).toEqual({ emailWhenAway: false, email: 'sales1@ric.example' });
  await env.as(sales.token, 'notifications.prefs.save', { emailWhenAway: true });
  expect(await pass()).toBe(1);
});

it('keeps the letter when the server refuses, records why, and sends it on a later pass', async () => {
  await lead(810004);
  later(11);
  const refused = await refusedPort();
  await env.admin('notifications.smtp.save', { enabled: true, host: '127.0.0.1', port: refused.port, user: 'crm', from: 'crm@ric.example', delayMinutes: 10 });
  expect(await pass()).toBe(0);
  expect((await env.admin('notifications.smtp.get', {}))!.lastError).toMatch(/ECONNREFUSED/);
  await refused.close();
  // The saved password survives an edit that does not name it.
  await env.admin('notifications.smtp.save', { enabled: true, host: '127.0.0.1', port: smtp.port, user: 'crm', from: 'crm@ric.example', delayMinutes: 10 });
  expect(await pass()).toBe(1);
  expect(smtp.received[0]).toMatchObject({ password: 'smtp-Пароль' });
  expect((await env.admin('notifications.smtp.get', {}))!.lastError).toBeNull();
});

it('sends a test letter on request', async () => {
  expect(await env.admin('notifications.smtp.test', { to: 'admin@ric.example' })).toEqual({ sent: true, error: null });
  expect(smtp.received[0]!.to).toEqual(['admin@ric.example']);
});
