// Demo documents: our requisites (a plausible РИЦ) and the paperwork of about sixty clients, entered through the API in date order.
import type { OurRequisitesInput } from '../../src-shared/api/documents';
import type { DemoEnv } from './demo';
import { clientDocSteps, docClients, type DocStep } from './documents.plan';
import { banks, daysBefore, ruDate } from './generator';
import { Rng } from './random';
import { innLegal, kppFor, ogrn, settlementAccount } from './requisites.gen';

/** The РИЦ itself: valid ИНН, КПП, ОГРН, БИК and settlement account, a director and a sales head signing by power of attorney. */
export function demoOurRequisites(rng: Rng, headId: number, attorneyDate: string): OurRequisitesInput {
  const bank = banks(new Rng(7))[0]!;
  const inn = innLegal('2540', '09174');
  return {
    fullName: 'Общество с ограниченной ответственностью «Региональный информационный центр «Приморье-Информ»',
    shortName: 'ООО «РИЦ «Приморье-Информ»',
    inn,
    kpp: kppFor(inn),
    ogrn: ogrn(rng, 2003, '25'),
    legalAddress: '690091, Приморский край, г. Владивосток, ул. Светланская, д. 31, офис 405',
    postalAddress: '690091, г. Владивосток, а/я 117',
    phone: '+7 (423) 240-10-00',
    email: 'info@ric-demo.example',
    bankName: bank.name,
    bik: bank.bik,
    corrAccount: bank.corrAccount,
    account: settlementAccount(rng, bank.bik, '40702'),
    city: 'г. Владивосток',
    signers: [
      { code: 'director', name: 'Руденко Павел Сергеевич', position: 'Генеральный директор', basis: 'Устава', employeeId: null },
      { code: 'sales_head', name: 'Соколов Андрей Петрович', position: 'Коммерческий директор', basis: `доверенности № 14 от ${ruDate(attorneyDate)}`, employeeId: headId },
    ],
    chiefAccountant: 'Лебедева Оксана Николаевна',
  };
}

/** How many clients get documents (every client that changed its counterparty is among them). */
export const DOC_CLIENTS = 60;

export async function loadDocuments(env: DemoEnv): Promise<void> {
  const { rng, actors, db } = env;
  const since = daysBefore(actors.today, 1200);
  await env.call('admin', 'settings.ourRequisites.save', demoOurRequisites(rng, actors.ids.get('head')!, since), `${since}T01:00:00.000Z`);

  const loginById = new Map([...actors.ids].map(([login, id]) => [id, login]));
  const all = docClients(db, loginById);
  const movers = all.filter((c) => c.links.length > 1);
  const others = rng.sample(
    all.filter((c) => c.links.length === 1),
    Math.max(0, DOC_CLIENTS - movers.length),
  );
  const chosen = [...movers, ...others].sort((a, b) => a.id - b.id);
  const steps: DocStep[] = [];
  for (const c of chosen) steps.push(...clientDocSteps(env, db, c, rng.pick(actors.sales)));
  // In date order across clients, so that each series is numbered as the documents were dated.
  steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  for (const s of steps) await s.run();
}
