// Loads the full client card: details, contacts with characteristics, requisites history, distributions, events, readiness.
import { chatHistoryOfClient, chatStateOn } from '../chat/chat-on';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { notFound } from '../../api/errors';
import { formatDistr } from '../../../src-shared/distr';
import type {
  ClientCard,
  ClientDetails,
  ClientEventRow,
  ContactCharacteristic,
  ContactRow,
  CounterpartyLink,
  CounterpartyRow,
  DistributionRow,
  ReadinessStageState,
  SchemePeriod,
} from '../../../src-shared/types';
import type { ContactRole, Scheme } from '../../../src-shared/api/common';
import { listEmails, listPhones } from './channels';
import { schemeSummary } from './clients.search';
import { TASK_VISIBLE, scopeParams, type TaskScope } from '../tasks/tasks.repo';
import { addDays } from '../../db/stmt';
import { sameInnClients } from './duplicates';
import { questionEvents } from '../chat/questions.timeline';

const CP_COLUMNS = `cp.id, cp.full_name AS fullName, cp.short_name AS shortName, cp.inn, cp.kpp, cp.ogrn,
  cp.legal_address AS legalAddress, cp.bank_name AS bankName, cp.bik, cp.corr_account AS corrAccount, cp.account,
  cp.director_name AS directorName, cp.director_position AS directorPosition, cp.signer_name AS signerName, cp.signer_basis AS signerBasis`;

export function counterpartyOn(db: Db, clientId: number, date: string): CounterpartyRow | null {
  return (
    (stmt(
      db,
      `SELECT ${CP_COLUMNS} FROM client_counterparties l JOIN counterparties cp ON cp.id = l.counterparty_id
       WHERE l.client_id = ? AND l.effective_from <= ? ORDER BY l.effective_from DESC LIMIT 1`,
    ).get(clientId, date) as CounterpartyRow | undefined) ?? null
  );
}

function loadDetails(db: Db, id: number): ClientDetails {
  const r = stmt(
    db,
    `SELECT c.id, c.version, c.name, c.short_name AS shortName, c.inn, c.kpp, c.legal_address AS legalAddress,
       c.actual_address AS actualAddress, c.region, c.city, c.status, c.comment, c.is_key AS isKey,
       c.created_at AS createdAt, c.updated_at AS updatedAt,
       c.sio_id AS sioId, s.full_name AS sioName, c.pm_id AS pmId, p.full_name AS pmName,
       c.key_responsible_id AS keyId, k.full_name AS keyName
     FROM clients c
     LEFT JOIN employees s ON s.id = c.sio_id
     LEFT JOIN employees p ON p.id = c.pm_id
     LEFT JOIN employees k ON k.id = c.key_responsible_id
     WHERE c.id = ?`,
  ).get(id) as Record<string, unknown> | undefined;
  if (!r) throw notFound('client');
  const ref = (i: unknown, n: unknown) => (i == null ? null : { id: i as number, fullName: n as string });
  return {
    id: r.id as number,
    version: r.version as number,
    name: r.name as string,
    shortName: r.shortName as string | null,
    inn: r.inn as string | null,
    kpp: r.kpp as string | null,
    legalAddress: r.legalAddress as string | null,
    actualAddress: r.actualAddress as string | null,
    region: r.region as string | null,
    city: r.city as string | null,
    status: r.status as ClientDetails['status'],
    comment: r.comment as string | null,
    isKey: !!r.isKey,
    createdAt: r.createdAt as string,
    updatedAt: r.updatedAt as string,
    sio: ref(r.sioId, r.sioName),
    pm: ref(r.pmId, r.pmName),
    keyResponsible: ref(r.keyId, r.keyName),
    phones: [],
    emails: [],
  };
}

function loadContacts(db: Db, clientId: number, phones: ReturnType<typeof listPhones>, emails: ReturnType<typeof listEmails>): ContactRow[] {
  const contacts = stmt(db, 'SELECT id, full_name AS fullName, position, note, active FROM contacts WHERE client_id = ? ORDER BY active DESC, full_name').all(
    clientId,
  ) as { id: number; fullName: string; position: string | null; note: string | null; active: number }[];
  const roles = stmt(db, 'SELECT r.contact_id AS contactId, r.role FROM contact_roles r JOIN contacts c ON c.id = r.contact_id WHERE c.client_id = ?').all(
    clientId,
  ) as { contactId: number; role: ContactRole }[];
  const chars = stmt(
    db,
    `SELECT cc.contact_id AS contactId, ch.id AS characteristicId, g.id AS groupId, g.name AS groupName, ch.name, cc.comment
     FROM contact_characteristics cc JOIN contacts c ON c.id = cc.contact_id
     JOIN characteristics ch ON ch.id = cc.characteristic_id JOIN characteristic_groups g ON g.id = ch.group_id
     WHERE c.client_id = ? ORDER BY g.sort, g.id, ch.sort, ch.id`,
  ).all(clientId) as (ContactCharacteristic & { contactId: number })[];
  return contacts.map((c) => ({
    id: c.id,
    fullName: c.fullName,
    position: c.position,
    note: c.note,
    active: !!c.active,
    roles: roles.filter((r) => r.contactId === c.id).map((r) => r.role),
    phones: phones.filter((p) => p.contactId === c.id).map(({ contactId: _c, ...p }) => p),
    emails: emails.filter((e) => e.contactId === c.id).map(({ contactId: _c, ...e }) => e),
    characteristics: chars.filter((x) => x.contactId === c.id).map(({ contactId: _c, ...x }) => x),
  }));
}

