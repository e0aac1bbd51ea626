// The paperwork of one demo client as dated steps: contract, specifications, agreements, monthly invoices and acts, and the originals coming back.
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import { formatDistr } from '../../src-shared/distr';
import { formatMonth } from '../../src-shared/format';
import type { DocumentType } from '../../src-shared/doc-types';
import type { DocumentCreateInput } from '../../src-shared/api/documents';
import { addDaysIso, daysBetween, plannedReturnDate } from '../features/documents/return-rules';
import { returnPeriodOf } from '../features/documents/settings.repo';
import type { DemoEnv } from './demo';
import { moment } from './stories';
import { DEMO_SYSTEMS, daysBefore } from './generator';
import type { Rng } from './random';

/** One call of the loader at a date; steps of all clients run in date order, so numbers follow dates. */
export interface DocStep {
  date: string;
  /** Same-day order: a contract before its specification, a document before its return. */
  order: number;
  run: () => Promise<void>;
}

/** The doc client: its СИО, counterparty periods and distributions. */
export interface DocClient {
  id: number;
  sio: string;
  sioId: number | null;
  links: { effectiveFrom: string; counterpartyId: number; basis: string | null }[];
  kits: { id: number; systemCode: string; distrNumber: number; comp: number; networkType: string }[];
}

/** Monthly price of servicing a system (roubles with VAT); the name billed is the catalogue's. */
const PRICES: Record<string, number> = {
  ROS: 9_800,
  BUHS: 7_400,
  SKJP: 12_600,
  BORB: 8_900,
  LAW: 6_300,
  QSA: 5_200,
  ARB: 4_800,
  PAP: 3_900,
  CMB: 11_200,
  FIN: 5_600,
  KOR: 4_300,
};
const NAMES = new Map(DEMO_SYSTEMS.map((s) => [s.code, s.name]));
const NETWORK_FACTOR: Record<string, number> = { local: 1, network: 1.6, flash: 0.9, online: 0.8, internet: 0.85 };

