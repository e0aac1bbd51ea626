// Administration of mail intake: mailboxes with sealed passwords, rules edited and tested on stored mail, per-kind settings, roles.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { tablesChangedBy } from '../helpers/tables';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { mailboxConfig } from '../../src-main/features/mail/mailboxes.repo';
import { aesBox, keyFileBox, keyPathFor, safeStorageBox, setSecretBox } from '../../src-main/features/mail/secrets';
import { openDb } from '../../src-main/db/connection';
import { buildMail } from './build';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

const dbFile = () => env.core.db.$client.name;

describe('mailboxes', () => {
  it('stores the password sealed with a key file only the server user can read, and never returns it', async () => {
    const { id } = await env.admin('mail.mailboxes.save', { name: 'Заявки', host: 'imap.example.org', user: 'ric', password: 'p@ss-Пароль' });
    const raw = env.core.db.$client.prepare('SELECT password_enc AS p FROM mailboxes WHERE id = ?').get(id) as { p: string };
    expect(raw.p).toMatch(/^v1:/);
    expect(raw.p).not.toContain('p@ss');
    const key = keyPathFor(dbFile());
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    expect(mailboxConfig(env.core.db, id)!.password).toBe('p@ss-Пароль');

    const list = await env.admin('mail.mailboxes.list', {});
    expect(list).toEqual([{ id, name: 'Заявки', host: 'imap.example.org', port: 993, tls: true, user: 'ric', folder: 'INBOX', enabled: true, hasPassword: true }]);
    expect(JSON.stringify(list)).not.toContain('p@ss');
    const audit = env.core.db.$client.prepare("SELECT changes FROM audit_log WHERE entity = 'mailbox'").all() as { changes: string }[];
    expect(JSON.stringify(audit)).not.toContain('p@ss');

    // Editing without a password keeps the old one; another database's key cannot open it.
    await env.admin('mail.mailboxes.save', { id, name: 'Заявки 2', host: 'imap.example.org', user: 'ric', folder: 'Leads' });
    expect(mailboxConfig(env.core.db, id)).toMatchObject({ name: 'Заявки 2', folder: 'Leads', password: 'p@ss-Пароль' });
    const other = keyFileBox(`${dbFile()}.other`);
    expect(() => other.decrypt(raw.p)).toThrow();
    // A second process on the same database opens the same key.
    const db2 = openDb(dbFile());
    try {
      expect(mailboxConfig(db2, id)!.password).toBe('p@ss-Пароль');
    } finally {
      db2.$client.close();
    }
  });

  it('refuses a new mailbox without a password, a bad host and a bad port, writing nothing', async () => {
    const changed = await tablesChangedBy(env.core.db.$client, async () => {
      for (const input of [
        { name: 'x', host: 'imap.example.org', user: 'u' },
        { name: 'x', host: 'imap example.org', user: 'u', password: 'p' },
        { name: 'x', host: 'imap.example.org', user: 'u', password: 'p', port: 70000 },
      ]) {
        const r = await env.core.call('mail.mailboxes.save', input, env.adminToken);
        expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      }
    });
    expect(changed).toEqual([]);
    expect(await env.admin('mail.mailboxes.list', {})).toEqual([]);
  });

  it('seals with AES-256-GCM: a tampered secret does not open', () => {
    const box = aesBox(Buffer.alloc(32, 7));
    const sealed = box.encrypt('secret');
    expect(box.encrypt('secret')).not.toBe(sealed);
    expect(box.decrypt(sealed)).toBe('secret');
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => box.decrypt(`v1:${bytes.toString('base64')}`)).toThrow();
  });

  it('lets the desktop host seal with safeStorage, still opening what the key file sealed', async () => {
    const { id } = await env.admin('mail.mailboxes.save', { name: 'Старый', host: 'imap.example.org', user: 'a', password: 'old-secret' });
    // A stand-in with safeStorage's shape (Electron cannot run here): reversible, marked, and switchable off.
    let available = true;
    const fake = {
      isEncryptionAvailable: () => available,
      encryptString: (p: string) => Buffer.from(`os:${p}`),
      decryptString: (b: Buffer) => b.toString().replace(/^os:/, ''),
    };
    setSecretBox(env.core.db, safeStorageBox(fake, keyFileBox(keyPathFor(dbFile()))));
    const { id: id2 } = await env.admin('mail.mailboxes.save', { name: 'Новый', host: 'imap.example.org', user: 'b', password: 'new-secret' });
    const sealed = (env.core.db.$client.prepare('SELECT password_enc AS p FROM mailboxes WHERE id = ?').get(id2) as { p: string }).p;
    expect(sealed.startsWith('ss1:')).toBe(true);
    expect(mailboxConfig(env.core.db, id2)!.password).toBe('new-secret');
    expect(mailboxConfig(env.core.db, id)!.password).toBe('old-secret');
    available = false;
    const { id: id3 } = await env.admin('mail.mailboxes.save', { name: 'Без связки', host: 'imap.example.org', user: 'c', password: 'plain-secret' });
    expect(mailboxConfig(env.core.db, id3)!.password).toBe('plain-secret');
  });
});

