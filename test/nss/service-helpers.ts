// Test helpers of НСС seminars and cycles: a client with a НСС or a standard kit, its contact, the month figures read back.
import type { TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';

let seq = 0;

/** A client with one kit of the scheme from 2026-01-01 and one contact person. */
export async function nssClient(env: TestEnv, scheme: 'nss' | 'standard', name = 'ООО Ромашка') {
  await addSystems(env.admin, ['SKJP']);
  const { id: clientId } = await env.admin('clients.create', { name: `${name} ${++seq}` });
  const { id: kitId } = await env.admin('distributions.save', { clientId, systemCode: 'SKJP', distrNumber: 5000 + seq, scheme, schemeFrom: '2026-01-01' });
  const { id: contactId } = await env.admin('contacts.save', { clientId, fullName: `Иванова Мария ${seq}` });
  return { clientId, kitId, contactId };
}

/** The `seminars` figure of the client's month, null when there is no row. */
export function seminarsIn(env: TestEnv, clientId: number, month: string): number | null {
  const row = env.core.db.$client.prepare('SELECT seminars FROM nss_client_months WHERE client_id = ? AND month = ?').get(clientId, month) as { seminars: number } | undefined;
  return row ? row.seminars : null;
}

export const codeOf = (r: { ok: boolean; error?: { code: string; issues?: { reason: string }[] } }) => (r.ok ? 'OK' : r.error!.code);
export const reasonOf = (r: { ok: boolean; error?: { issues?: { reason: string }[] } }) => (r.ok ? null : (r.error?.issues?.[0]?.reason ?? null));
