// The Главбух tab of the client card through the API: history with today's status, manual add / edit / revoke, the holder of a taken number, roles, merge.
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
afterEach(() => env?.close());

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

describe('glavbukh.card and glavbukh.certificates.*', () => {
  it('adds a certificate by hand, reads it as expired once its date passes, and keeps the history with who and when', async () => {
    env = await testEnv(); // 2026-11-27
    const { id: clientId } = await env.admin('clients.create', { name: 'ООО Ромашка' });
    const { id: contactId } = await env.admin('contacts.save', { clientId, fullName: 'Иванова Мария Петровна', roles: ['chief_accountant'] });
    const saved = await env.admin('glavbukh.certificates.save', { clientId, programme: 'GB', number: ' gb-100 ', issuedOn: '2026-01-10', validUntil: '2026-12-31', status: 'certified', contactId });
    expect(saved.outcome).toBe('added');
    let card = await env.admin('glavbukh.card', { clientId });
    expect(card.badges).toEqual([{ programme: 'GB', status: 'certified', number: 'gb-100', validUntil: '2026-12-31', name: 'Главбух' }]);
    expect(card.certificates[0]).toMatchObject({
      id: saved.id,
      status: 'certified',
      recordedStatus: 'certified',
      number: 'gb-100',
      issuedOn: '2026-01-10',
      contact: { id: contactId, name: 'Иванова Мария Петровна' },
      source: 'manual',
      sourceFile: null,
      createdBy: 'Администратор',
      createdAt: '2026-11-27T09:00:00.000Z',
    });
    expect(card.programmes).toEqual([{ code: 'GB', name: 'Главбух' }]);
    expect(card.contacts).toEqual([{ id: contactId, name: 'Иванова Мария Петровна' }]);
    // The test clock moves past the date: it reads as expired with nothing run at midnight; the recorded status stays.
    env.clock.set('2027-01-01T09:00:00Z');
    const { token } = await env.as('', 'auth.login', { login: 'admin', password: 'admin-password' });
    card = await env.as(token, 'glavbukh.card', { clientId });
    expect(card.badges[0]!.status).toBe('expired');
    expect(card.certificates[0]).toMatchObject({ status: 'expired', recordedStatus: 'certified' });
    // A renewal: the newest valid-until is the current one, the old one stays in the history.
    await env.as(token, 'glavbukh.certificates.save', { clientId, programme: 'GB', number: 'GB-101', issuedOn: '2027-01-01', validUntil: '2027-12-31', status: 'certified' });
    card = await env.as(token, 'glavbukh.card', { clientId });
    expect(card.badges).toEqual([{ programme: 'GB', status: 'certified', number: 'GB-101', validUntil: '2027-12-31', name: 'Главбух' }]);
    expect(card.certificates.map((c) => [c.number, c.status])).toEqual([
      ['GB-101', 'certified'],
      ['gb-100', 'expired'],
    ]);
    const kinds = env.core.db.$client.prepare("SELECT kind FROM client_events WHERE client_id = ? AND kind LIKE 'gb_%' ORDER BY id").all(clientId) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['gb_certified', 'gb_certified']);
    const audit = env.core.db.$client.prepare("SELECT action FROM audit_log WHERE entity = 'gb_certificate' ORDER BY id").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'create']);
  });

  it('edits a certificate by id, clearing fields, and revokes it with a reason: no badge, the history keeps it', async () => {
    env = await testEnv();
    const { id: clientId } = await env.admin('clients.create', { name: 'ООО Ромашка' });
    const { id } = await env.admin('glavbukh.certificates.save', { clientId, programme: 'GB', number: 'A-1', issuedOn: '2026-01-01', validUntil: '2027-01-01', status: 'certified' });
    const edited = await env.admin('glavbukh.certificates.save', { id, clientId, programme: 'GB', number: 'A-2', issuedOn: null, validUntil: '2027-06-30', status: 'certified' });
    expect(edited).toEqual({ id, outcome: 'updated' });
    let card = await env.admin('glavbukh.card', { clientId });
    expect(card.certificates).toHaveLength(1);
    expect(card.certificates[0]).toMatchObject({ number: 'A-2', issuedOn: null, validUntil: '2027-06-30' });
    // The old number is free again.
    const { id: other } = await env.admin('clients.create', { name: 'ООО Лютик' });
    expect((await env.admin('glavbukh.certificates.save', { clientId: other, programme: 'GB', number: 'A-1', validUntil: '2027-01-01', status: 'certified' })).outcome).toBe('added');
    await env.admin('glavbukh.certificates.revoke', { id, reason: 'Ошибка в списке КЦ' });
    card = await env.admin('glavbukh.card', { clientId });
    expect(card.badges).toEqual([]);
    expect(card.certificates[0]).toMatchObject({ status: 'revoked', note: 'Ошибка в списке КЦ' });
    const ev = env.core.db.$client.prepare("SELECT data FROM client_events WHERE client_id = ? AND kind = 'gb_revoked'").get(clientId) as { data: string };
    expect(JSON.parse(ev.data)).toMatchObject({ certificateId: id, status: 'revoked', was: 'certified', reason: 'Ошибка в списке КЦ' });
    // A revoked certificate is not edited back.
    expect(codeOf(await env.core.call('glavbukh.certificates.save', { id, clientId, programme: 'GB', number: 'A-2', validUntil: '2027-06-30', status: 'certified' }, env.adminToken))).toBe(
      'CONFLICT',
    );
  });

  it('answers CONFLICT naming the client that holds the number', async () => {
    env = await testEnv();
    const { id: a } = await env.admin('clients.create', { name: 'ООО Ромашка' });
    const { id: b } = await env.admin('clients.create', { name: 'ООО Лютик' });
    await env.admin('glavbukh.certificates.save', { clientId: a, programme: 'GB', number: 'GB-7', validUntil: '2027-01-01', status: 'certified' });
    const r = await env.core.call('glavbukh.certificates.save', { clientId: b, programme: 'GB', number: ' gb-7', validUntil: '2027-01-01', status: 'certified' }, env.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'number', reason: 'duplicate', ref: { id: a, name: 'ООО Ромашка' } }] } });
    // Editing b's own certificate to a's number: the same answer.
    const { id } = await env.admin('glavbukh.certificates.save', { clientId: b, programme: 'GB', number: 'GB-8', validUntil: '2027-01-01', status: 'certified' });
    const e = await env.core.call('glavbukh.certificates.save', { id, clientId: b, programme: 'GB', number: 'GB-7', validUntil: '2027-01-01', status: 'certified' }, env.adminToken);
    expect(e).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ ref: { id: a, name: 'ООО Ромашка' } }] } });
    expect((await env.admin('glavbukh.card', { clientId: b })).certificates.map((c) => c.number)).toEqual(['GB-8']);
  });

  it('validates dates, the programme, the number of a certified one and the contact person', async () => {
    env = await testEnv();
    const { id: clientId } = await env.admin('clients.create', { name: 'ООО Ромашка' });
    const { id: other } = await env.admin('clients.create', { name: 'ООО Лютик' });
    const { id: foreignContact } = await env.admin('contacts.save', { clientId: other, fullName: 'Петров Пётр' });
    const base = { clientId, programme: 'GB', number: 'X-1', issuedOn: '2026-01-01', validUntil: '2027-01-01', status: 'certified' as const };
    const bad = [
      [{ ...base, validUntil: '2025-12-31' }, 'validUntil'],
      [{ ...base, validUntil: '2027-02-30' }, 'validUntil'],
      [{ ...base, programme: 'NOPE' }, 'programme'],
      [{ ...base, number: '  ' }, 'number'],
      [{ ...base, validUntil: null }, 'validUntil'],
      [{ ...base, contactId: foreignContact }, 'contactId'],
    ] as const;
    for (const [input, path] of bad) {
      const r = await env.core.call('glavbukh.certificates.save', input, env.adminToken);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path }] } });
    }
    // A request needs no number or date.
    expect((await env.admin('glavbukh.certificates.save', { clientId, programme: 'GB', status: 'requested' })).outcome).toBe('added');
    expect((await env.admin('glavbukh.card', { clientId })).badges).toEqual([{ programme: 'GB', status: 'requested', number: null, validUntil: null, name: 'Главбух' }]);
    expect(codeOf(await env.core.call('glavbukh.card', { clientId: 999_999 }, env.adminToken))).toBe('NOT_FOUND');
  });

  it('lets everyone read and only client editors write', async () => {
    env = await testEnv();
    const { id: clientId } = await env.admin('clients.create', { name: 'ООО Ромашка' });
    const chat = await env.employee('chat', ['chat']);
    const sio = await env.employee('sio', ['sio']);
    expect(codeOf(await env.core.call('glavbukh.card', { clientId }, chat.token))).toBe('OK');
    const input = { clientId, programme: 'GB', number: 'R-1', validUntil: '2027-01-01', status: 'certified' as const };
    expect(codeOf(await env.core.call('glavbukh.certificates.save', input, chat.token))).toBe('FORBIDDEN');
    const r = await env.core.call('glavbukh.certificates.save', input, sio.token);
    expect(codeOf(r)).toBe('OK');
    const id = (r as { data: { id: number } }).data.id;
    expect(codeOf(await env.core.call('glavbukh.certificates.revoke', { id, reason: 'x' }, chat.token))).toBe('FORBIDDEN');
    expect(codeOf(await env.core.call('glavbukh.certificates.revoke', { id, reason: ' ' }, sio.token))).toBe('BAD_INPUT');
    expect(codeOf(await env.core.call('glavbukh.certificates.revoke', { id, reason: 'Отозван КЦ' }, sio.token))).toBe('OK');
  });

  it('moves certificates with a client merge: the survivor shows them', async () => {
    env = await testEnv();
    const { id: a } = await env.admin('clients.create', { name: 'ООО Ромашка' });
    const { id: b } = await env.admin('clients.create', { name: 'Ромашка ООО' });
    await env.admin('glavbukh.certificates.save', { clientId: b, programme: 'GB', number: 'M-1', validUntil: '2027-05-01', status: 'certified' });
    const av = await env.admin('clients.get', { id: a });
    const bv = await env.admin('clients.get', { id: b });
    await env.admin('clients.merge', { survivorId: a, mergedId: b, survivorVersion: av.client.version, mergedVersion: bv.client.version });
    const card = await env.admin('glavbukh.card', { clientId: a });
    expect(card.certificates.map((c) => c.number)).toEqual(['M-1']);
    expect(card.badges[0]).toMatchObject({ status: 'certified', validUntil: '2027-05-01' });
    expect(await env.core.call('glavbukh.card', { clientId: b }, env.adminToken)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ reason: 'merged', ref: { id: a } }] } });
  });
});
