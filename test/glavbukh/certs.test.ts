// Recording certificates: numbers unique per programme after normalising, the holder named, the same certificate again a no-op.
import { afterEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { CertNumberTaken, recordCertificate, gbEffectiveStatus } from '../../src-main/features/glavbukh/certs';
import { normaliseCertNumber } from '../../src-shared/glavbukh';
import { tx } from '../../src-main/db/connection';

let env: TestEnv;
afterEach(() => env?.close());

it('normalises numbers: trimmed, upper case, no spaces of any kind', () => {
  expect(normaliseCertNumber('  gb-12 34\u00a05 ')).toBe('GB-12345');
  expect(normaliseCertNumber('ＧＢ１２')).toBe('GB12');
});

it('keeps a number unique per programme, names the holder, and changes nothing for the same certificate again', async () => {
  env = await testEnv();
  const { id: a } = await env.admin('clients.create', { name: 'ООО Ромашка' });
  const { id: b } = await env.admin('clients.create', { name: 'ООО Лютик' });
  const w = { db: env.core.db, now: '2026-12-01T10:00:00.000Z', employeeId: null };
  const first = recordCertificate(w, { clientId: a, programme: 'GB', number: 'GB-001', validUntil: '2027-12-01', status: 'certified', source: 'manual' });
  expect(first.outcome).toBe('added');
  expect(recordCertificate(w, { clientId: a, programme: 'GB', number: ' gb-001 ', validUntil: '2027-12-01', status: 'certified', source: 'import' }).outcome).toBe('same');
  let err: unknown;
  try {
    recordCertificate(w, { clientId: b, programme: 'GB', number: 'gb-0 01', status: 'certified', source: 'import' });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(CertNumberTaken);
  expect((err as CertNumberTaken).issues?.[0]).toMatchObject({ path: 'number', reason: 'duplicate', ref: { id: a, name: 'ООО Ромашка' } });
  // Another programme may use the same number.
  expect(recordCertificate(w, { clientId: b, programme: 'GB2', number: 'GB-001', status: 'certified', source: 'manual' }).outcome).toBe('added');
  // The database itself refuses a duplicate written around the function.
  expect(() =>
    env.core.db.$client
      .prepare("INSERT INTO gb_certificates (client_id, programme, number, number_norm, status, source, created_at, updated_at) VALUES (?, 'GB', 'x', 'GB-001', 'certified', 'manual', '', '')")
      .run(b),
  ).toThrow(/UNIQUE/);
  const events = env.core.db.$client.prepare("SELECT kind FROM client_events WHERE client_id = ? AND kind LIKE 'gb_%'").all(a) as { kind: string }[];
  expect(events.map((e) => e.kind)).toEqual(['gb_certified']);
});

it('fills an open request in when its number arrives, and reads a passed certificate as expired', async () => {
  env = await testEnv();
  const { id: a } = await env.admin('clients.create', { name: 'ООО Ромашка' });
  const w = { db: env.core.db, now: '2026-12-01T10:00:00.000Z', employeeId: null };
  const req = tx(env.core.db, () => recordCertificate(w, { clientId: a, programme: 'GB', status: 'requested', source: 'request' }));
  const got = recordCertificate(w, { clientId: a, programme: 'GB', number: 'N-7', validUntil: '2026-11-30', status: 'certified', source: 'import' });
  expect(got).toEqual({ id: req.id, outcome: 'updated' });
  const s = env.core.db.$client.prepare(`SELECT ${gbEffectiveStatus('c', '?')} AS s FROM gb_certificates c WHERE id = ?`);
  expect((s.get('2026-11-30', req.id) as { s: string }).s).toBe('certified');
  expect((s.get('2026-12-01', req.id) as { s: string }).s).toBe('expired');
});

it('keeps a revoked certificate revoked: a list carrying its number changes nothing, adding it by hand is refused', async () => {
  env = await testEnv();
  const { id: a } = await env.admin('clients.create', { name: 'ООО Ромашка' });
  const w = { db: env.core.db, now: '2026-12-01T10:00:00.000Z', employeeId: null };
  const c = recordCertificate(w, { clientId: a, programme: 'GB', number: 'R-1', validUntil: '2027-12-01', status: 'certified', source: 'import' });
  recordCertificate(w, { id: c.id, clientId: a, programme: 'GB', number: 'R-1', validUntil: '2027-12-01', status: 'revoked', source: 'manual', note: 'ошибка КЦ' });
  expect(recordCertificate(w, { clientId: a, programme: 'GB', number: 'R-1', validUntil: '2027-12-01', status: 'certified', source: 'import' })).toEqual({ id: c.id, outcome: 'same' });
  expect(() => recordCertificate(w, { clientId: a, programme: 'GB', number: 'r-1', status: 'certified', source: 'manual' })).toThrow(/revoked/);
  expect((env.core.db.$client.prepare('SELECT status FROM gb_certificates WHERE id = ?').get(c.id) as { status: string }).status).toBe('revoked');
});
