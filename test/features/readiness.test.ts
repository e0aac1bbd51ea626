// Readiness index on a real SQLite file: confirmations make a stage ready, age and settings changes undo it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesChangedBy } from '../helpers/tables';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
/** The administrator's session; renewed after the clock jumps past the session's lifetime. */
let token: string;
beforeEach(async () => {
  env = await testEnv(); // the clock stands at 2026-11-27
  token = env.adminToken;
});
afterEach(() => env.close());

const admin: TestEnv['admin'] = (method, input) => env.as(token, method, input);

/** Moves the clock and signs in again, as an employee would on that day. */
async function travelTo(iso: string) {
  env.clock.set(iso);
  token = (await env.as('', 'auth.login', { login: 'admin', password: 'admin-password' })).token;
}

/** «Обзвонка» from the default settings: organisation name, a current phone, director or chief accountant, 180 days. */
const CALLING = { code: 'calling', fields: ['org_name', 'phone', 'head_fio'], freshnessDays: 180 };

async function newClient(name: string) {
  return (await admin('clients.create', { name })).id;
}

async function confirmCalling(clientId: number, confirmedAt?: string) {
  const values: Record<string, string> = { org_name: 'ООО «Ромашка»', phone: '+7 (423) 222-33-44', head_fio: 'Иванова Анна Петровна' };
  for (const field of CALLING.fields) await admin('readiness.confirm', { clientId, fieldCode: field, value: values[field]!, confirmedAt });
}

async function stage(clientId: number, code = CALLING.code) {
  const card = await admin('clients.get', { id: clientId });
  const s = card.readiness.find((r) => r.code === code);
  if (!s) throw new Error(`no stage ${code}`);
  return s;
}

async function readyIds(code = CALLING.code) {
  return (await admin('clients.search', { query: '', filters: { readyStage: code } })).items.map((i) => i.id);
}

async function eventKinds(clientId: number) {
  return (await admin('events.list', { clientId })).map((e) => ({ kind: e.kind, stage: e.data?.stage }));
}

