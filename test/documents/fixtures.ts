// Test data for documents: our requisites, a client whose counterparty changes on a date (new name and bank), distributions.
import { Rng } from '../../src-main/demo/random';
import { bik as genBik, corrAccount, innLegal, kppFor, ogrn, settlementAccount } from '../../src-main/demo/requisites.gen';
import type { TestEnv } from '../helpers/core';
import { addSystems } from '../helpers/systems';

const rng = new Rng(4242);
const bankA = genBik(rng, '05');
const bankB = genBik(rng, '08');

/** Requisites that pass every published check (ИНН, ОГРН, БИК with the accounts' control keys). */
export const OLD_CP = {
  fullName: 'Общество с ограниченной ответственностью «Ромашка»',
  shortName: 'ООО «Ромашка»',
  inn: innLegal('2536', '10001'),
  kpp: kppFor(innLegal('2536', '10001')),
  ogrn: ogrn(rng, 2010, '25'),
  legalAddress: '690091, г. Владивосток, ул. Светланская, д. 10',
  bankName: 'ПАО «Примсоцбанк»',
  bik: bankA,
  corrAccount: corrAccount(bankA),
  account: settlementAccount(rng, bankA, '40702'),
  directorName: 'Иванов Иван Петрович',
  directorPosition: 'Генеральный директор',
  signerName: 'Иванов Иван Петрович',
  signerBasis: 'Устава',
};

export const NEW_CP = {
  fullName: 'Акционерное общество «Ромашка-Плюс»',
  shortName: 'АО «Ромашка-Плюс»',
  inn: innLegal('2540', '20002'),
  kpp: kppFor(innLegal('2540', '20002')),
  ogrn: ogrn(rng, 2020, '25'),
  legalAddress: '690001, г. Владивосток, ул. Пушкинская, д. 5',
  bankName: 'Дальневосточный банк ПАО Сбербанк',
  bik: bankB,
  corrAccount: corrAccount(bankB),
  account: settlementAccount(rng, bankB, '40702'),
  directorName: 'Петрова Анна Сергеевна',
  directorPosition: 'Директор',
  signerName: 'Петрова Анна Сергеевна',
  signerBasis: 'Устава',
};

export const OUR = {
  fullName: 'Общество с ограниченной ответственностью «Информационный центр КонсультантПлюс Приморье»',
  shortName: 'ООО «ИЦ КонсультантПлюс Приморье»',
  inn: innLegal('2540', '30003'),
  kpp: kppFor(innLegal('2540', '30003')),
  legalAddress: '690090, г. Владивосток, ул. Алеутская, д. 11',
  phone: '+7 (423) 230-00-00',
  email: 'info@consultant-prim.ru',
  bankName: 'ПАО «Примсоцбанк»',
  bik: bankA,
  corrAccount: corrAccount(bankA),
  account: settlementAccount(rng, bankA, '40702'),
  city: 'Владивосток',
  chiefAccountant: 'Сидорова Мария Ивановна',
  signers: [{ code: 'director', name: 'Кузнецов Олег Викторович', position: 'Генеральный директор', basis: 'Устава' }],
};

export const CHANGE_DATE = '2026-06-01';

export interface DocClient {
  clientId: number;
  distIds: number[];
}

/** A client under OLD_CP from 2025-01-01 and NEW_CP from CHANGE_DATE, with three distributions. */
/** Distribution numbers are unique in the database: each client seeded into one database gets its own range. */
const seeded = new WeakMap<TestEnv, number>();

export async function seedDocClient(env: TestEnv, opts: { withChange?: boolean; sioId?: number } = {}): Promise<DocClient> {
  const n = seeded.get(env) ?? 0;
  seeded.set(env, n + 1);
  const shift = 1000 * n;
  await env.admin('settings.ourRequisites.save', OUR);
  // One client per ИНН: a second client seeded into the same database gets an ИНН of its own.
  const inn = n === 0 ? OLD_CP.inn : innLegal('2536', String(10001 + n).padStart(5, '0'));
  const { id: clientId } = await env.admin('clients.create', { name: 'ООО «Ромашка»', inn, city: 'Владивосток', sioId: opts.sioId });
  await addSystems(env.admin, ['SKJP', 'BUHS', 'SKRO']);
  await env.admin('clients.changeCounterparty', { clientId, effectiveFrom: '2025-01-01', counterparty: OLD_CP });
  if (opts.withChange !== false) await env.admin('clients.changeCounterparty', { clientId, effectiveFrom: CHANGE_DATE, counterparty: NEW_CP });
  const distIds: number[] = [];
  for (const [systemCode, distrNumber, comp] of [
    ['SKJP', 123, 2],
    ['BUHS', 4567, 1],
    ['SKRO', 89, 1],
  ] as const) {
    const number = distrNumber + (shift ? 100_000 + shift : 0);
    distIds.push((await env.admin('distributions.save', { clientId, systemCode, distrNumber: number, comp, scheme: 'nss', schemeFrom: '2025-01-01' })).id);
  }
  return { clientId, distIds };
}

/** A contract with two specifications (two distributions in the first, one in the second). */
export async function seedContractSet(env: TestEnv, c: DocClient, date = '2026-11-02') {
  const contract = await env.admin('documents.create', { type: 'contract', form: 'es', clientId: c.clientId, date });
  const spec1 = await env.admin('documents.create', {
    type: 'specification',
    clientId: c.clientId,
    date,
    parentId: contract.id,
    distributions: [
      { distributionId: c.distIds[0]!, priceKop: 1_234_56 },
      { distributionId: c.distIds[1]!, priceKop: 2_000_00 },
    ],
  });
  const spec2 = await env.admin('documents.create', {
    type: 'specification',
    clientId: c.clientId,
    date,
    parentId: contract.id,
    distributions: [{ distributionId: c.distIds[2]!, priceKop: 500_00 }],
  });
  return { contract, spec1, spec2 };
}
