// Heavy work through the API on the worker pool: within budget it answers as before; over budget it answers BAD_INPUT too_heavy and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { seedContractSet, seedDocClient } from '../documents/fixtures';

let env: TestEnv;
afterEach(() => env?.close());

const printDir = () => path.join(path.dirname(env.core.db.$client.name), 'print');
const files = () => (fs.existsSync(printDir()) ? fs.readdirSync(printDir(), { recursive: true }).filter((f) => String(f).includes('.')) : []);

describe('work over the pool’s budgets', () => {
  it('answers BAD_INPUT too_heavy for print and both exports, writing no file', async () => {
    // Budgets far below any real input: every kind refuses before a thread is asked.
    const tiny = { maxInputBytes: 16 };
    env = await testEnv({ pool: { limits: { 'print.render': tiny, 'reports.returnsExport': tiny, 'tasks.reportXlsx': tiny } } });
    const c = await seedDocClient(env);
    const { contract } = await seedContractSet(env, c);
    const tooHeavy = { ok: false, error: { code: 'BAD_INPUT', issues: [{ path: '', reason: 'too_heavy' }] } };
    const calls: [string, unknown][] = [
      ['print.render', { documentIds: [contract.id], together: true, includeSpecifications: true }],
      ['print.clientCard', { clientId: c.clientId }],
      ['reports.documentReturnsXlsx', { from: '2026-01-01', to: '2027-12-31' }],
      ['reports.documentReturnsPdf', { from: '2026-01-01', to: '2027-12-31' }],
      ['tasks.reportXlsx', { from: '2026-11-01', to: '2026-11-30' }],
    ];
    for (const [method, input] of calls) expect(await env.core.call(method, input, env.adminToken), method).toMatchObject(tooHeavy);
    expect(files()).toEqual([]);
    expect(env.core.pool.threads).toBe(0);
  });

  it('runs within budget on a pool thread, whose thread ends with the core', async () => {
    env = await testEnv();
    const c = await seedDocClient(env);
    const { contract } = await seedContractSet(env, c);
    expect(env.core.pool.threads).toBe(0);
    const r = await env.admin('print.render', { documentIds: [contract.id], together: true, includeSpecifications: true });
    expect(fs.readFileSync(r.files[0]!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(env.core.pool.threads).toBe(1);
    await env.close();
    expect(env.core.pool.threads).toBe(0);
  });
});