function loadCounterpartyHistory(db: Db, clientId: number): CounterpartyLink[] {
  const rows = stmt(
    db,
    `SELECT l.id AS linkId, l.effective_from AS effectiveFrom, l.basis, l.created_at AS createdAt, e.full_name AS createdBy, ${CP_COLUMNS}
     FROM client_counterparties l JOIN counterparties cp ON cp.id = l.counterparty_id LEFT JOIN employees e ON e.id = l.created_by
     WHERE l.client_id = ? ORDER BY l.effective_from DESC`,
  ).all(clientId) as (CounterpartyRow & { linkId: number; effectiveFrom: string; basis: string | null; createdAt: string; createdBy: string | null })[];
  return rows.map(({ linkId, effectiveFrom, basis, createdAt, createdBy, ...cp }, i) => ({
    id: linkId,
    effectiveFrom,
    // History is newest first: a link ends the day before the next newer one starts.
    effectiveTo: i === 0 ? null : addDays(rows[i - 1]!.effectiveFrom, -1),
    basis,
    createdAt,
    createdBy,
    counterparty: cp,
  }));
}

function loadDistributions(db: Db, clientId: number, today: string): DistributionRow[] {
  const rows = stmt(
    db,
    `SELECT d.id, d.system_code AS systemCode, ks.name AS systemName, d.distr_number AS distrNumber, d.comp, d.network_type AS networkType, d.state,
       d.address FROM distributions d LEFT JOIN kplus_systems ks ON ks.code = d.system_code
     WHERE d.client_id = ? ORDER BY d.system_code, d.distr_number, d.comp`,
  ).all(clientId) as Omit<DistributionRow, 'code' | 'scheme' | 'schemeHistory' | 'chatEnabled' | 'chatSince' | 'chatNext' | 'chatHistory'>[];
  const chats = chatHistoryOfClient(db, clientId);
  const schemes = stmt(
    db,
    `SELECT s.distribution_id AS distributionId, s.scheme, s.effective_from AS effectiveFrom, e.full_name AS createdBy
     FROM distribution_schemes s JOIN distributions d ON d.id = s.distribution_id LEFT JOIN employees e ON e.id = s.created_by
     WHERE d.client_id = ? ORDER BY s.effective_from DESC`,
  ).all(clientId) as (SchemePeriod & { distributionId: number })[];
  return rows.map((d) => {
    const history = schemes.filter((s) => s.distributionId === d.id).map(({ distributionId: _d, ...s }) => s);
    const chatHistory = chats.get(d.id) ?? [];
    const chat = chatStateOn(chatHistory, today);
    return {
      ...d,
      chatEnabled: chat.enabled,
      chatSince: chat.since,
      chatNext: chat.next,
      chatHistory,
      code: formatDistr({ system: d.systemCode, number: d.distrNumber, comp: d.comp }),
      scheme: (history.find((h) => h.effectiveFrom <= today)?.scheme ?? null) as Scheme | null,
      schemeHistory: history,
    };
  });
}

/**
 * The timeline; an event of a task (its creation, result, comment) only for those who may see that task. Imported chat
 * sessions join it as `chat_session` entries read from their own table (a negative id: -session id), never copied into
 * client_events — there are millions of them.
 */
