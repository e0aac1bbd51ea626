// Certification requests: every rule alone fails a client, settings change the rules, export refused then accepted, the file, the archive, roles.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';
import { recordCertificate } from '../../src-main/features/glavbukh/certs';
import { GB_REQUEST_COLUMNS, writeGbRequest } from '../../src-main/features/glavbukh/request.format';
import { DEFAULT_GB_SETTINGS } from '../../src-shared/glavbukh';
import { parseCsv } from './csv';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
  await addSystems(env.admin, ['SKJP', 'BUHS']);
});
afterEach(() => env.close());

let distrNo = 100;
/** A client that meets every rule of the default programme: organisation ИНН + КПП, chief accountant with e-mail and phone, an active distribution. */
async function validClient(name = 'ООО Ромашка', inn = '7707083893', kpp: string | null = '773601001'): Promise<{ id: number; contactId: number }> {
  const { id } = await env.admin('clients.create', { name, inn, kpp });
  const c = await env.admin('contacts.save', {
    clientId: id,
    fullName: 'Иванова Мария Петровна',
    position: 'Главный бухгалтер',
    roles: ['chief_accountant'],
    phones: [{ raw: '+7 (423) 222-33-44' }],
    emails: [{ email: 'buh@romashka.ru' }],
  });
  await env.admin('distributions.save', { clientId: id, systemCode: 'SKJP', distrNumber: distrNo++ });
  return { id, contactId: c.id };
}

const sql = (q: string, ...p: unknown[]) => env.core.db.$client.prepare(q).run(...p);
const general = (clientId: number) => {
  sql("INSERT INTO emails (client_id, contact_id, email) VALUES (?, NULL, 'office@x.ru')", clientId);
  sql("INSERT INTO phones (client_id, contact_id, raw, digits) VALUES (?, NULL, '+7 423 000-00-00', '4230000000')", clientId);
};
const check = (clientIds: number[], programme = 'GB') => env.admin('glavbukh.requests.check', { programme, clientIds });
const codes = async (id: number) => (await check([id])).clients.flatMap((c) => c.problems.map((p) => p.code));

// Valid ИННs (check digits right) for several clients: one client per ИНН+КПП.
const INNS = ['7707083893', '7736050003', '7702070139', '7728168971', '7710140679', '7704217370', '7725038124', '7715805253', '7743001840', '7733027926', '7812014560', '5408130693'];

