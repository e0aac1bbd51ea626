// `npm run cli -- hotline --db F`: today's hotline.txt on stdout, left-out kits on stderr, a date on demand, usage errors.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core';

const ROOT = path.resolve(__dirname, '../..');
let db: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-hotline-')), 'crm.db');
  const core = createCore({ dbPath: db, log: () => undefined });
  try {
    const call = async (method: string, input: unknown, token: string | null) => {
      const r = await core.call(method, input, token);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.data as Record<string, unknown>;
    };
    const { token } = (await call('auth.setup', { login: 'admin', fullName: 'Администратор', password: 'admin-password' }, null)) as { token: string };
    await call('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 }, token);
    await call('systems.save', { code: 'BUHS', name: 'Бухгалтер', number: 4 }, token);
    await call('systems.save', { code: 'NONUM', name: 'Без номера' }, token);
    const { id: clientId } = await call('clients.create', { name: 'ООО «Ромашка»' }, token);
    const kit = (systemCode: string, distrNumber: number, comp: number, chatFrom: string) =>
      call('distributions.save', { clientId, systemCode, distrNumber, comp, chatEnabled: true, chatFrom }, token);
    await kit('BUHS', 77, 1, '2020-01-01');
    await kit('SKJP', 123, 2, '2020-01-01');
    await kit('SKJP', 5, 1, '2099-01-01'); // planned: not today
    await kit('NONUM', 9, 1, '2020-01-01');
  } finally {
    await core.close();
  }
}, 60_000);

describe('cli hotline', () => {
  it('prints today’s file and lists the kits it leaves out', async () => {
    const r = await cli('hotline', '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1_000123_02, 4_000077\n');
    expect(r.stderr).toContain('system NONUM has no number in the systems catalogue: 1 kit(s) left out (NONUM_000009)');
  }, 120_000);

  it('prints the set on a date, and refuses a bad date or a missing database', async () => {
    expect((await cli('hotline', '--db', db, '--date', '2099-01-01')).stdout).toBe('1_000005, 1_000123_02, 4_000077\n');
    const bad = await cli('hotline', '--db', db, '--date', '31.12.2019');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date must be a date');
    expect((await cli('hotline', '--db', path.join(path.dirname(db), 'none.db'))).code).toBe(1);
  }, 120_000);
});
