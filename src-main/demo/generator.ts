// Realistic Russian data for demo and scale loads: people, organisations with valid requisites, phones, e-mails.
import type { CounterpartyInput } from '../../src-shared/api/common';
import { Rng } from './random';
import {
  BANKS,
  BUDGET_FORMS,
  CITIES,
  FEMALE_NAMES,
  INVARIANT_SURNAMES,
  MAIL_DOMAINS,
  MALE_NAMES,
  NAME_HEADS,
  NAME_SUFFIXES,
  NAME_TAILS,
  NAME_WORDS,
  PATRONYMICS,
  POSITIONS_DIRECTOR,
  SURNAMES,
  feminineSurname,
  translit,
  type City,
} from './pools';
import { bik, corrAccount, innLegal, innPerson, kppFor, ogrn, ogrnip, settlementAccount } from './requisites.gen';

export { Rng };

export interface Person {
  last: string;
  first: string;
  middle: string;
  female: boolean;
  /** Иванов Иван Иванович */
  full: string;
  /** Иванов И. И. */
  short: string;
}

export function person(rng: Rng, female = rng.chance(0.55)): Person {
  const male = rng.chance(0.93) ? rng.pick(SURNAMES) : rng.pick(INVARIANT_SURNAMES);
  const last = female ? feminineSurname(male) : male;
  const first = female ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
  const middle = rng.pick(PATRONYMICS)[female ? 1 : 0];
  return { last, first, middle, female, full: `${last} ${first} ${middle}`, short: `${last} ${first[0]}. ${middle[0]}.` };
}

export function city(rng: Rng): City {
  return rng.weighted(CITIES.map((c) => [c, c.weight] as const));
}

export interface Phone {
  /** The 10-digit national number (what search indexes). */
  digits: string;
  /** As a person typed it. */
  raw: string;
}

/** Splits a local number into the usual groups: 222-33-44, 22-33-44, 2-33-44. */
function localGroups(local: string): string {
  return `${local.slice(0, local.length - 4)}-${local.slice(-4, -2)}-${local.slice(-2)}`;
}

/** Writes a 10-digit number the ways people do; every form normalises back to the same digits. */
export function spellPhone(digits: string, areaLen: number, style: number): string {
  const area = digits.slice(0, areaLen);
  const local = digits.slice(areaLen);
  switch (style % 5) {
    case 0:
      return `+7 (${area}) ${localGroups(local)}`;
    case 1:
      return `8 (${area}) ${localGroups(local)}`;
    case 2:
      return `8-${area}-${localGroups(local)}`;
    case 3:
      return `+7${digits}`;
    default:
      return `8 ${area} ${local}`;
  }
}

export function cityPhone(rng: Rng, c: City, style = 0): Phone {
  const localLen = 10 - c.areaCode.length;
  const digits = c.areaCode + String(rng.int(2, 9)) + rng.digits(localLen - 1);
  return { digits, raw: spellPhone(digits, c.areaCode.length, style) };
}

const MOBILE_CODES = ['914', '924', '902', '908', '984', '999', '964', '951', '953', '962'];

export function mobilePhone(rng: Rng, style = 2): Phone {
  const digits = rng.pick(MOBILE_CODES) + rng.digits(7);
  return { digits, raw: spellPhone(digits, 3, style) };
}

export function address(rng: Rng, c: City, office = true): string {
  const index = `${c.postal}${String(rng.int(0, 99)).padStart(3, '0')}`;
  const region = c.region.startsWith('г. ') ? '' : `${c.region}, `;
  const house = `д. ${rng.int(1, 180)}${rng.chance(0.15) ? rng.pick(['А', 'Б', 'В']) : ''}`;
  const room = office && rng.chance(0.7) ? `, ${rng.pick(['офис', 'оф.', 'каб.'])} ${rng.int(1, 520)}` : '';
  return `${index}, ${region}г. ${c.name}, ${rng.pick(c.streets)}, ${house}${room}`;
}