describe('rules', () => {
  async function stored(subject: string, text: string): Promise<number> {
    const r = await ingestMessage({ db: env.core.db, pool: env.core.pool, clock: env.clock, publish: () => undefined }, buildMail({ subject, text }), null, env.clock.now().toISOString());
    return r.messageRowId!;
  }

  it('lists the defaults, tests a draft on a stored message, and a saved change applies to the next message', async () => {
    const rules = await env.admin('mail.rules.list', {});
    expect(rules.map((r) => r.kind)).toEqual(['question', 'lead_trial', 'lead_demo', 'lead_price']);
    const price = rules.find((r) => r.kind === 'lead_price')!;

    const text = 'Мобильный: 8 914 111-22-33\nКонтакт: Гусев Иван';
    const msgId = await stored('Лид №555001 с лендинга', text);
    const q = await env.admin('mail.queue.list', {});
    expect(q.items[0]).toMatchObject({ reason: 'no_rule', message: { id: msgId } });

    const asJob = await env.admin('mail.rules.test', { messageId: msgId });
    expect(asJob).toMatchObject({ decoded: true, matched: false, reason: 'no_rule', subject: 'Лид №555001 с лендинга' });
    expect(asJob.text).toContain('Гусев Иван');

    const draft = {
      ...price,
      subjectPatterns: [...price.subjectPatterns, 'лид\\s*№(?<number>\\d+)'],
      labels: { ...price.labels, phone: [...(price.labels.phone ?? []), 'Мобильный'], fio: ['Контакт'] },
    };
    const tried = await env.admin('mail.rules.test', { messageId: msgId, rule: draft });
    expect(tried).toMatchObject({ matched: true, ruleId: price.id, kind: 'lead_price', requestNumber: '555001', fields: { phone: '8 914 111-22-33', fio: 'Гусев Иван' } });
    // Nothing saved yet: the stored rule alone still does not match.
    expect(await env.admin('mail.rules.test', { messageId: msgId, ruleId: price.id })).toMatchObject({ matched: false });

    await env.admin('mail.rules.save', draft);
    const next = await ingestMessage({ db: env.core.db, pool: env.core.pool, clock: env.clock, publish: () => undefined }, buildMail({ subject: 'Лид №555002 с лендинга', text }), null, env.clock.now().toISOString());
    expect(next.outcome).toBe('task');
    // The queued one is made into a task by a person.
    const made = await env.admin('mail.queue.makeTask', { id: q.items[0]!.id, kind: 'lead_price' });
    const card = await env.admin('tasks.get', { id: made.taskId });
    expect(card).toMatchObject({ kind: 'lead_price', message: { id: msgId } });
  });

  it('refuses a pattern that is not a regular expression, pointing at it', async () => {
    const r = await env.core.call('mail.rules.save', { kind: 'question', name: 'Битое', subjectPatterns: ['ok', '(unclosed'] }, env.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'subjectPatterns.1', reason: 'regex' }] } });
  });

  it('changes deadlines and directions per kind', async () => {
    const refs = await env.admin('refs.get', {});
    const legal = refs.directions.find((d) => d.code === 'legal')!;
    await env.admin('tasks.kinds.save', { kind: 'question', directionId: legal.id, deadlineMinutes: 60 });
    await stored('Задать вопрос: вопрос пользователя', 'ФИО: Иванов\nВопрос:\nКак быть?');
    const [t] = (await env.admin('tasks.list', { kind: 'question' })).items;
    expect(t!.direction.code).toBe('legal');
    expect(Date.parse(t!.deadline) - Date.parse(t!.createdAt)).toBe(60 * 60_000);
  });
});

describe('roles', () => {
  it('keeps mailboxes and rules to administrators, health to heads, and the queue from the call centre', async () => {
    const sales = await env.employee('sales1', ['sales']);
    const head = await env.employee('head1', ['head']);
    const caller = await env.employee('caller1', ['caller']);
    for (const m of ['mail.mailboxes.list', 'mail.rules.list'] as const) {
      expect(await env.core.call(m, {}, sales.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await env.core.call(m, {}, head.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await env.core.call('mail.health', {}, head.token)).toMatchObject({ ok: true });
    expect(await env.core.call('mail.health', {}, sales.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.core.call('mail.queue.list', {}, sales.token)).toMatchObject({ ok: true });
    expect(await env.core.call('mail.queue.list', {}, caller.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.core.call('tasks.list', {}, caller.token)).toMatchObject({ ok: true });
  });
});
