// hotline.txt and the chat-on history on real SQLite: the format (order, padding, comp), left-out kits, dates, the job's writes, roles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { buildHotline, hotlineState } from '../../src-main/features/chat/hotline.repo';
import { formatHotline, parseHotline } from '../../src-main/features/chat/hotline.format';
import { systemCatalog } from '../../src-shared/systems';
import { startHotlineJob, type HotlineJob } from '../../src-main/jobs/hotline.job';

let env: TestEnv;
let job: HotlineJob | null = null;
afterEach(async () => {
  job?.stop();
  job = null;
  await env?.close();
});

const TODAY = '2026-11-27'; // the test clock: 27.11.2026 12:00 in Moscow
const TOMORROW = '2026-11-28';

async function setup(): Promise<{ clientId: number; kit: (systemCode: string, distrNumber: number, comp?: number, chat?: boolean) => Promise<number> }> {
  env = await testEnv();
  await env.admin('systems.save', { code: 'SKJP', name: 'Юрист', number: 1 });
  await env.admin('systems.save', { code: 'BUHS', name: 'Бухгалтер', number: 12 });
  await env.admin('systems.save', { code: 'ROS', name: 'Версия Проф', number: 3 });
  await env.admin('systems.save', { code: 'NONUM', name: 'Без номера' });
  const { id: clientId } = await env.admin('clients.create', { name: 'ООО «Ромашка»' });
  const kit = async (systemCode: string, distrNumber: number, comp = 1, chat = true) =>
    (await env.admin('distributions.save', { clientId, systemCode, distrNumber, comp, chatEnabled: chat, chatFrom: '2026-01-01' })).id;
  return { clientId, kit };
}

const tmpFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-'));

describe('hotline.txt format', () => {
  it('orders by system number, distribution and computer; pads to 6 and 2 digits; names the computer only when not 1', async () => {
    const { kit } = await setup();
    await kit('BUHS', 5);
    await kit('SKJP', 123, 2);
    await kit('SKJP', 123);
    await kit('SKJP', 45);
    await kit('ROS', 1_234_567, 11);
    await kit('SKJP', 999, 1, false); // chat off: not listed
    expect(buildHotline(env.core.db, TODAY).text).toBe('1_000045, 1_000123, 1_000123_02, 3_1234567_11, 12_000005');
  });

  it('leaves out a kit whose system has no number, with a warning per system', async () => {
    const { kit } = await setup();
    await kit('SKJP', 7);
    await kit('NONUM', 8);
    await kit('NONUM', 9, 3);
    const f = buildHotline(env.core.db, TODAY);
    expect(f.text).toBe('1_000007');
    expect(f.warnings).toEqual([{ problem: 'system_without_number', systemCode: 'NONUM', count: 2, kits: ['NONUM_000008', 'NONUM_000009_03'] }]);
  });

  it('sorts input that comes unsorted and reports a code missing from the catalogue', () => {
    const cat = systemCatalog([
      { id: 1, number: 2, code: 'A', name: null, active: true },
      { id: 2, number: 10, code: 'B', name: null, active: true },
    ]);
    const f = formatHotline(cat, [
      { systemCode: 'B', distrNumber: 1, comp: 1 },
      { systemCode: 'A', distrNumber: 20, comp: 3 },
      { systemCode: 'A', distrNumber: 20, comp: 1 },
      { systemCode: 'ZZ', distrNumber: 1, comp: 1 },
    ]);
    expect(f.text).toBe('2_000020, 2_000020_03, 10_000001');
    expect(f.warnings).toEqual([{ problem: 'unknown_system_code', systemCode: 'ZZ', count: 1, kits: ['ZZ_000001'] }]);
    expect(parseHotline(f.text)).toEqual(f.codes);
    expect(formatHotline(cat, []).text).toBe('');
  });
});