describe('glavbukh.requests.check', () => {
  it('passes a fully valid client and an ИП without КПП', async () => {
    const a = await validClient();
    const ip = await validClient('ИП Петров', '500100732259', null);
    const r = await check([a.id, ip.id, a.id]);
    expect(r).toMatchObject({ programme: 'GB', total: 2, clients: [] });
  });

  const cases: [string, (c: { id: number; contactId: number }) => void, string, string][] = [
    ['blank name', (c) => sql("UPDATE clients SET name = '  ' WHERE id = ?", c.id), 'name_missing', 'general'],
    ['no ИНН', (c) => sql('UPDATE clients SET inn = NULL WHERE id = ?', c.id), 'inn_missing', 'general'],
    ['ИНН of 9 digits', (c) => sql("UPDATE clients SET inn = '770708389' WHERE id = ?", c.id), 'inn_malformed', 'general'],
    ['ИНН with a letter', (c) => sql("UPDATE clients SET inn = '77070838A3' WHERE id = ?", c.id), 'inn_malformed', 'general'],
    ['ИНН with a wrong check digit', (c) => sql("UPDATE clients SET inn = '7707083894' WHERE id = ?", c.id), 'inn_checksum', 'general'],
    ['no КПП for an organisation', (c) => sql('UPDATE clients SET kpp = NULL WHERE id = ?', c.id), 'kpp_missing', 'general'],
    ['malformed КПП', (c) => sql("UPDATE clients SET kpp = '77360100' WHERE id = ?", c.id), 'kpp_malformed', 'general'],
    // Without the contact its e-mail and phone go too: the client's general ones stand in, so only the contact is missing.
    ['no chief accountant', (c) => (general(c.id), sql('DELETE FROM contact_roles WHERE contact_id = ?', c.contactId)), 'contact_missing', 'contacts'],
    ['chief accountant inactive', (c) => (general(c.id), sql('UPDATE contacts SET active = 0 WHERE id = ?', c.contactId)), 'contact_missing', 'contacts'],
    ['chief accountant without ФИО', (c) => sql("UPDATE contacts SET full_name = '' WHERE id = ?", c.contactId), 'contact_no_name', 'contacts'],
    ['no e-mail', (c) => sql('DELETE FROM emails WHERE client_id = ?', c.id), 'email_missing', 'contacts'],
    ['no phone', (c) => sql('DELETE FROM phones WHERE client_id = ?', c.id), 'phone_missing', 'contacts'],
    ['only a closed distribution', (c) => sql("UPDATE distributions SET state = 'closed' WHERE client_id = ?", c.id), 'distribution_missing', 'distributions'],
  ];
  it.each(cases)('%s alone fails the client (and only it)', async (_t, spoil, code, tab) => {
    const ok = await validClient('ООО Лютик', INNS[1]);
    const bad = await validClient('ООО Ромашка', INNS[0]);
    spoil(bad);
    const r = await check([ok.id, bad.id]);
    expect(r.total).toBe(2);
    expect(r.clients).toHaveLength(1);
    expect(r.clients[0]!.clientId).toBe(bad.id);
    expect(r.clients[0]!.problems).toHaveLength(1);
    expect(r.clients[0]!.problems[0]).toMatchObject({ code, fix: { clientId: bad.id, tab } });
  });

  it('takes the client’s general e-mail and phone only when the contact has none, never another contact’s', async () => {
    const c = await validClient();
    sql('DELETE FROM emails WHERE client_id = ?', c.id);
    sql('DELETE FROM phones WHERE client_id = ?', c.id);
    await env.admin('contacts.save', { clientId: c.id, fullName: 'Директор', roles: ['director'], emails: [{ email: 'dir@x.ru' }], phones: [{ raw: '+7 423 111-22-33' }] });
    expect(await codes(c.id)).toEqual(['email_missing', 'phone_missing']);
    sql("INSERT INTO emails (client_id, contact_id, email) VALUES (?, NULL, 'office@x.ru')", c.id);
    sql("INSERT INTO phones (client_id, contact_id, raw, digits) VALUES (?, NULL, '+7 423 000-00-00', '4230000000')", c.id);
    expect(await codes(c.id)).toEqual([]);
  });

  it('refuses a client certified past the horizon or with an open request; one expiring soon may be renewed', async () => {
    const c = await validClient();
    const w = { db: env.core.db, now: env.clock.now().toISOString(), employeeId: null };
    recordCertificate(w, { clientId: c.id, programme: 'GB', number: 'GB-1', validUntil: '2027-11-01', status: 'certified', source: 'manual' });
    expect(await codes(c.id)).toEqual(['already_certified']);
    sql("UPDATE gb_certificates SET valid_until = '2026-12-10' WHERE client_id = ?", c.id); // within 30 days of 27.11.2026
    expect(await codes(c.id)).toEqual([]);
    sql("UPDATE gb_certificates SET status = 'requested', number = NULL, number_norm = NULL WHERE client_id = ?", c.id);
    expect(await codes(c.id)).toEqual(['request_open']);
    // Another programme's certificate does not count.
    sql("UPDATE gb_certificates SET programme = 'OTHER' WHERE client_id = ?", c.id);
    expect(await codes(c.id)).toEqual([]);
  });

  it('follows the settings: a field not required is not checked, the contact role and programmes come from the settings', async () => {
    const c = await validClient();
    sql('DELETE FROM phones WHERE client_id = ?', c.id);
    sql('UPDATE clients SET kpp = NULL WHERE id = ?', c.id);
    expect(await codes(c.id)).toEqual(['kpp_missing', 'phone_missing']);
    const gb = DEFAULT_GB_SETTINGS.programmes[0]!;
    await env.admin('glavbukh.settings.save', {
      programmes: [
        { ...gb, required: ['name', 'inn', 'contact', 'email', 'distribution'] },
        { code: 'GB2', name: 'Главбух Про', required: ['inn', 'contact'], validityMonths: 24, contactRole: 'director' },
      ],
      expiringDays: 45,
    });
    expect(await codes(c.id)).toEqual([]);
    expect((await check([c.id], 'GB2')).clients[0]!.problems.map((p) => p.code)).toEqual(['contact_missing']);
    expect((await env.core.call('glavbukh.requests.check', { programme: 'NOPE', clientIds: [c.id] }, env.adminToken)).ok).toBe(false);
    expect(await env.admin('glavbukh.settings.get', {})).toMatchObject({ expiringDays: 45, programmes: [{ code: 'GB' }, { code: 'GB2', contactRole: 'director' }] });
  });

  it('resolves a list filter to every matching client', async () => {
    const a = await validClient('ООО Ромашка', INNS[0]);
    const b = await validClient('ООО Лютик', INNS[1]);
    const all = await env.admin('glavbukh.requests.check', { programme: 'GB', fromList: { query: '', filters: {} } });
    expect(all.clientIds.sort()).toEqual([a.id, b.id].sort());
    const one = await env.admin('glavbukh.requests.check', { programme: 'GB', fromList: { query: 'Лютик', filters: {} } });
    expect(one.clientIds).toEqual([b.id]);
  });
});

