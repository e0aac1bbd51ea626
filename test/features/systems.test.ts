// The K+ systems catalogue through the API: roles, unique number and code, codes in use, distributions limited to it, the migration's seed.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';
import { openDbAt } from '../helpers/old-db';

let env: TestEnv;
afterEach(() => env?.close());

const failure = async (p: Promise<{ ok: boolean; error?: unknown }>) => {
  const r = await p;
  expect(r.ok).toBe(false);
  return (r as { error: { code: string; issues?: { path: string; reason: string; ref?: unknown }[] } }).error;
};

describe('systems catalogue', () => {
  it('is read by everyone signed in and edited only by an administrator', async () => {
    env = await testEnv();
    const { id } = await env.admin('systems.save', { code: 'skjp', name: 'Юрист', number: 1 });
    const chat = await env.employee('chat1', ['chat']);
    const head = await env.employee('head1', ['head']);
    expect(await env.as(chat.token, 'systems.list', {})).toEqual([{ id, code: 'SKJP', name: 'Юрист', number: 1, active: true, distributions: 0 }]);
    expect((await env.as(chat.token, 'refs.get', {})).systems).toEqual([{ id, code: 'SKJP', name: 'Юрист', number: 1, active: true }]);
    expect((await failure(env.core.call('systems.save', { code: 'BUHS', name: 'Бухгалтер' }, head.token))).code).toBe('FORBIDDEN');
    expect((await failure(env.core.call('systems.delete', { id }, head.token))).code).toBe('FORBIDDEN');
    expect((await failure(env.core.call('systems.list', {}, null))).code).toBe('UNAUTHORIZED');
  });

  it('keeps numbers and codes unique, names required, and changes nothing on a refusal', async () => {
    env = await testEnv();
    const skjp = await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
    await env.admin('systems.save', { code: 'ROS', name: 'Версия Проф' });
    await env.admin('systems.save', { code: 'LAW', name: 'Судебная практика' }); // two systems without a number are fine
    const call = (input: Record<string, unknown>) => failure(env.core.call('systems.save', input, env.adminToken));
    expect(await call({ code: 'BUHS', name: 'Бухгалтер', number: 1 })).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'number', reason: 'system_number_taken', ref: { id: skjp.id, name: 'SKJP' } }] });
    expect(await call({ code: 'ros', name: 'Ещё одна' })).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'code', reason: 'system_code_taken' }] });
    expect(await call({ code: 'С-КЖП', name: 'x' })).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'code', reason: 'system_code' }] });
    expect(await call({ code: 'BUHS', name: '  ' })).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'name', reason: 'required' }] });
    expect(await call({ code: 'BUHS', name: 'Бухгалтер', number: 0 })).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'number' }] });
    expect((await env.admin('systems.list', {})).map((s) => s.code)).toEqual(['LAW', 'ROS', 'SKJP']);
  });

  it('gives distributions only catalogued systems, keeps a code in use and an inactive system on its kits', async () => {
    env = await testEnv();
    const skjp = await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
    const old = await env.admin('systems.save', { code: 'OLDS', name: 'Снятая с продажи' });
    const { id: clientId } = await env.admin('clients.create', { name: 'ООО «Ромашка»' });
    const save = (input: Record<string, unknown>) => env.core.call('distributions.save', { clientId, distrNumber: 123, ...input }, env.adminToken);
    expect(await failure(save({ systemCode: 'BUHS' }))).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'systemCode', reason: 'unknown_system' }] });
    const { id: oldKit } = await env.admin('distributions.save', { clientId, systemCode: 'OLDS', distrNumber: 5 });
    await env.admin('systems.save', { id: old.id, code: 'OLDS', name: 'Снятая с продажи', active: false });
    expect(await failure(save({ systemCode: 'OLDS', distrNumber: 6 }))).toMatchObject({ issues: [{ path: 'systemCode', reason: 'inactive_system' }] });
    // The kit that has it keeps it when edited.
    await env.admin('distributions.save', { id: oldKit, clientId, systemCode: 'OLDS', distrNumber: 5, address: 'ул. Светланская, 1' });
    await env.admin('distributions.save', { clientId, systemCode: 'skjp', distrNumber: 123 });
    expect(await failure(env.core.call('systems.save', { id: skjp.id, code: 'SKJJ', name: 'Юрист', number: 1 }, env.adminToken))).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'code', reason: 'system_in_use' }],
    });
    expect(await failure(env.core.call('systems.delete', { id: skjp.id }, env.adminToken))).toMatchObject({ code: 'CONFLICT', issues: [{ reason: 'system_in_use' }] });
    // The number and the name change freely; the card shows the name.
    await env.admin('systems.save', { id: skjp.id, code: 'SKJP', name: 'КонсультантПлюс: Юрист', number: 7 });
    const card = await env.admin('clients.get', { id: clientId });
    expect(card.distributions.map((d) => [d.code, d.systemName])).toEqual([
      ['OLDS_000005', 'Снятая с продажи'],
      ['SKJP_000123', 'КонсультантПлюс: Юрист'],
    ]);
    expect((await env.admin('systems.list', {})).map((s) => [s.code, s.distributions])).toEqual([
      ['OLDS', 1],
      ['SKJP', 1],
    ]);
    const unused = await env.admin('systems.save', { code: 'TEMP', name: 'Опечатка' });
    await env.admin('systems.delete', { id: unused.id });
    expect((await env.admin('systems.list', {})).map((s) => s.code)).not.toContain('TEMP');
  });

  it('starts in an upgraded base with the systems its distributions use, without names or numbers', async () => {
    const file = tempDbPath();
    const old = openDbAt(file, '0006_documents_defaults');
    const now = '2026-01-01T00:00:00.000Z';
    const c = old.$client.prepare("INSERT INTO clients (name, name_lc, status, created_at, updated_at) VALUES ('А', 'а', 'active', ?, ?)").run(now, now).lastInsertRowid;
    const d = old.$client.prepare('INSERT INTO distributions (client_id, system_code, distr_number, comp, created_at) VALUES (?, ?, ?, 1, ?)');
    for (const [code, n] of [['SKJP', 1], ['SKJP', 2], ['BUHS', 3], ['ROS', 4]] as const) d.run(c, code, n, now);
    old.$client.close();
    env = await testEnv({ dbPath: file });
    expect(await env.admin('systems.list', {})).toEqual([
      expect.objectContaining({ code: 'BUHS', name: null, number: null, active: true, distributions: 1 }),
      expect.objectContaining({ code: 'ROS', name: null, number: null, distributions: 1 }),
      expect.objectContaining({ code: 'SKJP', name: null, number: null, distributions: 2 }),
    ]);
  });
});