describe('chat-on history', () => {
  it('switches from a date: a change dated tomorrow is not in today’s file; the card shows state, date, plan and who', async () => {
    const { clientId, kit } = await setup();
    const a = await kit('SKJP', 1);
    const b = await kit('SKJP', 2, 1, false);
    expect((await env.admin('distributions.setChat', { id: b, enabled: true, effectiveFrom: TOMORROW })).changed).toBe(true);
    expect((await env.admin('distributions.setChat', { id: a, enabled: false, effectiveFrom: TOMORROW })).changed).toBe(true);
    expect(buildHotline(env.core.db, TODAY).text).toBe('1_000001');
    expect(buildHotline(env.core.db, TOMORROW).text).toBe('1_000002');
    // The same state again writes nothing.
    expect((await env.admin('distributions.setChat', { id: a, enabled: true, effectiveFrom: TODAY })).changed).toBe(false);
    const card = await env.admin('clients.get', { id: clientId });
    const da = card.distributions.find((d) => d.id === a)!;
    expect(da).toMatchObject({ chatEnabled: true, chatSince: '2026-01-01', chatNext: { enabled: false, effectiveFrom: TOMORROW, setBy: 'Администратор' } });
    expect(da.chatHistory.map((h) => [h.effectiveFrom, h.enabled])).toEqual([
      [TOMORROW, false],
      ['2026-01-01', true],
    ]);
    const db = card.distributions.find((d) => d.id === b)!;
    expect(db).toMatchObject({ chatEnabled: false, chatSince: null, chatNext: { enabled: true, effectiveFrom: TOMORROW } });
    const events = await env.admin('events.list', { clientId });
    expect(events.filter((e) => e.kind === 'chat_changed').map((e) => e.data)).toContainEqual({ code: 'SKJP_000002', enabled: true, effectiveFrom: TOMORROW });
    // The old flag is neither written nor read.
    expect((env.core.db.$client.prepare('SELECT SUM(chat_enabled) AS n FROM distributions').get() as { n: number }).n).toBe(0);
  });

  it('an edit of the form switches from today; omitting the flag leaves the history alone', async () => {
    const { clientId, kit } = await setup();
    const a = await kit('SKJP', 1);
    await env.admin('distributions.save', { id: a, clientId, systemCode: 'SKJP', distrNumber: 1, address: 'ул. Ленина, 1' });
    expect(buildHotline(env.core.db, TODAY).codes).toEqual(['1_000001']);
    await env.admin('distributions.save', { id: a, clientId, systemCode: 'SKJP', distrNumber: 1, chatEnabled: false });
    expect(buildHotline(env.core.db, TODAY).codes).toEqual([]);
    expect(buildHotline(env.core.db, '2026-11-26').codes).toEqual(['1_000001']);
  });
});

