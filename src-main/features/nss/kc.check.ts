// The checks of the monthly НСС report before it is saved: required fields per client, the file's totals, kits НСС on the month's last day.
//
// Every problem is an error — saving is refused (BAD_INPUT, one issue per problem) while any remains, like the Главбух
// request. A missing СИО is an error too, not a warning: a НСС client is sold the СИО's visits, the КЦ's form has the
// column, and a row without one is a row the КЦ sends back. What is checked:
// - no_inn / bad_inn: the ИНН (the counterparty's on the last day, else the client's) present, 10 or 12 digits with the
//   published check digits (checkInn);
// - no_kpp / bad_kpp: an organisation (10-digit ИНН) has a well-formed КПП; not judged while the ИНН itself is wrong;
// - no_kits: no kit in the row; kits_not_nss: the kits listed (scheme `nss` on the last day) are not the month's count
//   of НСС kits (the aggregate is stale or a kit's scheme changed without a recompute);
// - no_sio: the card names no СИО;
// - totals: the rows read back from the file's bytes do not sum to the month's figures summed by SQL.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { checkInn, checkKpp } from '../../../src-shared/validation/requisites';
import { NSS_KC_FIGURES, type NssKcProblem, type NssKcRow, type NssKcTotals } from '../../../src-shared/nss';
import type { NssKcFacts } from './kc.rows';
import { readNssKcTotals } from './kc.format';

export function totalsOf(rows: readonly Omit<NssKcRow, 'clientId'>[]): NssKcTotals {
  const t: NssKcTotals = { rows: rows.length, nssKits: 0, contacts: 0, glCalls: 0, lk: 0, chats: 0, seminars: 0, sioVisits: 0, pmContacts: 0 };
  for (const r of rows) for (const f of NSS_KC_FIGURES) t[f] += r[f];
  return t;
}

/** The month's figures summed straight from the aggregates: what the file's rows must add up to. */
export function monthTotals(db: Db, month: string): NssKcTotals {
  return stmt(
    db,
    `SELECT COUNT(*) AS rows, COALESCE(SUM(nss_kits), 0) AS nssKits, COALESCE(SUM(contacts), 0) AS contacts, COALESCE(SUM(gl_calls), 0) AS glCalls,
       COALESCE(SUM(lk), 0) AS lk, COALESCE(SUM(chats), 0) AS chats, COALESCE(SUM(seminars), 0) AS seminars, COALESCE(SUM(sio_visits), 0) AS sioVisits,
       COALESCE(SUM(pm_contacts), 0) AS pmContacts
     FROM nss_client_months WHERE month = ? AND nss_kits > 0`,
  ).get(month) as NssKcTotals;
}

/** Problems of one row. */
export function rowProblems(f: NssKcFacts, out: NssKcProblem[] = []): NssKcProblem[] {
  const { row } = f;
  const add = (code: NssKcProblem['code'], fixTab: NssKcProblem['fixTab']) => out.push({ clientId: row.clientId, name: row.name, code, fixTab });
  // A counterparty's requisites are fixed on «Реквизиты», the client's own on «Общие».
  const req = f.byCounterparty ? 'requisites' : 'general';
  if (!row.inn) add('no_inn', req);
  else if (checkInn(row.inn)) add('bad_inn', req);
  else if (row.inn.length === 10) {
    if (!row.kpp) add('no_kpp', req);
    else if (checkKpp(row.kpp)) add('bad_kpp', req);
  }
  if (f.kitCount === 0) add('no_kits', 'distributions');
  else if (f.kitCount !== row.nssKits) add('kits_not_nss', 'distributions');
  if (f.sioId == null || !row.sio) add('no_sio', 'general');
  return out;
}

/** The problem of the file's bytes: their rows, read back, not summing to the month's figures (none when they do). */
export function fileProblems(bytes: Uint8Array, expected: NssKcTotals): NssKcProblem[] {
  const fromFile = readNssKcTotals(bytes);
  return (Object.keys(expected) as (keyof NssKcTotals)[]).some((k) => fromFile[k] !== expected[k]) ? [{ clientId: null, name: '', code: 'totals' }] : [];
}

/** Every problem of the month's file: per row, then the totals of the bytes against the month's figures. */
export function checkNssKc(facts: readonly NssKcFacts[], bytes: Uint8Array, expected: NssKcTotals): NssKcProblem[] {
  return [...facts.flatMap((f) => rowProblems(f)), ...fileProblems(bytes, expected)];
}
