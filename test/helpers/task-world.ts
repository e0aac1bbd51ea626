// Test data for access by task visibility: a task some employees may see and others may not, its message, a repeat and a queued message.
import { ingestMessage } from '../../src-main/features/mail/intake';
import { buildMail, forwardAsAttachment, leadText } from '../mail/build';
import type { Role } from '../../src-shared/roles';
import type { TestEnv } from './core';

export interface Person {
  id: number;
  token: string;
}

export interface TaskWorld {
  clientId: number;
  taskId: number;
  /** The message the task was made from, a repeat of the same request, and an unrecognised one in the queue. */
  messageId: number;
  repeatId: number;
  queuedMessageId: number;
  /** The assignee (СИО of the client), a colleague of the task's direction, an administrator-less head. */
  sio: Person;
  sales: Person;
  head: Person;
  /** Staff who may not see the task: a personal manager of another direction, a chat operator, a caller. */
  pm: Person;
  chat: Person;
  caller: Person;
}

export async function taskWorld(env: TestEnv): Promise<TaskWorld> {
  const refs = await env.admin('refs.get', {});
  const dir = Object.fromEntries(refs.directions.map((d) => [d.code, d.id]));
  const add = async (login: string, roles: Role[], directionIds: number[] = []): Promise<Person> => {
    const { id } = await env.admin('employees.save', { login, fullName: `Сотрудник ${login}`, roles, directionIds, password: 'password-123' });
    const { token } = await env.as('', 'auth.login', { login, password: 'password-123' });
    return { id, token };
  };
  const sio = await add('sio1', ['sio'], [dir.service!]);
  const sales = await add('sales1', ['sales'], [dir.sales!]);
  const head = await add('head1', ['head']);
  const pm = await add('pm1', ['pm'], [dir.hotline!]);
  const chat = await add('chat1', ['chat']);
  const caller = await add('caller1', ['caller']);
  const { id: clientId } = await env.admin('clients.create', { name: 'ООО «Ромашка»', inn: '7707083893', sioId: sio.id });

  const deps = { db: env.core.db, clock: env.clock, pool: env.core.pool, publish: env.core.bus.publish };
  const ingest = (raw: Buffer) => ingestMessage(deps, raw, null, env.clock.now().toISOString());
  const lead = buildMail({
    subject: 'Заявка № 700001: прайс-лист',
    text: leadText({ typeText: 'Прайс-лист', number: '700001', fields: [['Тип заявки', 'Прайс-лист'], ['ИНН', '7707083893'], ['E-mail', 'buh@romashka.example']] }),
  });
  if ((await ingest(lead)).outcome !== 'task') throw new Error('the lead did not make a task');
  if ((await ingest(forwardAsAttachment(lead, 'Fwd: повторно'))).outcome !== 'duplicate_request') throw new Error('no repeat');
  if ((await ingest(buildMail({ subject: 'Счёт на оплату', text: 'Добрый день, счёт во вложении.' }))).outcome !== 'queued') throw new Error('not queued');

  const sql = env.core.db.$client;
  const task = sql.prepare('SELECT id, message_id AS messageId, assignee_id AS assigneeId FROM tasks').get() as { id: number; messageId: number; assigneeId: number };
  if (task.assigneeId !== sio.id) throw new Error('the task should go to the client’s СИО');
  const repeat = sql.prepare("SELECT id FROM mail_messages WHERE parse_status = 'duplicate_request'").get() as { id: number };
  const queued = sql.prepare('SELECT message_id AS id FROM mail_queue').get() as { id: number };
  return { clientId, taskId: task.id, messageId: task.messageId, repeatId: repeat.id, queuedMessageId: queued.id, sio, sales, head, pm, chat, caller };
}