describe('hotline job and settings', () => {
  it('writes atomically when the folder is set, rebuilds after an edit and at the day start of a dated change', async () => {
    const { kit } = await setup();
    const a = await kit('SKJP', 1);
    await kit('BUHS', 2);
    await kit('NONUM', 3);
    const folder = path.join(tmpFolder(), 'sub');
    job = startHotlineJob({ db: env.core.db, bus: env.core.bus, clock: env.clock, debounceMs: 0, dayTickMs: 0, safetyMs: 0 });
    expect(hotlineState(env.core.db)).toMatchObject({ checkedFor: TODAY, count: 2, lastWrittenAt: null });
    expect((await env.admin('hotline.status', {})).folder).toBeNull();

    const st = await env.admin('hotline.saveFolder', { folder });
    const file = path.join(folder, 'hotline.txt');
    expect(fs.readFileSync(file, 'utf8')).toBe('1_000001, 12_000002');
    expect(fs.statSync(file).mode & 0o777).toBe(0o644);
    expect(st.state).toMatchObject({ addedCount: 2, added: ['1_000001', '12_000002'], removedCount: 0, lastWrittenAt: env.clock.now().toISOString() });
    expect(st.state.warnings.map((w) => w.systemCode)).toEqual(['NONUM']);

    // An edit: the job hears it on the bus and rewrites the file.
    env.clock.set('2026-11-27T10:00:00Z');
    const c = await kit('ROS', 9, 4);
    await job.settled();
    expect(fs.readFileSync(file, 'utf8')).toBe('1_000001, 3_000009_04, 12_000002');
    expect(hotlineState(env.core.db)).toMatchObject({ added: ['3_000009_04'], removed: [], lastWrittenAt: '2026-11-27T10:00:00.000Z' });

    // Dated changes: nothing today; at the day start (Moscow midnight = 21:00 UTC) the file follows.
    await env.admin('distributions.setChat', { id: a, enabled: false, effectiveFrom: TOMORROW });
    await env.admin('distributions.setChat', { id: c, enabled: false, effectiveFrom: '2026-12-01' });
    await job.settled();
    expect(fs.readFileSync(file, 'utf8')).toBe('1_000001, 3_000009_04, 12_000002');
    env.clock.set('2026-11-27T20:59:00Z');
    expect(job.tick()).toBeNull(); // still the 27th in Moscow
    env.clock.set('2026-11-27T21:00:30Z');
    expect(job.tick()?.outcome).toBe('written');
    expect(fs.readFileSync(file, 'utf8')).toBe('3_000009_04, 12_000002');
    expect(hotlineState(env.core.db)).toMatchObject({ checkedFor: TOMORROW, added: [], removed: ['1_000001'], removedCount: 1 });
    expect(job.tick()).toBeNull(); // the same day: no second check
    expect(job.check()?.outcome).toBe('unchanged');
    // No temp files are left beside it.
    expect(fs.readdirSync(folder)).toEqual(['hotline.txt']);

    // A system number changed in the catalogue: the file follows (refs.changed).
    // (The admin's session has idled out by the evening: a new sign-in.)
    const { token } = await env.as('', 'auth.login', { login: 'admin', password: 'admin-password' });
    const sys = (await env.as(token, 'systems.list', {})).find((s) => s.code === 'NONUM')!;
    await env.as(token, 'systems.save', { id: sys.id, code: 'NONUM', name: 'Без номера', number: 7 });
    await job.settled();
    expect(fs.readFileSync(file, 'utf8')).toBe('3_000009_04, 7_000003, 12_000002');
    expect(hotlineState(env.core.db).warnings).toEqual([]);
  });

  it('writes on demand, downloads today’s file, says when no folder is set or it cannot be written', async () => {
    const { kit } = await setup();
    await kit('SKJP', 42, 2);
    const head = await env.employee('head1', ['head']);
    const dl = await env.as(head.token, 'hotline.download', {});
    expect(dl).toMatchObject({ name: 'hotline.txt', count: 1, date: TODAY });
    expect(Buffer.from(dl.base64, 'base64').toString('utf8')).toBe('1_000042_02');
    const noFolder = await env.core.call('hotline.writeNow', {}, env.adminToken);
    expect(noFolder).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ reason: 'no_folder' }] } });
    expect(await env.core.call('hotline.saveFolder', { folder: 'relative/dir' }, env.adminToken)).toMatchObject({ ok: false, error: { issues: [{ path: 'folder', reason: 'absolute_path' }] } });
    const blocker = path.join(tmpFolder(), 'a-file');
    fs.writeFileSync(blocker, 'x');
    expect(await env.core.call('hotline.saveFolder', { folder: path.join(blocker, 'sub') }, env.adminToken)).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'folder', reason: 'not_writable' }] },
    });
    const folder = tmpFolder();
    await env.admin('hotline.saveFolder', { folder });
    fs.writeFileSync(path.join(folder, 'hotline.txt'), 'changed by hand');
    const st = await env.admin('hotline.writeNow', {});
    expect(fs.readFileSync(path.join(folder, 'hotline.txt'), 'utf8')).toBe('1_000042_02');
    expect(st).toMatchObject({ folder, state: { count: 1, error: null } });
    // Unset: not written any more, the status says so.
    expect((await env.admin('hotline.saveFolder', { folder: '' })).folder).toBeNull();
  });

  it('lets heads read and download, administrators set and write, nobody else', async () => {
    await setup();
    const head = await env.employee('head1', ['head']);
    const chat = await env.employee('chat1', ['chat']);
    const sales = await env.employee('sales1', ['sales']);
    const code = async (method: 'hotline.status' | 'hotline.download' | 'hotline.writeNow' | 'hotline.saveFolder', token: string | null) => {
      const r = await env.core.call(method, method === 'hotline.saveFolder' ? { folder: '' } : {}, token);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code('hotline.status', head.token)).toBe('ok');
    expect(await code('hotline.download', head.token)).toBe('ok');
    expect(await code('hotline.saveFolder', head.token)).toBe('FORBIDDEN');
    expect(await code('hotline.writeNow', head.token)).toBe('FORBIDDEN');
    for (const t of [chat.token, sales.token]) for (const m of ['hotline.status', 'hotline.download'] as const) expect(await code(m, t)).toBe('FORBIDDEN');
    expect(await code('hotline.status', null)).toBe('UNAUTHORIZED');
    expect(await code('hotline.saveFolder', env.adminToken)).toBe('ok');
    // Chat changes are client edits: the chat operator may not make them.
    const { id: clientId } = await env.admin('clients.create', { name: 'ООО «Василёк»' });
    const { id } = await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 5 });
    expect(await env.core.call('distributions.setChat', { id, enabled: true }, chat.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.core.call('distributions.setChat', { id, enabled: true }, sales.token)).toMatchObject({ ok: true, data: { changed: true } });
  });
});
