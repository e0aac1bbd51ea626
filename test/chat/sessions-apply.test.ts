// Applying chat exports on a real SQLite file: idempotent re-import and overlap, unknown systems and kits, contacts and operators.
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { stmt } from '../../src-main/db/stmt';
import { chatExport, importChat } from './helpers';

let env: TestEnv;
afterEach(() => env?.close());

async function base() {
  env = await testEnv();
  await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
  await env.admin('systems.save', { code: 'BUHS', name: 'Бухгалтер', number: 7 });
  const client = await env.admin('clients.create', { name: 'ООО Восток-Транс', inn: '7707083893' });
  await env.admin('distributions.save', { clientId: client.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
  const anna = await env.admin('contacts.save', { clientId: client.id, fullName: 'Сидоренко Анна Викторовна', emails: [{ email: 'buh@vostok-trans.example' }] });
  const petr = await env.admin('contacts.save', { clientId: client.id, fullName: 'Семёнов Пётр', phones: [{ raw: '+7 (423) 240-10-10' }] });
  const fedor = await env.admin('contacts.save', { clientId: client.id, fullName: 'Фёдоров Фёдор Ильич' });
  return { clientId: client.id, anna: anna.id, petr: petr.id, fedor: fedor.id };
}

type Row = { id: number; client_id: number | null; contact_id: number | null; distribution_id: number | null; employee_id: number | null; flags: string; duration_sec: number | null; personal: string | null; distr_number: number };
const rows = () => stmt(env.core.db, 'SELECT * FROM chat_sessions ORDER BY start_at, id').all() as Row[];

describe('chat sessions apply', () => {
  it('links to the distribution, its client and the contact by e-mail, phone or ФИО; re-import adds nothing', async () => {
    const b = await base();
    const xml = chatExport([
      { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:05', finish: '2026-11-02 10:12:40', fio: 'Кто-то', email: 'BUH@vostok-trans.example', personal: 'Ким Ольга' },
      { sys: 1, distr: 123, comp: 2, start: '2026-11-02 11:00:00', finish: '2026-11-02 11:01:00', phone: '8 423 240 10 10', personal: 'Ким Ольга' },
      { sys: 1, distr: 123, comp: 2, start: '2026-11-02 12:00:00', fio: 'федоров  ФЕДОР ильич' },
      { sys: 1, distr: 123, comp: 2, start: '2026-11-02 13:00:00', fio: 'Неизвестный' },
    ]);
    const first = importChat(env.core.db, xml);
    expect(first).toEqual({ added: 4, skipped: 0, flagged: 0, problems: [] });
    const r = rows();
    expect(r.map((x) => x.client_id)).toEqual([b.clientId, b.clientId, b.clientId, b.clientId]);
    expect(r.every((x) => x.distribution_id != null)).toBe(true);
    expect(r.map((x) => x.contact_id)).toEqual([b.anna, b.petr, b.fedor, null]);
    expect(r[0]!.duration_sec).toBe(755);
    expect(importChat(env.core.db, xml)).toEqual({ added: 0, skipped: 4, flagged: 0, problems: [] });
    expect(rows()).toHaveLength(4);
  });

  it('an overlapping file adds only its new sessions', async () => {
    await base();
    const a = { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00' };
    const b2 = { sys: 1, distr: 123, comp: 2, start: '2026-11-03 10:00:00' };
    const c = { sys: 1, distr: 123, comp: 2, start: '2026-11-04 10:00:00' };
    expect(importChat(env.core.db, chatExport([a, b2]))).toMatchObject({ added: 2, skipped: 0 });
    expect(importChat(env.core.db, chatExport([b2, c]))).toMatchObject({ added: 1, skipped: 1 });
    expect(rows()).toHaveLength(3);
  });

  it('completes a session first exported while it still ran, and leaves a finished one as it was', async () => {
    await base();
    const running = { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00' };
    const ended = { ...running, finish: '2026-11-02 10:05:00' };
    importChat(env.core.db, chatExport([running]));
    expect(rows()[0]!.duration_sec).toBeNull();
    importChat(env.core.db, chatExport([ended]));
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.duration_sec).toBe(300);
    expect(importChat(env.core.db, chatExport([{ ...running, finish: '2026-11-02 10:09:00' }]))).toMatchObject({ added: 0, skipped: 1 });
    expect(rows()[0]!.duration_sec).toBe(300);
  });

  it('keeps an unknown system number with a flag and reports it per record, never dropped', async () => {
    await base();
    const res = importChat(env.core.db, chatExport([{ sys: 99, distr: 5, start: '2026-11-02 10:00:00' }, { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00' }]));
    expect(res.added).toBe(2);
    expect(res.flagged).toBe(1);
    expect(res.problems).toEqual([
      { record: 1, code: 'unknown_system_number', detail: '99' },
      { record: 1, code: 'unknown_kit', detail: '99_000005' },
    ]);
    const unknown = rows().find((x) => x.distr_number === 5)!;
    expect(JSON.parse(unknown.flags)).toEqual(['unknown_system_number']);
    expect(unknown.client_id).toBeNull();
  });

  it('bad records are listed and skipped while the good ones of the file land', async () => {
    await base();
    const res = importChat(
      env.core.db,
      chatExport([
        { sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00', finish: '2026-11-02 09:00:00' },
        { sys: '', distr: '', start: '2026-11-02 10:00:00' },
        { sys: 1, distr: 123, comp: 2, start: '2026-11-05 10:00:00' },
      ]),
    );
    expect(res.added).toBe(1);
    expect(res.problems).toEqual([
      { record: 1, code: 'finish_before_start' },
      { record: 2, code: 'empty_kit' },
    ]);
  });

  it('remembers operator names: unmapped ones are listed, a mapped one fills employee_id', async () => {
    await base();
    importChat(env.core.db, chatExport([{ sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00', personal: 'Ким Ольга' }]));
    expect(stmt(env.core.db, 'SELECT * FROM chat_operators').all()).toEqual([{ personal: 'Ким Ольга', employee_id: null }]);
    const kim = await env.employee('kim', ['chat']);
    stmt(env.core.db, 'UPDATE chat_operators SET employee_id = ? WHERE personal = ?').run(kim.id, 'Ким Ольга');
    importChat(env.core.db, chatExport([{ sys: 1, distr: 123, comp: 2, start: '2026-11-03 10:00:00', personal: 'Ким Ольга' }]));
    expect(rows().map((x) => x.employee_id)).toEqual([null, kim.id]);
  });
});