describe('glavbukh.requests.export', () => {
  it('is refused with every problem, then accepted: file, archive, byte-identical download, requested certificates', async () => {
    const a = await validClient('ООО "Ромашка; и К"', INNS[0]);
    const b = await validClient('ООО Лютик', INNS[1]);
    sql('UPDATE clients SET inn = NULL WHERE id = ?', b.id);
    sql('DELETE FROM emails WHERE client_id = ?', b.id);
    const refused = await env.core.call('glavbukh.requests.export', { programme: 'GB', clientIds: [a.id, b.id] }, env.adminToken);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('BAD_INPUT');
    expect(refused.error.issues).toEqual([
      { path: `clients.${b.id}.inn`, reason: 'inn_missing', ref: { id: b.id, name: 'ООО Лютик' } },
      { path: `clients.${b.id}.email`, reason: 'email_missing', ref: { id: b.id, name: 'ООО Лютик' } },
    ]);
    expect(env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM gb_requests').get()).toEqual({ n: 0 });
    expect(env.core.db.$client.prepare('SELECT COUNT(*) AS n FROM gb_certificates').get()).toEqual({ n: 0 });

    sql('UPDATE clients SET inn = ? WHERE id = ?', INNS[1], b.id);
    sql("INSERT INTO emails (client_id, contact_id, email) VALUES (?, NULL, 'office@lutik.ru')", b.id);
    const done = await env.admin('glavbukh.requests.export', { programme: 'GB', clientIds: [a.id, b.id], note: 'декабрь' });
    expect(done).toMatchObject({ programme: 'GB', clientCount: 2, note: 'декабрь', createdBy: { name: 'Администратор' } });
    expect(done.fileName).toBe(`GB-2026-11-27-${done.id}.csv`);

    const bytes = env.core.db.$client.prepare('SELECT content FROM gb_requests WHERE id = ?').get(done.id) as { content: Buffer };
    const text = bytes.content.toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(GB_REQUEST_COLUMNS.map(([, t]) => t));
    const col = (k: string) => GB_REQUEST_COLUMNS.findIndex(([f]) => f === k);
    expect(rows).toHaveLength(3);
    expect(rows[1]![col('name')]).toBe('ООО "Ромашка; и К"');
    expect(rows[1]![col('inn')]).toBe(INNS[0]);
    expect(rows[1]![col('kpp')]).toBe('773601001');
    expect(rows[1]![col('contactName')]).toBe('Иванова Мария Петровна');
    expect(rows[1]![col('email')]).toBe('buh@romashka.ru');
    expect(rows[1]![col('phone')]).toBe('+7 (423) 222-33-44');
    expect(rows[1]![col('distributions')]).toMatch(/^SKJP_\d{6}$/);
    // b's contact had its e-mail removed: the client's general one went instead.
    expect(rows[2]![col('email')]).toBe('office@lutik.ru');
    // The stored file is exactly what the format module writes for the stored rows.
    const items = (env.core.db.$client.prepare('SELECT row FROM gb_request_items WHERE request_id = ? ORDER BY id').all(done.id) as { row: string }[]).map((r) => JSON.parse(r.row));
    expect(Buffer.from(writeGbRequest(items)).equals(bytes.content)).toBe(true);

    const certs = env.core.db.$client.prepare('SELECT client_id AS clientId, status, source, request_id AS requestId, contact_id AS contactId FROM gb_certificates ORDER BY client_id').all();
    expect(certs).toEqual([
      { clientId: a.id, status: 'requested', source: 'request', requestId: done.id, contactId: a.contactId },
      { clientId: b.id, status: 'requested', source: 'request', requestId: done.id, contactId: b.contactId },
    ]);
    expect(env.core.db.$client.prepare("SELECT COUNT(*) AS n FROM client_events WHERE kind = 'gb_requested'").get()).toEqual({ n: 2 });
    // Asked again: both are now in an open request.
    expect((await check([a.id])).clients[0]!.problems.map((p) => p.code)).toEqual(['request_open']);

    expect(await env.admin('glavbukh.requests.list', {})).toEqual([done]);
    const got = await env.admin('glavbukh.requests.get', { id: done.id });
    expect(got.items).toEqual([
      { clientId: a.id, name: 'ООО "Ромашка; и К"', inn: INNS[0], contactName: 'Иванова Мария Петровна' },
      { clientId: b.id, name: 'ООО Лютик', inn: INNS[1], contactName: 'Иванова Мария Петровна' },
    ]);
    const dl = env.core.downloadGbRequest(env.adminToken, String(done.id));
    expect(dl.ok).toBe(true);
    if (dl.ok) {
      expect(Buffer.from(dl.data.bytes).equals(bytes.content)).toBe(true);
      expect(dl.data.name).toBe(done.fileName);
    }
    expect(env.core.downloadGbRequest(null, String(done.id))).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(env.core.downloadGbRequest(env.adminToken, '999')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(env.core.downloadGbRequest(env.adminToken, '../1')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('export from a list filter', () => {
  it('exports every client the filter finds, keeps the filter as the selection, and audits settings changes', async () => {
    const a = await validClient('ООО Ромашка', INNS[0]);
    const b = await validClient('ООО Лютик', INNS[1]);
    const done = await env.admin('glavbukh.requests.export', { programme: 'GB', fromList: { query: '', filters: {} } });
    expect(done.clientCount).toBe(2);
    const got = await env.admin('glavbukh.requests.get', { id: done.id });
    expect(got.selection).toEqual({ filter: { query: '', filters: {} } });
    expect(got.items.map((i) => i.clientId).sort()).toEqual([a.id, b.id].sort());
    const empty = await env.core.call('glavbukh.requests.check', { programme: 'GB', fromList: { query: 'Нет такого', filters: {} } }, env.adminToken);
    expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'fromList', reason: 'empty' }] } });
    const both = await env.core.call('glavbukh.requests.check', { programme: 'GB', clientIds: [a.id], fromList: { query: '', filters: {} } }, env.adminToken);
    expect(both.ok).toBe(false);
    await env.admin('glavbukh.settings.save', { ...DEFAULT_GB_SETTINGS, expiringDays: 60 });
    const audit = env.core.db.$client.prepare("SELECT action, changes FROM audit_log WHERE entity = 'gb_settings'").all() as { action: string; changes: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes)).toMatchObject({ before: { expiringDays: 30 }, after: { expiringDays: 60 } });
    expect(env.core.db.$client.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'gb_request' AND action = 'export'").get()).toEqual({ n: 1 });
  });
});

describe('roles', () => {
  it('lets heads, sales, СИО and PMs build requests, not chat operators or callers; only heads and admins save settings', async () => {
    const c = await validClient();
    const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);
    for (const [role, may] of [
      ['head', true],
      ['sales', true],
      ['sio', true],
      ['pm', true],
      ['chat', false],
      ['caller', false],
    ] as const) {
      const e = await env.employee(`u-${role}`, [role]);
      const expected = may ? 'OK' : 'FORBIDDEN';
      expect(code(await env.core.call('glavbukh.requests.check', { programme: 'GB', clientIds: [c.id] }, e.token)), role).toBe(expected);
      expect(code(await env.core.call('glavbukh.requests.list', {}, e.token)), role).toBe(expected);
      expect(code(await env.core.call('glavbukh.requests.export', { programme: 'GB', clientIds: [999_999] }, e.token)), role).toBe(may ? 'NOT_FOUND' : 'FORBIDDEN');
      expect(env.core.downloadGbRequest(e.token, '1'), role).toMatchObject({ ok: false, error: { code: may ? 'NOT_FOUND' : 'FORBIDDEN' } });
      expect(code(await env.core.call('glavbukh.settings.get', {}, e.token)), role).toBe('OK');
      expect(code(await env.core.call('glavbukh.settings.save', DEFAULT_GB_SETTINGS, e.token)), role).toBe(role === 'head' ? 'OK' : 'FORBIDDEN');
    }
  });

  it('refuses malformed settings', async () => {
    const gb = DEFAULT_GB_SETTINGS.programmes[0]!;
    for (const bad of [
      { programmes: [], expiringDays: 30 },
      { programmes: [gb, gb], expiringDays: 30 },
      { programmes: [{ ...gb, code: 'gb lower' }], expiringDays: 30 },
      { programmes: [{ ...gb, required: ['nonsense'] }], expiringDays: 30 },
      { programmes: [{ ...gb, validityMonths: 0 }], expiringDays: 30 },
      { programmes: [gb], expiringDays: 0 },
    ]) {
      const r = await env.core.call('glavbukh.settings.save', bad, env.adminToken);
      expect(r.ok ? 'OK' : r.error.code, JSON.stringify(bad)).toBe('BAD_INPUT');
    }
  });
});
