// Demo Главбух certificates: a share of the active clients certified (a few ending soon, one expired, a couple requested, one revoked), written through recordCertificate.
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import { recordCertificate } from '../features/glavbukh/certs';
import { Rng } from './random';

const day = (iso: string, plus: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
const minusYear = (iso: string) => `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`.replace('-02-29', '-02-28');

type Kind = 'certified' | 'expiring' | 'expired' | 'requested' | 'revoked';

/**
 * Gives about a quarter of the active clients a certificate of the Главбух programme: most valid for months, three
 * ending within the settings' 30 days, one expired (read as such by date), two requested, one revoked; the chief
 * accountant is named when the client has one. Returns how many were written.
 */
export function loadDemoGlavbukh(db: Db, today: string, employeeId: number, seed = 20261210): number {
  const rng = new Rng(seed);
  const clients = stmt(db, "SELECT id FROM clients WHERE status = 'active' ORDER BY id").all() as { id: number }[];
  const chosen = clients.filter(() => rng.chance(0.25));
  const kinds: Kind[] = ['expiring', 'expiring', 'expiring', 'expired', 'requested', 'requested', 'revoked'];
  let n = 0;
  chosen.forEach((c, i) => {
    const kind: Kind = kinds[i] ?? 'certified';
    const validUntil =
      kind === 'expiring' ? day(today, [5, 17, 28][i % 3]!) : kind === 'expired' ? day(today, -rng.int(10, 60)) : kind === 'requested' ? null : day(today, rng.int(45, 400));
    const issuedOn = validUntil ? minusYear(validUntil) : null;
    const contact = stmt(db, "SELECT c.id FROM contacts c JOIN contact_roles r ON r.contact_id = c.id WHERE c.client_id = ? AND r.role = 'chief_accountant' LIMIT 1").get(c.id) as
      | { id: number }
      | undefined;
    const at = `${issuedOn && issuedOn < today ? issuedOn : today}T07:30:00.000Z`;
    const w = { db, now: at, employeeId };
    const number = kind === 'requested' ? null : `GB-${(issuedOn ?? today).slice(2, 4)}-${String(1000 + i * 7 + rng.int(0, 6)).padStart(5, '0')}`;
    const r = recordCertificate(w, {
      clientId: c.id,
      contactId: contact?.id ?? null,
      programme: 'GB',
      number,
      issuedOn,
      validUntil,
      status: kind === 'requested' ? 'requested' : 'certified',
      source: 'manual',
    });
    if (kind === 'revoked') recordCertificate({ ...w, now: `${today}T07:30:00.000Z` }, { id: r.id, clientId: c.id, contactId: contact?.id ?? null, programme: 'GB', number, issuedOn, validUntil, status: 'revoked', source: 'manual', note: 'Отозван по письму КЦ' });
    n++;
  });
  return n;
}