describe('readiness', () => {
  it('makes «Обзвонка» ready once its three fields are confirmed, on the card, in the list and on the timeline', async () => {
    const id = await newClient('ООО «Ромашка»');
    const other = await newClient('ООО «Лютик»');
    await admin('readiness.confirm', { clientId: id, fieldCode: 'org_name', value: 'ООО «Ромашка»' });
    await admin('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 (423) 222-33-44' });
    expect(await stage(id)).toMatchObject({ ready: false, readyUntil: null });
    expect(await readyIds()).not.toContain(id);
    expect(await eventKinds(id)).not.toContainEqual({ kind: 'readiness_gained', stage: 'calling' });

    await admin('readiness.confirm', { clientId: id, fieldCode: 'head_fio', value: 'Иванова Анна Петровна' });
    const s = await stage(id);
    expect(s).toMatchObject({ ready: true, readyUntil: '2027-05-26' });
    expect(s.fields.map((f) => [f.code, f.fresh, f.confirmedAt])).toEqual([
      ['org_name', true, '2026-11-27'],
      ['phone', true, '2026-11-27'],
      ['head_fio', true, '2026-11-27'],
    ]);
    // «Продажа» needs more fields: not ready.
    expect((await stage(id, 'sale')).ready).toBe(false);

    const ids = await readyIds();
    expect(ids).toContain(id);
    expect(ids).not.toContain(other);
    expect(await readyIds('sale')).not.toContain(id);
    const listed = (await admin('clients.search', { query: 'Ромашка' })).items.find((i) => i.id === id);
    expect(listed?.ready).toEqual(['calling']);
    expect(await eventKinds(id)).toContainEqual({ kind: 'readiness_gained', stage: 'calling' });
  });

  it('stops counting confirmations older than the freshness limit', async () => {
    const id = await newClient('ООО «Ромашка»');
    await confirmCalling(id);
    await travelTo('2027-05-26T12:00:00Z'); // the last day: 180 days after the confirmation
    expect((await stage(id)).ready).toBe(true);
    expect(await readyIds()).toContain(id);

    await travelTo('2027-05-27T00:00:00Z');
    const s = await stage(id);
    expect(s.ready).toBe(false);
    expect(s.fields.every((f) => !f.fresh)).toBe(true);
    expect(await readyIds()).not.toContain(id);
    expect((await admin('clients.search', { query: 'Ромашка' })).items[0]?.ready).toEqual([]);

    // Confirming the values again today restores the status.
    await confirmCalling(id);
    expect((await stage(id)).ready).toBe(true);
  });

  it('does not count a confirmation made long ago, even when entered today', async () => {
    const id = await newClient('ООО «Ромашка»');
    await confirmCalling(id);
    // The old phone check replaces nothing newer; on a second client it is the only confirmation of the phone.
    const other = await newClient('ООО «Лютик»');
    await admin('readiness.confirm', { clientId: other, fieldCode: 'phone', value: '+7 (423) 222-33-44', confirmedAt: '2026-05-30' });
    await admin('readiness.confirm', { clientId: other, fieldCode: 'org_name', value: 'ООО «Лютик»' });
    await admin('readiness.confirm', { clientId: other, fieldCode: 'head_fio', value: 'Иванова Анна Петровна' });
    expect((await stage(id)).ready).toBe(true);
    const s = await stage(other);
    expect(s.ready).toBe(false);
    expect(s.fields.find((f) => f.code === 'phone')?.fresh).toBe(false);
    expect(await readyIds()).not.toContain(other);
  });

  it('makes ready clients not ready when an administrator adds a required field to the stage', async () => {
    const id = await newClient('ООО «Ромашка»');
    await confirmCalling(id);
    expect(await readyIds()).toContain(id);
    const refs = await admin('refs.get', {});
    const calling = refs.readinessStages.find((s) => s.code === 'calling')!;
    expect(calling.fieldCodes.sort()).toEqual([...CALLING.fields].sort());

    await admin('readiness.saveStage', {
      id: calling.id,
      code: calling.code,
      name: calling.name,
      freshnessDays: calling.freshnessDays,
      fieldCodes: [...calling.fieldCodes, 'email'],
    });
    const s = await stage(id);
    expect(s.ready).toBe(false);
    expect(s.fields.map((f) => f.code)).toContain('email');
    expect(await readyIds()).not.toContain(id);
    expect(await eventKinds(id)).toContainEqual({ kind: 'readiness_lost', stage: 'calling' });

    await admin('readiness.confirm', { clientId: id, fieldCode: 'email', value: 'info@romashka.ru' });
    expect((await stage(id)).ready).toBe(true);
    expect(await readyIds()).toContain(id);
  });

  it('follows a shorter freshness limit set in the stage settings', async () => {
    const id = await newClient('ООО «Ромашка»');
    await confirmCalling(id, '2026-10-01');
    expect((await stage(id)).ready).toBe(true);
    const calling = (await admin('refs.get', {})).readinessStages.find((s) => s.code === 'calling')!;
    await admin('readiness.saveStage', { ...calling, freshnessDays: 30 });
    expect(await stage(id)).toMatchObject({ ready: false, readyUntil: '2026-10-31' });
    expect(await readyIds()).not.toContain(id);
  });

  it('refuses a confirmation dated in the future and stores nothing', async () => {
    const id = await newClient('ООО «Ромашка»');
    const count = () => (env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM client_readiness_values').get() as { n: number }).n;
    const changed = await tablesChangedBy(env.core.db.$client, async () => {
      const r = await env.core.call('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 (423) 222-33-44', confirmedAt: '2026-11-28' }, token);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'confirmedAt', reason: 'future' }] } });
    });
    expect(changed).toEqual([]);
    // Today is fine.
    expect(await env.core.call('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 (423) 222-33-44', confirmedAt: '2026-11-27' }, token)).toMatchObject({ ok: true });
    expect(count()).toBe(1);
  });

  it('never lets an older confirmation replace a newer one, and stores nothing for it', async () => {
    const id = await newClient('ООО «Ромашка»');
    await admin('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 (423) 222-33-44', confirmedAt: '2026-11-20' });
    const changed = await tablesChangedBy(env.core.db.$client, async () => {
      const r = await env.core.call('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 (423) 000-00-00', confirmedAt: '2026-11-10' }, token);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'confirmedAt', reason: 'older_than_current' }] } });
    });
    expect(changed).toEqual([]);
    const phone = () => stage(id).then((s) => s.fields.find((f) => f.code === 'phone'));
    expect(await phone()).toMatchObject({ value: '+7 (423) 222-33-44', confirmedAt: '2026-11-20' });
    // The same day or a later one replaces it.
    await admin('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 (423) 111-11-11', confirmedAt: '2026-11-20' });
    expect(await phone()).toMatchObject({ value: '+7 (423) 111-11-11', confirmedAt: '2026-11-20' });
  });

  it('refuses an unknown field code', async () => {
    const id = await newClient('ООО «Ромашка»');
    const r = await env.core.call('readiness.confirm', { clientId: id, fieldCode: 'shoe_size', value: '42' }, token);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'fieldCode', reason: 'not_found' }] } });
  });
});
