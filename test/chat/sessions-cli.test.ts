// CLI `chat sessions --json`: every imported session with its client or null, streamed as one JSON array.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';
import { chatExport, importChat } from './helpers';

let env: TestEnv | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});
const ROOT = path.resolve(import.meta.dirname, '../..');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('cli chat sessions', { timeout: 180_000 }, () => {
  it('lists sessions with their client or null', async () => {
    const db = tempDbPath();
    env = await testEnv({ dbPath: db });
    await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
    const c = await env.admin('clients.create', { name: 'ООО Восток' });
    await env.admin('distributions.save', { clientId: c.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
    const core = env.core;
    importChat(core.db, chatExport([{ sys: 1, distr: 123, comp: 2, start: '2026-11-02 10:00:00' }, { sys: 9, distr: 5, start: '2026-11-03 10:00:00', personal: 'Ким' }]));
    await env.close();
    env = null;
    const r = await cli('chat', 'sessions', '--json', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { kit: string; client: { id: number; name: string } | null; flags: string[]; personal: string | null }[];
    expect(rows.map((x) => [x.kit, x.client, x.flags])).toEqual([
      ['1_000123_02', { id: c.id, name: 'ООО Восток' }, []],
      ['9_000005', null, ['unknown_system_number']],
    ]);
    expect((await cli('chat', 'nope', '--db', db)).code).toBe(2);
    const empty = await cli('chat', 'sessions', '--json', '--unlinked', '--db', db);
    expect(JSON.parse(empty.stdout)).toHaveLength(1);
  });
});
