// «Задать вопрос» exports applied to a real database: the join with e-mailed questions (both orders), re-import, timeline, report, tasks on request, unknown kits.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { tx } from '../../src-main/db/connection';
import { ingestMessage } from '../../src-main/features/mail/intake';
import { questionsFormat, questionsParseTask } from '../../src-main/features/chat/questions.formats';
import type { ApplyResult } from '../../src-main/features/imports/format';
import type { PushMessage } from '../../src-shared/events';
import { buildMail } from '../mail/build';

const KIT = { sys: 1, distr: 123, comp: 2 };
const TEXT = 'Подскажите, с какой даты применяется новая форма счёта-фактуры и где её найти в системе?';

interface Q {
  sys?: string;
  distr?: string;
  comp?: string;
  date?: string;
  fio?: string;
  email?: string;
  phone?: string;
  text?: string;
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function exportXml(...qs: Q[]): string {
  const items = qs.map((q) => {
    const attrs = [`sys="${q.sys ?? KIT.sys}"`, `distr="${q.distr ?? KIT.distr}"`, `comp="${q.comp ?? KIT.comp}"`, `date="${q.date ?? '2026-11-26 13:01:40'}"`].join(' ');
    const f = (name: string, v: string | undefined) => (v == null ? '' : `<${name}>${esc(v)}</${name}>`);
    return `  <quest ${attrs}>${f('fio', q.fio ?? 'Сидоренко Анна Викторовна')}${f('email', q.email ?? 'buh@vostok-trans.example')}${f('phone', q.phone ?? '84232401010')}${f('text', q.text ?? TEXT)}</quest>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<root>\n${items.join('\n')}\n</root>\n`;
}

function questionMail(o: { kit?: string; fio?: string; email?: string; text?: string; date?: string } = {}): Buffer {
  const kit = o.kit ?? 'SKJP_000123_02';
  return buildMail({
    subject: `Задать вопрос: вопрос пользователя ${kit}`,
    date: o.date ?? 'Thu, 26 Nov 2026 13:02:00 +0300',
    text: `Вопрос из сервиса «Задать вопрос».\n\nСистема: ${kit}\nФИО: ${o.fio ?? 'Сидоренко Анна Викторовна'}\nE-mail: ${o.email ?? 'buh@vostok-trans.example'}\nТелефон: 8 (423) 240-10-10\nВопрос:\n${o.text ?? TEXT}\n`,
  });
}

let env: TestEnv;
let pushed: PushMessage[];
let clientId: number;
let sio: { id: number; token: string };

beforeEach(async () => {
  env = await testEnv();
  pushed = [];
  env.core.bus.subscribe((m) => pushed.push(m));
  await addSystems(env.admin, ['SKJP', 'BUHS']);
  sio = await env.employee('sio1', ['sio']);
  clientId = (await env.admin('clients.create', { name: 'ООО «Восток-Транс»', sioId: sio.id })).id;
  await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
  await env.admin('contacts.save', { clientId, fullName: 'Сидоренко Анна Викторовна', emails: [{ email: 'buh@vostok-trans.example' }] });
});
afterEach(() => env.close());

const db = () => env.core.db.$client;
const count = (sql: string, ...args: unknown[]) => (db().prepare(sql).get(...args) as { n: number }).n;

/** One file through the format as the import mechanism runs it: parse on the pool, apply in one transaction, events after. */
async function importFile(xml: string, options: Record<string, unknown> = {}, employeeId: number | null = null): Promise<ApplyResult & { events: PushMessage[] }> {
  const bytes = Buffer.from(xml, 'utf8');
  expect(questionsFormat.detect(bytes.subarray(0, 4096), 'q.xml')).toBe(true);
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const now = env.clock.now().toISOString();
  let file = db().prepare('SELECT id FROM import_files WHERE sha256 = ?').get(sha) as { id: number } | undefined;
  file ??= { id: Number(db().prepare('INSERT INTO import_files (sha256, size, name, kind, stored_at) VALUES (?, ?, ?, ?, ?)').run(sha, bytes.length, 'q.xml', 'chat.questions', now).lastInsertRowid) };
  const batchId = Number(db().prepare("INSERT INTO import_batches (source, created_at, options) VALUES ('cli', ?, ?)").run(now, JSON.stringify(options)).lastInsertRowid);
  const parsed = await env.core.pool.run(questionsParseTask, { bytes, name: 'q.xml' });
  if (!parsed.ok) throw new Error(`refused: ${parsed.status}`);
  const events: PushMessage[] = [];
  const r = tx(env.core.db, () =>
    questionsFormat.apply(parsed.parsed, {
      db: env.core.db,
      now,
      today: now.slice(0, 10),
      employeeId,
      fileId: file.id,
      batchId,
      options,
      emit: (event, data) => events.push({ event, data } as PushMessage),
    }),
  );
  return { ...r, problems: [...parsed.parsed.problems, ...r.problems], events };
}

const ingest = (raw: Buffer) => ingestMessage({ db: env.core.db, pool: env.core.pool, clock: env.clock, publish: env.core.bus.publish }, raw, null, env.clock.now().toISOString());

describe('the join with e-mailed questions', () => {
  it('links an imported question to the e-mailed task by e-mail: no new task, one record; re-import changes nothing', async () => {
    const mail = await ingest(questionMail());
    expect(mail.outcome).toBe('task');
    const notes = count('SELECT COUNT(*) AS n FROM notifications');
    // The export spells the same question differently: case, ё, quotes, spaces; another ФИО spelling.
    const r = await importFile(exportXml({ email: 'BUH@Vostok-Trans.example', fio: 'Сидоренко А.В.', text: `  подскажите с какой даты применяется «новая» форма счета-фактуры, и где ее найти в системе ` }));
    expect(r).toMatchObject({ added: 1, skipped: 0, flagged: 0, problems: [] });
    expect(db().prepare('SELECT task_id AS t, client_id AS c, contact_id AS ct FROM chat_questions').all()).toEqual([
      { t: mail.taskId, c: clientId, ct: expect.any(Number) },
    ]);
    expect(count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'question'")).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM notifications')).toBe(notes);

    const again = await importFile(exportXml({ email: 'BUH@Vostok-Trans.example', fio: 'Сидоренко А.В.', text: `  подскажите с какой даты применяется «новая» форма счета-фактуры, и где ее найти в системе ` }));
    expect(again).toMatchObject({ added: 0, skipped: 1, flagged: 0, problems: [] });
    // An overlapping file: the old question again and a new one.
    const overlap = await importFile(exportXml({ text: TEXT }, { text: 'Как продлить доступ?', date: '2026-11-26 15:00:00' }));
    expect(overlap).toMatchObject({ added: 1, skipped: 1 });
    expect(count('SELECT COUNT(*) AS n FROM chat_questions')).toBe(2);
    expect(count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'question'")).toBe(1);
  });

  it('links by ФИО when the e-mails differ', async () => {
    const mail = await ingest(questionMail());
    const r = await importFile(exportXml({ email: 'anna@home.example', fio: 'СИДОРЕНКО  Анна Викторовна' }));
    expect(r.added).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM chat_questions WHERE task_id = ?', mail.taskId)).toBe(1);
  });

  it('does not join another day (Moscow), another asker, another kit or another text', async () => {
    await ingest(questionMail());
    const r = await importFile(
      exportXml(
        // 00:10 Moscow on the 27th is 21:10 UTC on the 26th: still another Moscow day.
        { date: '2026-11-27 00:10:00' },
        { email: 'other@x.example', fio: 'Петров Пётр' },
        { comp: '3', date: '2026-11-26 13:00:00' },
        { text: 'Подскажите, с какой даты применяется новая форма акта?' },
      ),
    );
    expect(r.added).toBe(4);
    expect(count('SELECT COUNT(*) AS n FROM chat_questions WHERE task_id IS NOT NULL')).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'question'")).toBe(1);
  });

  it('joins one e-mailed question with one imported question only', async () => {
    const mail = await ingest(questionMail());
    // The same question from the same kit and day twice in the export, once by another ФИО spelling of the same person.
    await importFile(exportXml({ date: '2026-11-26 13:01:00' }, { date: '2026-11-26 13:05:00', comp: '2', text: `${TEXT} ` }));
    expect(count('SELECT COUNT(*) AS n FROM chat_questions')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM chat_questions WHERE task_id = ?', mail.taskId)).toBe(1);
  });

  it('links an e-mail that arrives after the import to the imported question', async () => {
    const r = await importFile(exportXml({}));
    expect(r.added).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM chat_questions WHERE task_id IS NULL')).toBe(1);
    const mail = await ingest(questionMail({ text: `${TEXT}\n> Ранее вы писали:\n> что-то` }));
    expect(mail.outcome).toBe('task');
    expect(db().prepare('SELECT task_id AS t FROM chat_questions').all()).toEqual([{ t: mail.taskId }]);
    // The imported row is now the task's: the timeline shows the task, not the question twice.
    const events = await env.admin('events.list', { clientId });
    expect(events.filter((e) => e.kind === 'chat_question')).toEqual([]);
    expect(events.filter((e) => e.kind === 'task_created')).toHaveLength(1);
  });
});

describe('questions that matched no e-mail', () => {
  it('are on the client timeline and counted in the report, with no task and no notification', async () => {
    const notes = count('SELECT COUNT(*) AS n FROM notifications');
    const r = await importFile(exportXml({ date: '2026-11-26 13:01:40' }));
    expect(r).toMatchObject({ added: 1, flagged: 0 });
    expect(count('SELECT COUNT(*) AS n FROM tasks')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM notifications')).toBe(notes);
    expect(r.events).toContainEqual({ event: 'client.changed', data: { clientId, by: null } });

    const card = await env.admin('clients.get', { id: clientId });
    const q = card.events.find((e) => e.kind === 'chat_question');
    expect(q).toMatchObject({ at: '2026-11-26T10:01:40.000Z', author: null, data: { systemCode: 'SKJP', distrNumber: 123, comp: 2, question: TEXT, contact: 'Сидоренко Анна Викторовна' } });
    // Entries of both sources are one timeline, newest first.
    const ats = card.events.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(card.events.some((e) => e.kind === 'created')).toBe(true);

    const report = await env.admin('tasks.report', { from: '2026-11-26', to: '2026-11-26' });
    expect(report.importedQuestions).toEqual({ count: 1, withoutClient: 0 });
    expect((await env.admin('tasks.report', { from: '2026-11-27', to: '2026-11-27' })).importedQuestions.count).toBe(0);
    expect((await env.admin('tasks.report', { from: '2026-11-26', to: '2026-11-26', kind: 'lead_demo' })).importedQuestions.count).toBe(0);
    const list = await env.admin('chat.questions.list', { from: '2026-11-26', to: '2026-11-26', unlinked: true });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ kit: { code: 'SKJP_000123_02' }, client: { id: clientId }, task: null, text: TEXT, textCut: false, fileName: 'q.xml' });
  });

  it('become tasks through intake\'s code when the batch asks (routing, notification)', async () => {
    const head = await env.employee('head1', ['head']);
    const r = await importFile(exportXml({}, { distr: '999', text: 'Вопрос с неизвестного комплекта', email: 'nobody@elsewhere.example', fio: 'Иванов Иван' }), { questionTasks: true }, head.id);
    expect(r.added).toBe(2);
    const tasks = db().prepare("SELECT id, client_id AS c, assignee_id AS a, created_by AS by, fields FROM tasks WHERE kind = 'question' ORDER BY id").all() as {
      id: number;
      c: number | null;
      a: number | null;
      by: number | null;
      fields: string;
    }[];
    expect(tasks).toHaveLength(2);
    // The client's СИО gets the first, as for an e-mailed question; the unknown kit's task waits to be linked.
    expect(tasks[0]).toMatchObject({ c: clientId, a: sio.id, by: head.id });
    expect(JSON.parse(tasks[0]!.fields)).toMatchObject({ system: 'SKJP_000123_02', fio: 'Сидоренко Анна Викторовна', question: TEXT });
    expect(tasks[1]!.c).toBeNull();
    expect(count('SELECT COUNT(*) AS n FROM notifications WHERE employee_id = ? AND task_id = ?', sio.id, tasks[0]!.id)).toBe(1);
    expect(r.events.some((e) => e.event === 'notification.new')).toBe(true);
    expect(db().prepare('SELECT task_id AS t FROM chat_questions ORDER BY id').all()).toEqual(tasks.map((t) => ({ t: t.id })));
    // Their tasks carry them on the timeline; re-import makes no second task.
    expect((await env.admin('events.list', { clientId })).filter((e) => e.kind === 'chat_question')).toEqual([]);
    expect((await importFile(exportXml({}), { questionTasks: true }, head.id)).skipped).toBe(1);
    expect(count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'question'")).toBe(2);
    // The e-mail of the same question, arriving later, becomes that task's message instead of a second task.
    const mail = await ingest(questionMail({ fio: 'сидоренко анна викторовна' }));
    expect(mail).toMatchObject({ outcome: 'duplicate_request', taskId: tasks[0]!.id });
    expect(count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'question'")).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM tasks WHERE id = ? AND message_id = ?', tasks[0]!.id, mail.messageRowId)).toBe(1);
    expect((await env.admin('tasks.get', { id: tasks[0]!.id })).message?.id).toBe(mail.messageRowId);
    // A second e-mail of it is a task of its own: the task has its e-mail already.
    expect((await ingest(questionMail())).outcome).toBe('task');
  });

  it('keeps an unknown system number and an unknown kit with a flag, reported per record', async () => {
    const r = await importFile(exportXml({ sys: '77', text: 'Вопрос А' }, { distr: '999', text: 'Вопрос Б' }, { sys: '2', distr: '5', comp: '', text: 'Вопрос В' }));
    expect(r).toMatchObject({ added: 3, flagged: 3, skipped: 0 });
    expect(r.problems).toEqual([
      { record: 1, code: 'unknown_system_number', detail: '77' },
      { record: 2, code: 'unknown_kit', detail: 'SKJP_000999_02' },
      { record: 3, code: 'unknown_kit', detail: 'BUHS_000005' },
    ]);
    const rows = db().prepare('SELECT system_number AS s, client_id AS c, flags FROM chat_questions ORDER BY id').all();
    expect(rows).toEqual([
      { s: 77, c: null, flags: '["unknown_system_number"]' },
      { s: 1, c: null, flags: '["unknown_kit"]' },
      { s: 2, c: null, flags: '["unknown_kit"]' },
    ]);
    const list = await env.admin('chat.questions.list', { from: '2026-11-01', to: '2026-11-30', withoutClient: true });
    // Newest first: the three were asked at the same minute, so the last stored comes first.
    expect(list.items.map((i) => [i.kit.code, i.flags])).toEqual([
      ['BUHS_000005', ['unknown_kit']],
      ['SKJP_000999_02', ['unknown_kit']],
      [null, ['unknown_system_number']],
    ]);
    expect((await env.admin('tasks.report', { from: '2026-11-26', to: '2026-11-26' })).importedQuestions).toEqual({ count: 3, withoutClient: 3 });
    // An e-mail of the unknown system (number form) still joins.
    const mail = await ingest(questionMail({ kit: '77_000123_02', text: 'Вопрос А' }));
    expect(count('SELECT COUNT(*) AS n FROM chat_questions WHERE task_id = ?', mail.taskId)).toBe(1);
  });

  it('attaches questions of an unknown kit once the kit is added to a client', async () => {
    await importFile(exportXml({ distr: '999', text: 'Вопрос Б', email: 'petrov@other.example', fio: 'Петров Пётр' }));
    expect(db().prepare('SELECT client_id AS c, flags FROM chat_questions').get()).toEqual({ c: null, flags: '["unknown_kit"]' });
    const other = (await env.admin('clients.create', { name: 'ООО «Другой»' })).id;
    await env.admin('contacts.save', { clientId: other, fullName: 'Петров Пётр', emails: [{ email: 'petrov@other.example' }] });
    const d = await env.admin('distributions.save', { clientId: other, systemCode: 'SKJP', distrNumber: 999, comp: 2 });
    expect(db().prepare('SELECT client_id AS c, distribution_id AS d, contact_id IS NOT NULL AS ct, flags FROM chat_questions').get()).toEqual({ c: other, d: d.id, ct: 1, flags: '[]' });
    expect((await env.admin('events.list', { clientId: other })).filter((e) => e.kind === 'chat_question')).toHaveLength(1);
  });

  it('lists for heads and administrators only', async () => {
    const staff = await env.employee('sales1', ['sales']);
    expect(await env.core.call('chat.questions.list', { from: '2026-11-01', to: '2026-11-30' }, staff.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.core.call('chat.questions.list', { from: '2026-11-30', to: '2026-11-01' }, env.adminToken)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('«Задать вопрос» in the НСС figures (ЛК)', () => {
  const lk = () => db().prepare('SELECT month, lk FROM nss_client_months WHERE client_id = ? AND lk > 0 ORDER BY month').all(clientId) as { month: string; lk: number }[];
  beforeEach(async () => {
    const kit = db().prepare('SELECT id FROM distributions WHERE client_id = ?').get(clientId) as { id: number };
    await env.admin('distributions.setScheme', { id: kit.id, scheme: 'nss', effectiveFrom: '2026-01-01' });
  });

  it('a question imported with a task made for it counts once, in the month it was asked', async () => {
    const head = await env.employee('head1', ['head']);
    expect((await importFile(exportXml({ date: '2026-10-15 10:00:00' }), { questionTasks: true }, head.id)).added).toBe(1);
    expect(db().prepare("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'question'").get()).toEqual({ n: 1 });
    expect(lk()).toEqual([{ month: '2026-10', lk: 1 }]);
  });

  it('a question of an unknown kit, its task linked to the client later, counts for that client', async () => {
    const head = await env.employee('head1', ['head']);
    await importFile(exportXml({ distr: '999', text: 'Вопрос с неизвестного комплекта', email: 'nobody@elsewhere.example', fio: 'Иванов Иван' }), { questionTasks: true }, head.id);
    expect(lk()).toEqual([]);
    const task = db().prepare("SELECT id FROM tasks WHERE kind = 'question' AND client_id IS NULL").get() as { id: number };
    await env.admin('tasks.linkClient', { id: task.id, clientId });
    expect(lk()).toEqual([{ month: '2026-11', lk: 1 }]);
  });
});
