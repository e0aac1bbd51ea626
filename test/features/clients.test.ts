// Integration tests of the client core on a real SQLite file: create, search in every spelling, card, history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesChangedBy } from '../helpers/tables';
import { addSystems } from '../helpers/systems';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

async function seedClient() {
  const { id } = await env.admin('clients.create', {
    name: 'ООО «Ромашка»',
    inn: '7707083893',
    city: 'Владивосток',
    phones: [{ raw: '+7 (423) 222-33-44' }],
    emails: [{ email: 'Info@Romashka.ru' }],
  });
  await addSystems(env.admin);
  await env.admin('distributions.save', { clientId: id, systemCode: 'SKJP', distrNumber: 123, comp: 2, scheme: 'nss', schemeFrom: '2026-01-01' });
  return id;
}

describe('clients', () => {
  it('finds a client by name fragment in any case, ИНН, phone spelling, e-mail and distribution spelling', async () => {
    const id = await seedClient();
    await env.admin('clients.create', { name: 'ИП Петров', inn: '500100732259' });
    for (const query of ['ром', 'РОМАШ', '7707083893', '8 423 222 33 44', '4232223344', 'info@romashka', 'SKJP_000123_02', 'SKJP 123-2', '123']) {
      const r = await env.admin('clients.search', { query });
      expect(r.items.map((i) => i.id), query).toContain(id);
    }
    const none = await env.admin('clients.search', { query: 'SKJP 123-3' });
    expect(none.items.map((i) => i.id)).not.toContain(id);
  });

  it('finds a distribution typed in the КЦ number form through the catalogue, as an exact hit first', async () => {
    const id = await seedClient();
    // A client named with digits that look alike must not outrank the kit.
    const { id: other } = await env.admin('clients.create', { name: 'Школа 1 123' });
    for (const query of ['1_000123_02', '1_123_2', '1 123-2', '1_000123', '1-123', ' 1 000123 02 ']) {
      const r = await env.admin('clients.search', { query });
      expect(r.items[0], query).toMatchObject({ id, matched: { kind: 'distr', code: 'SKJP_000123_02' } });
    }
    // Another computer, a system number the catalogue does not know (2 is BUHS: no such kit), a system without a number.
    for (const query of ['1_000123_03', '2_000123_02', '9_000123_02']) {
      const r = await env.admin('clients.search', { query });
      expect(r.items.map((i) => i.id), query).not.toContain(id);
    }
    expect((await env.admin('clients.search', { query: '1_000123_02' })).items.map((i) => i.id)).not.toContain(other);
  });

  it('loads the full card with the current scheme and keeps counterparty history by date', async () => {
    const id = await seedClient();
    await env.admin('clients.changeCounterparty', {
      clientId: id,
      effectiveFrom: '2025-01-01',
      counterparty: { fullName: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001' },
    });
    await env.admin('clients.changeCounterparty', {
      clientId: id,
      effectiveFrom: '2026-06-01',
      basis: 'Доп. соглашение № 3',
      counterparty: { fullName: 'АО «Ромашка-Плюс»', inn: '7736207543' },
    });
    const card = await env.admin('clients.get', { id });
    expect(card.counterparty?.fullName).toBe('АО «Ромашка-Плюс»');
    expect(card.counterpartyHistory.map((h) => [h.effectiveFrom, h.effectiveTo])).toEqual([
      ['2026-06-01', null],
      ['2025-01-01', '2026-05-31'],
    ]);
    expect((await env.admin('clients.counterpartyOn', { clientId: id, date: '2026-05-31' }))?.fullName).toBe('ООО «Ромашка»');
    expect((await env.admin('clients.counterpartyOn', { clientId: id, date: '2026-06-01' }))?.fullName).toBe('АО «Ромашка-Плюс»');
    expect(await env.admin('clients.counterpartyOn', { clientId: id, date: '2024-12-31' })).toBeNull();
    expect(card.distributions[0]).toMatchObject({ code: 'SKJP_000123_02', scheme: 'nss' });
    expect(card.events.map((e) => e.kind)).toContain('counterparty_changed');
  });

  it('refuses an invalid ИНН with the field path and writes nothing', async () => {
    const changed = await tablesChangedBy(env.core.db.$client, async () => {
      const r = await env.core.call('clients.create', { name: 'Плохой ИНН', inn: '7707083894' }, env.adminToken);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'inn', reason: 'checksum' }] } });
    });
    expect(changed).toEqual([]);
  });

  it('rejects a stale version with CONFLICT', async () => {
    const id = await seedClient();
    const card = await env.admin('clients.get', { id });
    await env.admin('clients.update', { id, version: card.client.version, city: 'Находка' });
    const r = await env.core.call('clients.update', { id, version: card.client.version, city: 'Уссурийск' }, env.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await env.admin('clients.get', { id })).client.city).toBe('Находка');
  });

  it('mixes schemes per distribution and reports the mix', async () => {
    const id = await seedClient();
    const { id: d2 } = await env.admin('distributions.save', { clientId: id, systemCode: 'BUHS', distrNumber: 77, scheme: 'standard', schemeFrom: '2026-01-01' });
    expect((await env.admin('clients.get', { id })).schemes).toBe('mixed');
    await env.admin('distributions.setScheme', { id: d2, scheme: 'nss', effectiveFrom: '2026-11-01' });
    const card = await env.admin('clients.get', { id });
    expect(card.schemes).toBe('nss');
    expect(card.distributions.find((d) => d.id === d2)?.schemeHistory.map((h) => h.scheme)).toEqual(['nss', 'standard']);
    const listed = await env.admin('clients.search', { query: 'Ромашка' });
    expect(listed.items[0]?.schemes).toBe('nss');
  });
});

describe('the РИЦ calendar day', () => {
  it('is taken in the time zone from settings, not UTC', async () => {
    const { localDate } = await import('../../src-main/api/context');
    expect(localDate(new Date('2026-11-27T22:30:00Z'), 'Asia/Vladivostok')).toBe('2026-11-28');
    expect(localDate(new Date('2026-11-27T22:30:00Z'), 'Europe/Moscow')).toBe('2026-11-28');
    expect(localDate(new Date('2026-11-27T20:30:00Z'), 'Europe/Moscow')).toBe('2026-11-27');
    expect(localDate(new Date('2026-11-27T20:30:00Z'), 'No/Such_Zone')).toBe('2026-11-27');
    env.core.db.$client.prepare(`UPDATE settings SET value = '"Asia/Vladivostok"' WHERE key = 'timezone'`).run();
    env.clock.set('2026-11-27T20:00:00Z'); // 06:00 on the 28th in Vladivostok
    const { id } = await env.admin('clients.create', { name: 'ООО «Восток»' });
    // Confirming "today" in Vladivostok is not a future date even though UTC is still on the 27th.
    await env.admin('readiness.confirm', { clientId: id, fieldCode: 'phone', value: '+7 423 222-33-44', confirmedAt: '2026-11-28' });
    const card = await env.admin('clients.get', { id });
    expect(card.readiness[0]?.fields.find((f) => f.code === 'phone')?.confirmedAt).toBe('2026-11-28');
  });
});