export function loadEvents(db: Db, clientId: number, limit: number, scope: TaskScope): ClientEventRow[] {
  const rows = stmt(
    db,
    `SELECT * FROM (
       SELECT ev.id, ev.at, ev.kind, ev.text, ev.data, e.full_name AS author FROM client_events ev
       LEFT JOIN employees e ON e.id = ev.author_id
       WHERE ev.client_id = @clientId
         AND (@all = 1 OR ev.data IS NULL OR json_extract(ev.data, '$.taskId') IS NULL
              OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = json_extract(ev.data, '$.taskId') AND ${TASK_VISIBLE}))
       ORDER BY ev.at DESC, ev.id DESC LIMIT @limit)
     UNION ALL
     SELECT * FROM (
       SELECT -cs.id AS id, cs.start_at AS at, 'chat_session' AS kind, '' AS text,
         json_object('sessionId', cs.id, 'personal', cs.personal, 'fio', cs.fio, 'contact', ct.full_name, 'durationSec', cs.duration_sec) AS data,
         e.full_name AS author
       FROM chat_sessions cs
       LEFT JOIN employees e ON e.id = cs.employee_id
       LEFT JOIN contacts ct ON ct.id = cs.contact_id
       WHERE cs.client_id = @clientId
       ORDER BY cs.start_at DESC LIMIT @limit)
     ORDER BY at DESC, id DESC LIMIT @limit`,
  ).all({ clientId, limit, ...scopeParams(scope) }) as (Omit<ClientEventRow, 'data'> & { data: string | null })[];
  const events: ClientEventRow[] = rows.map((r) => ({ ...r, data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null }));
  // Entries kept by other features in their own tables join the timeline here (their ids are their own rows': key by kind and id).
  return [...events, ...questionEvents(db, clientId, limit)].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}

function loadReadiness(db: Db, clientId: number, today: string): ReadinessStageState[] {
  // One query for stages, their fields and this client's values; a stage without fields still comes back (LEFT JOIN).
  const rows = stmt(
    db,
    `SELECT st.id AS stageId, st.code AS stageCode, st.name AS stageName, st.freshness_days AS freshnessDays,
       rf.code, rf.name, v.value, v.confirmed_at AS confirmedAt
     FROM readiness_stages st
     LEFT JOIN readiness_stage_fields f ON f.stage_id = st.id
     LEFT JOIN readiness_fields rf ON rf.code = f.field_code
     LEFT JOIN client_readiness_values v ON v.client_id = ? AND v.field_code = f.field_code
     ORDER BY st.sort, st.id, rf.sort`,
  ).all(clientId) as {
    stageId: number;
    stageCode: string;
    stageName: string;
    freshnessDays: number;
    code: string | null;
    name: string | null;
    value: string | null;
    confirmedAt: string | null;
  }[];
  const stages: ReadinessStageState[] = [];
  for (const r of rows) {
    let s = stages[stages.length - 1];
    if (!s || s.id !== r.stageId) {
      s = { id: r.stageId, code: r.stageCode, name: r.stageName, freshnessDays: r.freshnessDays, readyUntil: null, ready: false, fields: [] };
      stages.push(s);
    }
    if (r.code == null) continue;
    s.fields.push({
      code: r.code,
      name: r.name!,
      value: r.value,
      confirmedAt: r.confirmedAt,
      fresh: r.confirmedAt != null && addDays(r.confirmedAt, r.freshnessDays) >= today,
    });
  }
  for (const s of stages) {
    // The rule of computeReadiness (readiness.ts): every required value confirmed; valid until the oldest one ages out.
    const dates = s.fields.map((f) => f.confirmedAt);
    if (dates.length > 0 && dates.every((d) => d != null)) s.readyUntil = addDays((dates as string[]).reduce((a, b) => (b < a ? b : a)), s.freshnessDays);
    s.ready = s.readyUntil != null && s.readyUntil >= today;
  }
  return stages;
}

export function loadCard(db: Db, clientId: number, today: string, scope: TaskScope): ClientCard {
  const client = loadDetails(db, clientId);
  const phones = listPhones(db, clientId);
  const emails = listEmails(db, clientId);
  client.phones = phones.filter((p) => p.contactId == null).map(({ contactId: _c, ...p }) => p);
  client.emails = emails.filter((e) => e.contactId == null).map(({ contactId: _c, ...e }) => e);
  const distributions = loadDistributions(db, clientId, today);
  const counterpartyHistory = loadCounterpartyHistory(db, clientId);
  return {
    client,
    contacts: loadContacts(db, clientId, phones, emails),
    // History is newest first: today's counterparty is the first link already in effect (as counterpartyOn finds it).
    counterparty: counterpartyHistory.find((l) => l.effectiveFrom <= today)?.counterparty ?? null,
    counterpartyHistory,
    distributions,
    schemes: schemeSummary(distributions.filter((d) => d.state !== 'closed').map((d) => d.scheme)),
    events: loadEvents(db, clientId, 200, scope),
    readiness: loadReadiness(db, clientId, today),
    sameInn: client.inn ? sameInnClients(db, client.inn, client.kpp, clientId) : [],
  };
}
