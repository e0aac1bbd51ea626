// The card, the list filter and housekeeping over files imported by the real USR intake (not SQL rows): the two halves agree.
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { usrBytes, updateDates, type GenUsr } from '../helpers/usr-gen';
import { importUsr } from '../usr/helpers';
import { storedPath } from '../../src-main/features/imports/store';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv(); // today 2026-11-27
  await addSystems(env.admin);
});
afterEach(() => env.close());

const gen = (distr: number, last: string, fileDate?: string): GenUsr => ({
  kits: [{ code: 'SKJP', number: 1, distr }],
  banks: [
    { code: 'LAW', name: 'Законодательство', updates: updateDates(last, 5), docs: 100 },
    { code: 'ARB', name: 'Арбитраж', updates: updateDates(last, 3, 14), docs: 50 },
  ],
  fileDate,
});

it('shows imported files on the card, filters by them, and housekeeps them', async () => {
  const clientId = (await env.admin('clients.create', { name: 'ООО Импорт' })).id;
  const { id: distributionId } = await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 3131 });
  const old = usrBytes(gen(3131, '2021-05-10'));
  const results = await importUsr(env, [
    { name: 'CONS#1_old.usr', bytes: old },
    { name: 'CONS#1_mid.usr', bytes: usrBytes(gen(3131, '2026-11-01')) },
  ]);
  expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);

  const card = await env.admin('usr.card', { clientId });
  const d = card.distributions.find((x) => x.distributionId === distributionId)!;
  expect(d).toMatchObject({ hasFiles: true, fileCount: 2, lastUpdate: '2026-11-01', ageDays: 26, stale: true });
  expect(d.lastFile?.name).toBe('CONS#1_mid.usr');
  expect(d.banks.map((b) => [b.code, b.name, b.lastUpdate, b.docs])).toEqual([
    // The generator counts documents up by one per update: the newest update's count.
    ['ARB', 'Арбитраж', '2026-11-01', 52],
    ['LAW', 'Законодательство', '2026-11-01', 104],
  ]);
  const names = async (f: Record<string, unknown>) => (await env.admin('clients.search', { filters: f as never })).items.map((i) => i.name);
  expect(await names({ usr: 'stale' })).toEqual(['ООО Импорт']);
  expect(await names({ usr: 'none' })).toEqual([]);

  // A fresh file clears the warning and the filter.
  await importUsr(env, [{ name: 'CONS#1_new.usr', bytes: usrBytes(gen(3131, '2026-11-25')) }]);
  expect((await env.admin('usr.card', { clientId })).distributions[0]).toMatchObject({ lastUpdate: '2026-11-25', stale: false, fileCount: 3 });
  expect(await names({ usr: 'stale' })).toEqual([]);

  // Retention of 3 years removes the 2021 file only; its bytes again are still a duplicate.
  await env.admin('usr.settings.save', { staleDays: 14, retentionYears: 3 });
  const plan = await env.admin('usr.housekeeping.plan', {});
  expect(plan.items.map((i) => i.name)).toEqual(['CONS#1_old.usr']);
  const sha = (env.core.db.$client.prepare("SELECT i.sha256 FROM usr_files f JOIN import_files i ON i.id = f.file_id WHERE f.name = 'CONS#1_old.usr'").get() as { sha256: string }).sha256;
  expect(await env.admin('usr.housekeeping.run', { expected: 1 })).toMatchObject({ purged: 1 });
  expect(fs.existsSync(storedPath(env.core.db, sha)!)).toBe(false);
  const again = await importUsr(env, [{ name: 'CONS#1_old_copy.usr', bytes: old }]);
  expect(again.map((r) => r.status)).toEqual(['duplicate']);
  expect((await env.admin('usr.card', { clientId })).distributions[0]!.files.find((f) => f.name === 'CONS#1_old.usr')?.purged).toBe(true);
});