/** VAT 20 % until 2025, 22 % from 2026 (the general rate changed). */
const vatRate = (date: string) => (date >= '2026-01-01' ? 22 : 20);
const monthEnd = (ym: string) => addDaysIso(`${nextMonth(ym)}-01`, -1);
function nextMonth(ym: string): string {
  const [y, m] = [Number(ym.slice(0, 4)), Number(ym.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
function addMonths(ym: string, k: number): string {
  const total = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
/** Public holidays (month-day) on which nobody dates documents; January's run to the 8th. */
const HOLIDAYS = new Set(['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04', '12-31']);

/** A working day (Mon–Fri, not a holiday) on or after `day` of the month. */
function workday(ym: string, day: number): string {
  let d = `${ym}-${String(day).padStart(2, '0')}`;
  for (;;) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && !HOLIDAYS.has(d.slice(5))) return d;
    d = addDaysIso(d, 1);
  }
}
const fromRu = (s: string) => `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)}`;

interface Priced {
  id: number;
  priceKop: number | null;
  line: (period: string, date: string) => string;
}

function priceKits(c: DocClient): Priced[] {
  return c.kits.map((k) => {
    const rub = PRICES[k.systemCode] ?? 6_000;
    const name = NAMES.get(k.systemCode) ?? k.systemCode;
    // Further computers of a network kit are covered by the first one's price.
    const priceKop = k.comp > 1 ? null : Math.round((rub * (NETWORK_FACTOR[k.networkType] ?? 1)) / 10) * 1000;
    const code = formatDistr({ system: k.systemCode, number: k.distrNumber, comp: k.comp });
    return { id: k.id, priceKop, line: (period) => `Информационное обслуживание: КонсультантПлюс ${name} (${code}) за ${formatMonth(period)}` };
  });
}

/** The original comes back in time, late, or not yet; signed through ЭДО it counts as returned on the signing day. */
function returnOf(rng: Rng, date: string, planned: string | null, today: string, overdueShare?: number): { date: string; via: 'paper' | 'edo' } | null {
  if (!planned) return null;
  const edo = rng.chance(0.2);
  const r = rng.next();
  if (planned >= today) {
    if (r > 0.45) return null;
    const latest = daysBetween(date, today);
    return { date: addDaysIso(date, rng.int(0, Math.max(0, edo ? Math.min(2, latest) : latest))), via: edo ? 'edo' : 'paper' };
  }
  const age = daysBetween(planned, today);
  const overdue = overdueShare ?? (age > 150 ? 0.03 : age > 45 ? 0.1 : 0.3);
  if (r < overdue) return null;
  if (!edo && r < overdue + 0.27) return { date: addDaysIso(planned, rng.int(1, Math.min(45, age))), via: 'paper' };
  return { date: addDaysIso(date, rng.int(0, edo ? Math.min(2, daysBetween(date, planned)) : daysBetween(date, planned))), via: edo ? 'edo' : 'paper' };
}

const BROUGHT_BY = ['курьер заказчика', 'бухгалтер заказчика', 'Почта России, заказное письмо'];

/** The steps of one client; `ids` collects created documents by a local key so later steps can refer to them. */
export function clientDocSteps(env: DemoEnv, db: Db, c: DocClient, seller: string): DocStep[] {
  const { rng, call } = env;
  const today = env.actors.today;
  const steps: DocStep[] = [];
  const ids = new Map<string, number>();
  const kits = priceKits(c);
  const contractDate = c.links[0]!.effectiveFrom;
  const at = (d: string) => moment(rng, d, today);
  // Originals are marked at the end of the working day (after the day's documents), never after "now".
  const lateAt = (d: string) => {
    const t = `${d}T07:${String(rng.int(10, 59)).padStart(2, '0')}:00.000Z`;
    return t < env.nowIso ? t : env.nowIso;
  };

  /** A document and, when its original comes back, the return mark. */
  const doc = (
    key: string,
    type: DocumentType,
    date: string,
    order: number,
    who: string,
    input: () => Omit<DocumentCreateInput, 'type' | 'clientId' | 'date'>,
    overdueShare?: number,
  ) => {
    if (date > today) return;
    const back = returnOf(rng, date, plannedReturnDate(date, returnPeriodOf(db, type)), today, overdueShare);
    steps.push({
      date,
      order,
      run: async () => {
        const parentId = type === 'contract' ? undefined : ids.get('contract');
        const r = await call(who, 'documents.create', { type, clientId: c.id, date, parentId, ...input() }, at(date));
        ids.set(key, r.id);
      },
    });
    if (!back) return;
    const paper = back.via === 'paper';
    const byEmployee = paper && c.sioId != null && rng.chance(0.55);
    const note = paper && !byEmployee && rng.chance(0.35) ? rng.pick(BROUGHT_BY) : null;
    steps.push({
      date: back.date,
      order: 9,
      run: async () => {
        await call(c.sio, 'documents.markReturned', { id: ids.get(key)!, date: back.date, via: back.via, broughtById: byEmployee ? c.sioId : null, broughtBy: note }, lateAt(back.date));
      },
    });
  };

  // The contract and the first specification with the kits installed under it.
  doc('contract', 'contract', contractDate, 0, seller, () => ({
    form: rng.chance(0.7) ? 'es' : 'standard',
    signerCode: 'director',
    vatMode: 'included',
    vatRate: vatRate(contractDate),
  }));
  const distinct = [...new Set(c.kits.map((k) => `${k.systemCode}${k.distrNumber}`))];
  const splitAt = distinct.length >= 2 && rng.chance(0.55) ? rng.int(1, distinct.length - 1) : distinct.length;
  const first = new Set(distinct.slice(0, splitAt));
  const specItems = (inFirst: boolean) =>
    kits.filter((k, i) => first.has(`${c.kits[i]!.systemCode}${c.kits[i]!.distrNumber}`) === inFirst).map((k) => ({ distributionId: k.id, priceKop: k.priceKop }));
  doc('spec1', 'specification', contractDate, 1, seller, () => ({ distributions: specItems(true), vatMode: 'included', vatRate: vatRate(contractDate), signerCode: 'director' }));
  if (splitAt < distinct.length) {
    const d = addDaysIso(contractDate, rng.int(20, 120));
    doc('spec2', 'specification', d, 1, c.sio, () => ({
      distributions: specItems(false),
      vatMode: 'included',
      vatRate: vatRate(d),
      comment: 'Включение в обслуживание дополнительного комплекта',
    }));
  }

  // Agreements: the new VAT rate from 2026 for older contracts, and the change of counterparty where there was one.
  if (contractDate < '2025-12-01' && rng.chance(0.45)) {
    const d = workday('2025-12', rng.int(1, 18));
    doc('vat', 'additional_agreement', d, 2, seller, () => ({
      agreementKind: 'general',
      signerCode: 'director',
      subject: 'Стороны договорились, что с 01.01.2026 стоимость услуг по Спецификациям к Договору увеличивается в связи с изменением ставки НДС с 20 % до 22 % и включает НДС по ставке 22 %.',
    }));
  }
  // A recent agreement on electronic document exchange: the report of this month has some missing originals to chase.
  const edoDate = daysBefore(today, rng.int(3, 40));
  /** From the month of the ЭДО agreement the client gets a УПД instead of an act (same rng draws, so the plan stays as it was). */
  let updFrom: string | null = null;
  if (edoDate > contractDate && rng.chance(0.25)) {
    updFrom = edoDate.slice(0, 7);
    doc(
      'edo',
      'additional_agreement',
      edoDate,
      2,
      c.sio,
      () => ({
        agreementKind: 'general',
        signerCode: 'sales_head',
        subject: 'Стороны договорились обмениваться актами, счетами и спецификациями по Договору в электронном виде через оператора электронного документооборота; документ, подписанный усиленной квалифицированной электронной подписью, равнозначен документу на бумаге.',
      }),
      0.5,
    );
  }
  for (const link of c.links.slice(1)) {
    const signed = /от (\d\d\.\d\d\.\d{4})$/.exec(link.basis ?? '')?.[1];
    const d = signed && fromRu(signed) > contractDate ? fromRu(signed) : addDaysIso(link.effectiveFrom, -10) > contractDate ? addDaysIso(link.effectiveFrom, -10) : contractDate;
    doc(`change-${link.effectiveFrom}`, 'additional_agreement', d, 2, seller, () => ({
      agreementKind: 'counterparty_change',
      signerCode: 'director',
      newCounterpartyId: link.counterpartyId,
      changeFrom: link.effectiveFrom,
    }));
  }

  // Monthly invoices (at the start of the month) and acts or УПД (with the СИО's last visit of the month).
  const changeMonth = c.links[1]?.effectiveFrom.slice(0, 7);
  const nowMonth = today.slice(0, 7);
  let start = addMonths(nowMonth, -rng.int(3, 7));
  if (changeMonth && changeMonth <= nowMonth && addMonths(changeMonth, -2) < start) start = addMonths(changeMonth, -2);
  const firstBilled = nextMonth(contractDate.slice(0, 7));
  if (start < firstBilled) start = firstBilled;
  const billed = kits.filter((k) => k.priceKop != null);
  for (let m = start; m <= nowMonth; m = nextMonth(m)) {
    const period = `${m}-01`;
    const lines = (date: string) =>
      billed.map((k) => ({ name: k.line(period, date), qty: 1, unit: 'мес.', priceKop: date >= '2026-01-01' && contractDate < '2026-01-01' ? Math.round((k.priceKop! * 1.08) / 1000) * 1000 : k.priceKop! }));
    const invDate = workday(m, rng.int(1, 4));
    doc(`inv-${m}`, 'invoice', invDate, 3, c.sio, () => ({ periodFrom: period, periodTo: monthEnd(m), vatMode: 'included', vatRate: vatRate(invDate), lines: lines(invDate) }));
    const actDate = workday(m, rng.int(18, 24));
    doc(`act-${m}`, updFrom && m >= updFrom ? 'upd' : 'act', actDate, 4, c.sio, () => ({ periodFrom: period, periodTo: monthEnd(m), vatMode: 'included', vatRate: vatRate(actDate), lines: lines(actDate) }));
  }
  return steps;
}

/** Active clients with a counterparty and kits, as the plan needs them. */
export function docClients(db: Db, loginById: Map<number, string>): DocClient[] {
  const rows = stmt(
    db,
    `SELECT c.id, c.sio_id AS sioId FROM clients c WHERE c.status = 'active'
       AND EXISTS (SELECT 1 FROM client_counterparties l WHERE l.client_id = c.id) AND EXISTS (SELECT 1 FROM distributions d WHERE d.client_id = c.id)
     ORDER BY c.id`,
  ).all() as { id: number; sioId: number | null }[];
  return rows.map((r) => ({
    id: r.id,
    sioId: r.sioId,
    sio: (r.sioId != null && loginById.get(r.sioId)) || 'service.head',
    links: stmt(db, 'SELECT effective_from AS effectiveFrom, counterparty_id AS counterpartyId, basis FROM client_counterparties WHERE client_id = ? ORDER BY effective_from').all(
      r.id,
    ) as DocClient['links'],
    kits: stmt(
      db,
      'SELECT id, system_code AS systemCode, distr_number AS distrNumber, comp, network_type AS networkType FROM distributions WHERE client_id = ? ORDER BY id',
    ).all(r.id) as DocClient['kits'],
  }));
}
