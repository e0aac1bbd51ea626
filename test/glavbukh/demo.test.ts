// The demo gives a new user Главбух data on every screen: certified clients, some ending soon, an expired one, requests, a revoked one.
import { afterAll, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';

let env: TestEnv;
afterAll(() => env?.close());

it('loads certificates of every state through the one writer, with their timeline events', async () => {
  env = await testEnv({ demo: { clients: 80 } });
  const names = async (filters: Record<string, unknown>) => (await env.admin('clients.search', { query: '', limit: 1000, filters: filters as never })).items;
  const certified = await names({ gb: 'certified' });
  expect(certified.length).toBeGreaterThanOrEqual(5);
  expect((await names({ gb: 'expiring' })).length).toBe(3);
  expect((await names({ gb: 'expired' })).length).toBe(1);
  expect((await names({ gb: 'requested' })).length).toBe(2);
  expect((await names({ gb: 'revoked' })).length).toBe(1);
  const card = await env.admin('glavbukh.card', { clientId: certified[0]!.id });
  expect(card.certificates[0]!.number).toMatch(/^GB-\d{2}-\d{5}$/);
  const events = (env.core.db.$client.prepare("SELECT COUNT(*) AS n FROM client_events WHERE kind LIKE 'gb_%'").get() as { n: number }).n;
  expect(events).toBeGreaterThanOrEqual(certified.length + 5);
});