export type OrgKind = 'ooo' | 'ao' | 'ip' | 'budget';

export interface Org {
  kind: OrgKind;
  /** Name in lists: ООО «Дальморепродукт». */
  name: string;
  /** Full legal name: Общество с ограниченной ответственностью «Дальморепродукт». */
  fullName: string;
  /** The bare brand, e.g. «Дальморепродукт», for e-mail domains. */
  brand: string;
  inn: string;
  kpp: string | null;
  ogrn: string;
  city: City;
  legalAddress: string;
  actualAddress: string;
  registeredYear: number;
  director: Person;
  directorPosition: string;
  /** Company mail domain, null for an ИП with a personal mailbox. */
  domain: string | null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function brand(rng: Rng): string {
  const base = rng.chance(0.6) ? capitalise(rng.pick(NAME_HEADS) + rng.pick(NAME_TAILS)) : rng.pick(NAME_WORDS);
  return base + rng.pick(NAME_SUFFIXES);
}

/** A 5- or 6-digit serial that differs for every `serial` below 10^digits (a permutation), so ИНН do not repeat. */
function serialDigits(serial: number, digits: 5 | 6): string {
  const mod = digits === 5 ? 100_000 : 1_000_000;
  return String((serial * 7919 + 4243) % mod).padStart(digits, '0');
}

/**
 * An organisation with requisites valid by the published algorithms. `serial` (a running number)
 * keeps ИНН unique within a tax office for the first 100,000 organisations.
 */
export function organisation(rng: Rng, serial: number, kind?: OrgKind, inCity?: City): Org {
  const c = inCity ?? city(rng);
  const k: OrgKind = kind ?? rng.weighted([['ooo', 62], ['ao', 8], ['ip', 22], ['budget', 8]] as const);
  const taxOffice = rng.pick(c.taxOffices);
  const year = rng.int(1998, 2024);
  const director = person(rng);
  const legalAddress = address(rng, c);
  const actualAddress = rng.chance(0.7) ? legalAddress : address(rng, c);
  if (k === 'ip') {
    const inn = innPerson(taxOffice, serialDigits(serial, 6));
    return {
      kind: k,
      name: `ИП ${director.short}`,
      fullName: `Индивидуальный предприниматель ${director.full}`,
      brand: director.last,
      inn,
      kpp: null,
      ogrn: ogrnip(rng, year, c.regionCode),
      city: c,
      legalAddress,
      actualAddress,
      registeredYear: year,
      director,
      directorPosition: 'Индивидуальный предприниматель',
      domain: null,
    };
  }
  const inn = innLegal(taxOffice, serialDigits(serial, 5));
  let name: string;
  let fullName: string;
  let b: string;
  let position: string;
  if (k === 'budget') {
    const form = rng.pick(BUDGET_FORMS);
    const n = rng.int(1, 80);
    const title = form.name(n);
    name = `${form.short} ${title}`;
    fullName = `${form.full} ${title}`;
    // Budget institutions use short technical domains: mbou12-vladivos.ru
    b = `${form.short}${n}-${c.name.slice(0, 8)}`;
    position = form.short === 'КГБУЗ' ? 'Главный врач' : form.short === 'МКУ' ? 'Директор' : rng.pick(['Директор', 'Заведующий']);
  } else {
    b = brand(rng);
    name = `${k === 'ooo' ? 'ООО' : 'АО'} «${b}»`;
    fullName = `${k === 'ooo' ? 'Общество с ограниченной ответственностью' : 'Акционерное общество'} «${b}»`;
    position = rng.pick(POSITIONS_DIRECTOR);
  }
  return {
    kind: k,
    name,
    fullName,
    brand: b,
    inn,
    kpp: kppFor(inn),
    ogrn: ogrn(rng, year, c.regionCode),
    city: c,
    legalAddress,
    actualAddress,
    registeredYear: year,
    director,
    directorPosition: position,
    domain: `${translit(b).slice(0, 30) || 'org'}.ru`,
  };
}

export interface Bank {
  name: string;
  bik: string;
  corrAccount: string;
}

/** A few banks of the region with valid БИК and correspondent accounts. */
export function banks(rng: Rng): Bank[] {
  return BANKS.map((name, i) => {
    const b = bik(rng, i % 2 === 0 ? '08' : '05');
    return { name, bik: b, corrAccount: corrAccount(b) };
  });
}

/** The organisation's requisites as the contract's counterparty input. */
export function counterpartyOf(rng: Rng, org: Org, bank: Bank): CounterpartyInput {
  const balance = org.kind === 'ip' ? '40802' : org.kind === 'budget' ? '40603' : '40702';
  const basis =
    org.kind === 'ip'
      ? `Листа записи ЕГРИП от ${String(rng.int(1, 28)).padStart(2, '0')}.${String(rng.int(1, 12)).padStart(2, '0')}.${org.registeredYear}`
      : 'Устава';
  return {
    fullName: org.fullName,
    shortName: org.name,
    inn: org.inn,
    kpp: org.kpp,
    ogrn: org.ogrn,
    legalAddress: org.legalAddress,
    bankName: bank.name,
    bik: bank.bik,
    corrAccount: bank.corrAccount,
    account: settlementAccount(rng, bank.bik, balance),
    directorName: org.director.full,
    directorPosition: org.directorPosition,
    signerName: org.director.full,
    signerBasis: basis,
  };
}

/** A company mailbox (`info@…`) or, for an ИП, a personal one. */
export function orgEmail(rng: Rng, org: Org, box = rng.pick(['info', 'office', 'mail', 'secretary', 'priemnaya'])): string {
  if (org.domain) return `${box}@${org.domain}`;
  return `${translit(org.director.last)}.ip${rng.int(1, 99)}@${rng.pick(MAIL_DOMAINS)}`;
}

/** A person's e-mail at the company domain or at a public service. */
export function personEmail(rng: Rng, p: Person, domain: string | null): string {
  const local = `${translit(p.last)}.${translit(p.first[0] ?? '')}${translit(p.middle[0] ?? '')}`;
  if (domain && rng.chance(0.7)) return `${local}@${domain}`;
  return `${local}${rng.int(1, 999)}@${rng.pick(MAIL_DOMAINS)}`;
}

/** K+ system codes with their relative frequency among installed distributions. */
export const DISTR_SYSTEMS: readonly (readonly [string, number])[] = [
  ['ROS', 20],
  ['BUHS', 16],
  ['SKJP', 14],
  ['BORB', 10],
  ['LAW', 8],
  ['QSA', 7],
  ['ARB', 6],
  ['PAP', 6],
  ['CMB', 5],
  ['FIN', 4],
  ['KOR', 4],
];

/**
 * The demo's K+ systems catalogue. Names and numbers are invented for the demo like its clients (a real base gets
 * its numbers from the КЦ's data, never guessed); SKJP is number 1 so that `1_000123_02` works as the number form.
 */
export const DEMO_SYSTEMS: readonly { code: string; name: string; number: number }[] = [
  { code: 'SKJP', name: 'Юрист', number: 1 },
  { code: 'ROS', name: 'Версия Проф', number: 2 },
  { code: 'BUHS', name: 'Бухгалтер', number: 3 },
  { code: 'BORB', name: 'Бюджетные организации', number: 4 },
  { code: 'LAW', name: 'Судебная практика', number: 5 },
  { code: 'QSA', name: 'Вопросы-ответы', number: 6 },
  { code: 'ARB', name: 'Арбитражные суды всех округов', number: 7 },
  { code: 'PAP', name: 'Путеводители', number: 8 },
  { code: 'CMB', name: 'Комментарии законодательства', number: 9 },
  { code: 'FIN', name: 'Финансист', number: 10 },
  { code: 'KOR', name: 'Корреспонденция счетов', number: 11 },
];

/** ISO date `days` before (negative: after) `today`. */
export function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** 27.11.2026 */
export function ruDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
