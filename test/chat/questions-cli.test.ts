// «Задать вопрос» exports through the import mechanism (CLI `import --json`): detected by content, applied, the same file again a duplicate.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});
const ROOT = path.resolve(import.meta.dirname, '../..');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('cli import of a question export', { timeout: 240_000 }, () => {
  it('applies it once, lists unknown systems per record, and refuses the same bytes again as a duplicate', async () => {
    const db = tempDbPath();
    env = await testEnv({ dbPath: db });
    await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
    const c = await env.admin('clients.create', { name: 'ООО Восток' });
    await env.admin('distributions.save', { clientId: c.id, systemCode: 'SKJP', distrNumber: 123, comp: 2 });
    await env.close();
    env = null;
    const file = path.join(path.dirname(db), 'export.bin');
    fs.writeFileSync(
      file,
      `<?xml version="1.0" encoding="utf-8"?>\n<root>\n<quest sys="1" distr="123" comp="2" date="2026-11-26 13:01:40"><fio>Сидоренко Анна</fio><email>a@x.ru</email><phone/><text>Где форма?</text></quest>\n` +
        `<quest sys="9_000005" date="2026-11-26 14:00:00"><text>Вопрос</text></quest>\n<quest sys="1" distr="7" date="вчера"><text>x</text></quest>\n</root>\n`,
    );
    const first = await cli('import', '--json', '--db', db, file);
    expect(first.code, first.stderr).toBe(0);
    const [r] = JSON.parse(first.stdout) as { kind: string; status: string; added: number; skipped: number; problems: { record: number | null; code: string; detail?: string }[] }[];
    // The record with an unreadable date is refused: the mechanism counts it as skipped.
    expect(r).toMatchObject({ kind: 'chat.questions', status: 'applied', added: 2, skipped: 1 });
    expect(r!.problems).toEqual(
      expect.arrayContaining([
        { record: 2, code: 'unknown_system_number', detail: '9' },
        { record: 3, code: 'bad_date', detail: 'вчера' },
      ]),
    );
    const again = await cli('import', '--json', '--db', db, file);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { status: string; added: number }[])[0]).toMatchObject({ status: 'duplicate', added: 0 });
  });
});
