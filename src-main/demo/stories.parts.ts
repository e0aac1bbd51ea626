// Parts of a demo client's story: contact persons with characteristics, and readiness confirmations at chosen ages.
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import type { ContactRole } from '../../src-shared/api/common';
import type { DemoCall } from './demo';
import type { DemoActors } from './stories';
import { moment } from './stories';
import { cityPhone, daysBefore, mobilePhone, person, personEmail, type Org, type Person } from './generator';
import { POSITIONS_OTHER } from './pools';
import type { Rng } from './random';
import { CHARACTERISTIC_COMMENTS, NEEDS } from './texts';

export interface ContactPeople {
  director: Person;
  /** Who answers for the head in readiness: the director or the chief accountant. */
  head: Person;
  lpr: { person: Person; position: string };
}

interface Characteristic {
  id: number;
  name: string;
  groupId: number;
}

function characteristics(rng: Rng, db: Db): { characteristicId: number; comment: string | null }[] {
  const all = stmt(db, 'SELECT id, name, group_id AS groupId FROM characteristics ORDER BY id').all() as Characteristic[];
  const groups = [...new Set(all.map((c) => c.groupId))];
  const picked = rng.sample(groups, rng.weighted([[0, 25], [1, 35], [2, 25], [3, 15]] as const));
  return picked.map((g) => {
    const c = rng.pick(all.filter((x) => x.groupId === g));
    const comments = CHARACTERISTIC_COMMENTS[c.name] ?? [];
    return { characteristicId: c.id, comment: comments.length > 0 && rng.chance(0.7) ? rng.pick(comments) : null };
  });
}

export async function addContacts(
  rng: Rng,
  call: DemoCall,
  a: DemoActors,
  db: Db,
  clientId: number,
  org: Org,
  who: string,
  date: string,
): Promise<ContactPeople> {
  const at = () => moment(rng, date, a.today);
  const save = (fullName: string, position: string, roles: ContactRole[], phones: { raw: string; note: string | null }[], emails: string[]) =>
    call(
      who,
      'contacts.save',
      { clientId, fullName, position, roles, phones, emails: emails.map((email) => ({ email, note: null })), characteristics: characteristics(rng, db) },
      at(),
    );

  const directorIsLpr = rng.chance(0.6);
  const directorPhones = rng.chance(0.5)
    ? [{ raw: mobilePhone(rng, rng.int(0, 4)).raw, note: 'мобильный' }]
    : rng.chance(0.6)
      ? [{ raw: `${cityPhone(rng, org.city).raw}, доб. ${rng.int(100, 109)}`, note: null }]
      : [];
  await save(
    org.director.full,
    org.directorPosition,
    directorIsLpr ? ['director', 'lpr'] : ['director'],
    directorPhones,
    rng.chance(0.6) ? [personEmail(rng, org.director, org.domain)] : [],
  );
  let head = org.director;
  let lpr = directorIsLpr ? { person: org.director, position: org.directorPosition } : null;
  if (org.kind !== 'ip' || rng.chance(0.4)) {
    const chief = person(rng, rng.chance(0.85));
    await save(
      chief.full,
      'Главный бухгалтер',
      rng.chance(0.4) ? ['chief_accountant', 'key_user'] : ['chief_accountant'],
      [{ raw: `${cityPhone(rng, org.city).raw}, доб. ${rng.int(110, 129)}`, note: 'бухгалтерия' }],
      [org.domain && rng.chance(0.5) ? `buh@${org.domain}` : personEmail(rng, chief, org.domain)],
    );
    if (rng.chance(0.4)) head = chief;
  }
  const extra = rng.weighted([[0, 45], [1, 40], [2, 15]] as const);
  for (const p of rng.sample(POSITIONS_OTHER, extra)) {
    const someone = person(rng);
    await save(
      someone.full,
      p.position,
      [p.role as ContactRole],
      rng.chance(0.6) ? [{ raw: mobilePhone(rng, rng.int(0, 4)).raw, note: null }] : [],
      rng.chance(0.5) ? [personEmail(rng, someone, org.domain)] : [],
    );
    if (!lpr && p.role === 'lpr') lpr = { person: someone, position: p.position };
  }
  return { director: org.director, head, lpr: lpr ?? { person: org.director, position: org.directorPosition } };
}

type ReadinessPlan = 'sale' | 'calling' | 'stale' | 'partial' | 'none';

/**
 * Confirms readiness values at ages that leave the client ready for «Продажа» (and so «Обзвонка»),
 * only for «Обзвонка», stale (confirmed long ago), partly filled, or empty.
 */
export async function confirmReadiness(
  rng: Rng,
  call: DemoCall,
  a: DemoActors,
  db: Db,
  clientId: number,
  org: Org,
  people: ContactPeople,
  phone: string,
  email: string,
  created: string,
): Promise<void> {
  const stages = stmt(db, 'SELECT s.code, f.field_code AS field FROM readiness_stages s JOIN readiness_stage_fields f ON f.stage_id = s.id').all() as {
    code: string;
    field: string;
  }[];
  const calling = stages.filter((s) => s.code === 'calling').map((s) => s.field);
  const sale = stages.filter((s) => s.code === 'sale').map((s) => s.field);
  const values: Record<string, string> = {
    org_name: org.name,
    phone,
    head_fio: people.head.full,
    email,
    inn: org.inn,
    lpr: `${people.lpr.person.full}, ${people.lpr.position.toLowerCase()}`,
    need: rng.pick(NEEDS),
  };
  const plan: ReadinessPlan = rng.weighted([['sale', 22], ['calling', 23], ['stale', 20], ['partial', 15], ['none', 20]] as const);
  const ages = new Map<string, number>();
  if (plan === 'sale') for (const f of [...sale, ...(rng.chance(0.5) ? ['need'] : [])]) ages.set(f, rng.int(0, 75));
  if (plan === 'calling') {
    for (const f of calling) ages.set(f, rng.int(5, 170));
    // Some sale fields known but too old for «Продажа» (90 days), or missing.
    for (const f of sale.filter((x) => !calling.includes(x))) if (rng.chance(0.5)) ages.set(f, rng.int(100, 170));
  }
  if (plan === 'stale') for (const f of sale.length > 0 ? sale : calling) ages.set(f, rng.int(190, 500));
  if (plan === 'partial') for (const f of calling.slice(0, Math.max(1, calling.length - 1))) ages.set(f, rng.int(0, 100));

  const steps = [...ages]
    .filter(([f]) => values[f] !== undefined)
    .map(([field, age]) => {
      const d = daysBefore(a.today, age);
      return { field, date: d < created ? created : d };
    })
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const who = rng.pick([...a.callers, ...a.sales]);
  for (const s of steps) {
    await call(who, 'readiness.confirm', { clientId, fieldCode: s.field, value: values[s.field]!, confirmedAt: s.date }, moment(rng, s.date, a.today));
  }
}
