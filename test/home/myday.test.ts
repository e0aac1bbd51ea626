// Integration tests of `home.myDay`: each employee gets only own documents and readiness; the department only for heads.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { seedDocClient } from '../documents/fixtures';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

it('an employee sees the documents their own clients owe, overdue first, and no department; a head sees the load per employee', async () => {
  const sio = await env.employee('sio1', ['sio']);
  const other = await env.employee('sio2', ['sio']);
  const head = await env.employee('head1', ['head']);
  const mine = await seedDocClient(env, { sioId: sio.id });
  const theirs = await seedDocClient(env, { sioId: other.id });
  const mk = async (clientId: number, date: string) => (await env.admin('documents.create', { type: 'contract', clientId, date, amountKop: 100 })).number;
  const awaited = await mk(mine.clientId, '2026-11-27');
  const overdue = await mk(mine.clientId, '2026-10-03');
  const foreign = await mk(theirs.clientId, '2026-10-01');

  const day = await env.as(sio.token, 'home.myDay', {});
  expect(day.documents.map((d) => [d.number, d.daysOverdue])).toEqual([
    [overdue, 45],
    [awaited, 0],
  ]);
  expect(day.documents.map((d) => d.number)).not.toContain(foreign);
  expect(day.department).toBeNull();

  const view = await env.as(head.token, 'home.myDay', {});
  expect(view.documents).toEqual([]);
  const load = new Map(view.department!.employees.map((e) => [e.employee.id, e]));
  expect(load.get(sio.id)).toMatchObject({ clients: 1, overdueDocuments: 1, openTasks: 0 });
  expect(load.get(other.id)).toMatchObject({ clients: 1, overdueDocuments: 1 });
  expect(load.get(head.id)?.roles).toEqual(['head']);
});
