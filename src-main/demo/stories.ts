// The life of one demo client told through API calls in date order: creation, contract, kits, schemes, key flag, readiness.
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import type { CounterpartyInput, Scheme } from '../../src-shared/api/common';
import type { DemoCall } from './demo';
import {
  DISTR_SYSTEMS,
  banks,
  cityPhone,
  counterpartyOf,
  daysBefore,
  mobilePhone,
  orgEmail,
  organisation,
  ruDate,
  type Org,
} from './generator';
import { Rng } from './random';
import { CLIENT_COMMENTS, MANUAL_EVENTS } from './texts';
import { addContacts, confirmReadiness, type ContactPeople } from './stories.parts';

export interface DemoActors {
  /** Employee ids by login. */
  ids: Map<string, number>;
  sio: string[];
  pm: string[];
  sales: string[];
  callers: string[];
  managers: string[];
  /** The demo's "today" (ISO date). */
  today: string;
}

const BANKS = banks(new Rng(7));
const usedDistr = new WeakMap<Db, Set<string>>();

type Status = 'prospect' | 'active' | 'suspended' | 'closed';

/** A moment on `date` during a Far Eastern working day (UTC+10: 00:00–08:00 UTC), never after "now". */
export function moment(rng: Rng, date: string, today: string): string {
  const t = `${date}T${String(rng.int(0, 7)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
  return date >= today ? `${today}T00:00:00.000Z` : t;
}

/** `days` after `iso`, but never after `today`. */
function after(iso: string, days: number, today: string): string {
  const d = daysBefore(iso, -days);
  return d > today ? today : d;
}

function firstOfMonth(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

function freeNumber(rng: Rng, db: Db, system: string): number {
  let used = usedDistr.get(db);
  if (!used) {
    used = new Set((stmt(db, 'SELECT system_code || distr_number AS k FROM distributions').all() as { k: string }[]).map((r) => r.k));
    usedDistr.set(db, used);
  }
  for (;;) {
    const n = rng.int(1000, 999_999);
    if (!used.has(system + n)) {
      used.add(system + n);
      return n;
    }
  }
}

const version = (db: Db, id: number) => (stmt(db, 'SELECT version FROM clients WHERE id = ?').get(id) as { version: number }).version;

interface Kit {
  id: number;
  systemCode: string;
  distrNumber: number;
  comp: number;
  networkType: 'local' | 'network' | 'flash' | 'online' | 'internet';
  chatEnabled: boolean;
  address: string | null;
  scheme: Scheme;
}

async function installKits(rng: Rng, call: DemoCall, a: DemoActors, db: Db, clientId: number, org: Org, sio: string, date: string): Promise<Kit[]> {
  const kits: Kit[] = [];
  const count = rng.weighted([[1, 35], [2, 35], [3, 20], [4, 10]] as const);
  const systems = new Set<string>();
  while (systems.size < count) systems.add(rng.weighted(DISTR_SYSTEMS));
  const branch = rng.chance(0.2) ? `${org.city.name}, ${org.city.streets[0]}, д. ${rng.int(1, 90)} (филиал)` : null;
  for (const systemCode of systems) {
    const networkType = rng.weighted([['local', 50], ['network', 22], ['flash', 10], ['online', 13], ['internet', 5]] as const);
    const distrNumber = freeNumber(rng, db, systemCode);
    // Network kits of K+ are often installed on several computers under one number.
    const comps = networkType === 'network' && rng.chance(0.5) ? rng.int(2, 3) : 1;
    const scheme: Scheme = rng.chance(0.45) ? 'nss' : 'standard';
    const installed = after(date, rng.int(0, 10), a.today);
    for (let comp = 1; comp <= comps; comp++) {
      const kit = { systemCode, distrNumber, comp, networkType, chatEnabled: scheme === 'nss' && rng.chance(0.35), address: comp > 1 ? branch : null, scheme };
      // Онлайн-диалог is on from the installation: the history gets its first row on that date.
      const { id } = await call(sio, 'distributions.save', { clientId, ...kit, schemeFrom: installed, chatFrom: installed }, moment(rng, installed, a.today));
      kits.push({ id, ...kit });
    }
  }
  return kits;
}

async function changeSchemes(rng: Rng, call: DemoCall, a: DemoActors, kits: Kit[], since: string): Promise<void> {
  for (const kit of kits) {
    // Most switches go to НСС (the КЦ promotes it); a few clients return to the standard scheme.
    const to: Scheme | null = kit.scheme === 'standard' ? (rng.chance(0.35) ? 'nss' : null) : rng.chance(0.06) ? 'standard' : null;
    if (!to) continue;
    const from = firstOfMonth(after(since, rng.int(40, 700), a.today));
    if (from <= since) continue;
    const who = rng.pick([...a.pm, ...a.sio]);
    // Entered a few days before it takes effect, never before the contract.
    const entered = daysBefore(from, rng.int(0, 7));
    await call(who, 'distributions.setScheme', { id: kit.id, scheme: to, effectiveFrom: from }, moment(rng, entered > since ? entered : from, a.today));
    kit.scheme = to;
  }
}

/** The client's business moves to another legal entity from the 1st of a month (an additional agreement). */
async function moveToNewEntity(rng: Rng, call: DemoCall, a: DemoActors, db: Db, clientId: number, org: Org, contractDate: string, serial: number, future: boolean) {
  const fresh = organisation(rng, serial, 'ooo', org.city);
  const b = org.kind === 'ip' ? `${org.director.last} и партнёры` : `${org.brand.replace(/ ДВ$/, '')} ДВ`;
  const next: Org = { ...fresh, brand: b, name: `ООО «${b}»`, fullName: `Общество с ограниченной ответственностью «${b}»`, director: org.kind === 'ip' ? org.director : fresh.director };
  const effectiveFrom = future ? firstOfMonth(daysBefore(a.today, -35)) : firstOfMonth(after(contractDate, rng.int(120, 600), a.today));
  if (effectiveFrom <= contractDate) return;
  const signed = future ? daysBefore(a.today, rng.int(1, 5)) : daysBefore(effectiveFrom, rng.int(5, 20));
  const cp: CounterpartyInput = counterpartyOf(rng, next, rng.pick(BANKS));
  await call(
    rng.pick(a.sales),
    'clients.changeCounterparty',
    { clientId, effectiveFrom, basis: `Дополнительное соглашение № 2 от ${ruDate(signed)}`, counterparty: cp },
    moment(rng, signed > contractDate ? signed : effectiveFrom, a.today),
  );
  if (!future) {
    await call(
      rng.pick(a.sales),
      'clients.update',
      { id: clientId, version: version(db, clientId), name: next.name, inn: next.inn, kpp: next.kpp, legalAddress: next.legalAddress },
      moment(rng, effectiveFrom, a.today),
    );
  }
}

export async function loadClientStory(rng: Rng, call: DemoCall, a: DemoActors, i: number, db: Db): Promise<void> {
  const { today } = a;
  // Every 30th client changes its counterparty; a status is picked so that such clients have a contract.
  const movesEntity = i % 30 === 7;
  const status: Status = movesEntity ? 'active' : rng.weighted([['prospect', 22], ['active', 62], ['suspended', 9], ['closed', 7]] as const);
  const org = organisation(rng, i + 1);
  const created = daysBefore(today, status === 'prospect' ? rng.int(2, 160) : rng.int(200, 1100));
  const creator = status === 'prospect' ? rng.pick([...a.callers, ...a.sales]) : rng.pick(a.sales);
  const phones = [{ raw: cityPhone(rng, org.city, rng.int(0, 4)).raw, note: rng.chance(0.3) ? 'приёмная' : null }];
  if (rng.chance(0.35)) phones.push({ raw: cityPhone(rng, org.city, 0).raw, note: 'бухгалтерия' });
  if (org.kind === 'ip' && rng.chance(0.6)) phones.push({ raw: mobilePhone(rng).raw, note: 'мобильный' });
  const emails = [{ email: orgEmail(rng, org), note: null as string | null }];
  if (org.domain && rng.chance(0.4)) emails.push({ email: `buh@${org.domain}`, note: 'бухгалтерия' });
  // Callers often start with only a name and a phone; the ИНН arrives later.
  const knowsInn = status !== 'prospect' || rng.chance(0.7);
  const { id } = await call(
    creator,
    'clients.create',
    {
      name: org.name,
      inn: knowsInn ? org.inn : null,
      kpp: knowsInn ? org.kpp : null,
      legalAddress: org.legalAddress,
      actualAddress: org.actualAddress,
      region: org.city.region,
      city: org.city.name,
      status: 'prospect',
      comment: rng.chance(0.15) ? rng.pick(CLIENT_COMMENTS) : null,
      phones,
      emails,
    },
    moment(rng, created, today),
  );
  const people: ContactPeople = await addContacts(rng, call, a, db, id, org, creator, after(created, rng.int(0, 3), today));

  if (status !== 'prospect') {
    const contractDate = after(created, rng.int(3, 40), today);
    const seller = rng.pick(a.sales);
    await call(
      seller,
      'clients.changeCounterparty',
      {
        clientId: id,
        effectiveFrom: contractDate,
        basis: `Договор № ${rng.int(10, 999)}/${contractDate.slice(2, 4)} от ${ruDate(contractDate)}`,
        counterparty: counterpartyOf(rng, org, rng.pick(BANKS)),
      },
      moment(rng, contractDate, today),
    );
    const sio = rng.pick(a.sio);
    const kits = await installKits(rng, call, a, db, id, org, sio, contractDate);
    const pm = rng.chance(0.6) ? rng.pick(a.pm) : null;
    await call(
      seller,
      'clients.update',
      { id, version: version(db, id), status: 'active', sioId: a.ids.get(sio)!, pmId: pm ? a.ids.get(pm)! : null },
      moment(rng, after(contractDate, 1, today), today),
    );
    await changeSchemes(rng, call, a, kits, contractDate);
    if (movesEntity) await moveToNewEntity(rng, call, a, db, id, org, contractDate, 100_000 + i, i % 90 === 37);
    if (i % 12 === 3 || (status === 'active' && rng.chance(0.05))) {
      const responsible = rng.pick([...(pm ? [pm] : a.pm), 'head', ...a.sales]);
      await call(rng.pick(a.managers), 'clients.setKey', { id, isKey: true, responsibleId: a.ids.get(responsible)! }, moment(rng, after(contractDate, rng.int(30, 400), today), today));
    }
    if (status === 'suspended' || status === 'closed') {
      const when = after(contractDate, rng.int(100, 800), today);
      for (const k of kits) {
        const { id: kitId, scheme: _s, ...kit } = k;
        // A closed client's kits lose Онлайн-диалог from that day (a row «off» in the history); a suspended one keeps it.
        const chatEnabled = status === 'closed' ? false : kit.chatEnabled;
        await call(sio, 'distributions.save', { clientId: id, id: kitId, ...kit, chatEnabled, state: status }, moment(rng, when, today));
      }
      await call(seller, 'clients.update', { id, version: version(db, id), status }, moment(rng, when, today));
    }
  }

  await confirmReadiness(rng, call, a, db, id, org, people, phones[0]!.raw, emails[0]!.email, created);
  const notes = rng.weighted([[0, 25], [1, 35], [2, 25], [3, 15]] as const);
  for (let n = 0; n < notes; n++) {
    const who = rng.pick([...a.sio, ...a.pm, ...a.sales, ...a.callers, 'chat']);
    await call(who, 'events.add', { clientId: id, text: rng.pick(MANUAL_EVENTS) }, moment(rng, after(created, rng.int(1, 900), today), today));
  }
}
