// Which certificate a client's badge shows: a valid one before an open request, a request (a renewal) before an expired one.
import { afterEach, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { recordCertificate } from '../../src-main/features/glavbukh/certs';
import { loadBadges } from '../../src-main/features/glavbukh/card';

let env: TestEnv;
afterEach(() => env?.close());

it('ranks valid, then requested, then expired (recorded so, with no date, or past its date)', async () => {
  env = await testEnv();
  const w = { db: env.core.db, now: '2026-12-01T10:00:00.000Z', employeeId: null };
  const today = '2026-12-01';
  const { id: a } = await env.admin('clients.create', { name: 'ООО «Альфа»' });
  // A list said «истёк» with no date; a new certificate is valid until 2027.
  recordCertificate(w, { clientId: a, programme: 'GB', number: 'OLD-1', status: 'expired', source: 'import' });
  recordCertificate(w, { clientId: a, programme: 'GB', number: 'NEW-1', validUntil: '2027-12-31', status: 'certified', source: 'import' });
  expect(loadBadges(env.core.db, a, today)).toMatchObject([{ status: 'certified', number: 'NEW-1' }]);

  const { id: b } = await env.admin('clients.create', { name: 'ООО «Бета»' });
  // Its certificate ended yesterday and a renewal is requested: the badge says «заявка».
  recordCertificate(w, { clientId: b, programme: 'GB', number: 'B-1', validUntil: '2026-11-30', status: 'certified', source: 'import' });
  expect(loadBadges(env.core.db, b, today)).toMatchObject([{ status: 'expired', number: 'B-1' }]);
  env.core.db.$client
    .prepare("INSERT INTO gb_certificates (client_id, programme, status, source, created_at, updated_at) VALUES (?, 'GB', 'requested', 'request', 'x', 'x')")
    .run(b);
  expect(loadBadges(env.core.db, b, today)).toMatchObject([{ status: 'requested' }]);
  // While the old one was still valid, it stood before the renewal request.
  expect(loadBadges(env.core.db, b, '2026-11-30')).toMatchObject([{ status: 'certified', number: 'B-1' }]);
});
