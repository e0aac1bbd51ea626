// Queries of the chat operator window for one chosen client: details, the person, kits with chat state, tasks, owed documents, past chats and questions.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { formatDistr, DISTR_COMP_WIDTH, DISTR_NUMBER_WIDTH } from '../../../src-shared/distr';
import { formatPhone } from '../../../src-shared/validation/phone';
import { fold } from '../../../src-shared/search-text';
import type { ContactCharacteristic, EmployeeRef } from '../../../src-shared/types';
import type { ClientStatus, ContactRole, Scheme } from '../../../src-shared/api/common';
import type { MailFields, TaskKind, TaskStatus } from '../../../src-shared/mail-types';
import type {
  OperatorChat,
  OperatorClient,
  OperatorContact,
  OperatorDistribution,
  OperatorOwedDocument,
  OperatorQuestion,
  OperatorTask,
} from '../../../src-shared/chat-operator';
import { TASK_VISIBLE, scopeParams, type TaskScope } from '../tasks/tasks.repo';
import { owedSummary } from '../documents/documents.repo';
import { chatHistoryOfClient, chatStateOn } from './chat-on';

const ref = (id: number | null, name: string | null): EmployeeRef | null => (id == null ? null : { id, fullName: name ?? '' });

export function loadOperatorClient(db: Db, clientId: number): OperatorClient | null {
  const r = stmt(
    db,
    `SELECT c.id, c.name, c.inn, c.city, c.status, c.is_key AS isKey, c.comment,
       c.sio_id AS sioId, s.full_name AS sioName, c.pm_id AS pmId, p.full_name AS pmName, c.key_responsible_id AS keyId, k.full_name AS keyName
     FROM clients c LEFT JOIN employees s ON s.id = c.sio_id LEFT JOIN employees p ON p.id = c.pm_id LEFT JOIN employees k ON k.id = c.key_responsible_id
     WHERE c.id = ?`,
  ).get(clientId) as
    | { id: number; name: string; inn: string | null; city: string | null; status: ClientStatus; isKey: number; comment: string | null }
      & Record<'sioId' | 'pmId' | 'keyId', number | null> & Record<'sioName' | 'pmName' | 'keyName', string | null>
    | undefined;
  if (!r) return null;
  const phones = stmt(db, 'SELECT digits FROM phones WHERE client_id = ? AND +contact_id IS NULL ORDER BY id').all(clientId) as { digits: string }[];
  const emails = stmt(db, 'SELECT email FROM emails WHERE client_id = ? AND +contact_id IS NULL ORDER BY id').all(clientId) as { email: string }[];
  return {
    id: r.id,
    name: r.name,
    inn: r.inn,
    city: r.city,
    status: r.status,
    isKey: !!r.isKey,
    keyResponsible: r.isKey ? ref(r.keyId, r.keyName) : null,
    sio: ref(r.sioId, r.sioName),
    pm: ref(r.pmId, r.pmName),
    comment: r.comment,
    phones: phones.map((p) => formatPhone(p.digits)),
    emails: emails.map((e) => e.email),
  };
}

export function loadOperatorContact(db: Db, contactId: number, matchedBy: OperatorContact['matchedBy']): OperatorContact | null {
  const c = stmt(db, 'SELECT id, full_name AS fullName, position, note, active FROM contacts WHERE id = ?').get(contactId) as
    | { id: number; fullName: string; position: string | null; note: string | null; active: number }
    | undefined;
  if (!c) return null;
  const roles = (stmt(db, 'SELECT role FROM contact_roles WHERE contact_id = ? ORDER BY role').all(contactId) as { role: ContactRole }[]).map((r) => r.role);
  const phones = (stmt(db, 'SELECT digits FROM phones WHERE contact_id = ? ORDER BY id').all(contactId) as { digits: string }[]).map((p) => formatPhone(p.digits));
  const emails = (stmt(db, 'SELECT email FROM emails WHERE contact_id = ? ORDER BY id').all(contactId) as { email: string }[]).map((e) => e.email);
  const characteristics = stmt(
    db,
    `SELECT ch.id AS characteristicId, g.id AS groupId, g.name AS groupName, ch.name, cc.comment
     FROM contact_characteristics cc JOIN characteristics ch ON ch.id = cc.characteristic_id JOIN characteristic_groups g ON g.id = ch.group_id
     WHERE cc.contact_id = ? ORDER BY g.sort, g.id, ch.sort, ch.id`,
  ).all(contactId) as ContactCharacteristic[];
  return { id: c.id, fullName: c.fullName, position: c.position, note: c.note, active: !!c.active, roles, phones, emails, characteristics, matchedBy };
}

/** Every kit of the client with today's scheme and chat state; the chat state is the history alone (chat-on.ts). */
export function loadOperatorDistributions(db: Db, clientId: number, today: string, matchedCode: string | null): OperatorDistribution[] {
  const rows = stmt(
    db,
    `SELECT d.id, d.system_code AS systemCode, d.distr_number AS distrNumber, d.comp, d.state,
       ks.name AS systemName, ks.number AS systemNumber,
       (SELECT s.scheme FROM distribution_schemes s WHERE s.distribution_id = d.id AND s.effective_from <= @today
        ORDER BY s.effective_from DESC LIMIT 1) AS scheme,
       (SELECT max(k.last_update) FROM usr_kits k WHERE k.distribution_id = d.id) AS lastUsrUpdate
     FROM distributions d LEFT JOIN kplus_systems ks ON ks.code = d.system_code
     WHERE d.client_id = @clientId ORDER BY d.state = 'closed', d.system_code, d.distr_number, d.comp`,
  ).all({ clientId, today }) as {
    id: number;
    systemCode: string;
    distrNumber: number;
    comp: number;
    state: string;
    systemName: string | null;
    systemNumber: number | null;
    scheme: Scheme | null;
    lastUsrUpdate: string | null;
  }[];
  const history = chatHistoryOfClient(db, clientId);
  return rows.map((r) => {
    const code = formatDistr({ system: r.systemCode, number: r.distrNumber, comp: r.comp });
    const chat = chatStateOn(history.get(r.id) ?? [], today);
    const numberBase = r.systemNumber == null ? null : `${r.systemNumber}_${String(r.distrNumber).padStart(DISTR_NUMBER_WIDTH, '0')}`;
    return {
      id: r.id,
      code,
      numberForm: numberBase == null ? null : r.comp === 1 ? numberBase : `${numberBase}_${String(r.comp).padStart(DISTR_COMP_WIDTH, '0')}`,
      systemName: r.systemName,
      state: r.state,
      scheme: r.scheme,
      chatOn: chat.enabled,
      chatSince: chat.since,
      // The newest update proven by a stored USR file (null: no file names the kit, and the window says so).
      lastUsrUpdate: r.lastUsrUpdate,
      matched: code === matchedCode,
    };
  });
}

/** The client's open tasks, soonest deadline first; what a task says only for those who may see it. */
export function loadOperatorTasks(db: Db, clientId: number, scope: TaskScope, now: string, limit = 20): OperatorTask[] {
  const rows = stmt(
    db,
    `SELECT t.id, t.kind, t.status, t.deadline, t.assignee_id AS assigneeId, e.full_name AS assigneeName, t.fields,
       CASE WHEN ${TASK_VISIBLE} THEN 1 ELSE 0 END AS visible
     FROM tasks t LEFT JOIN employees e ON e.id = t.assignee_id
     WHERE t.client_id = @clientId AND t.status IN ('new', 'in_work') ORDER BY t.deadline, t.id LIMIT @limit`,
  ).all({ clientId, limit, ...scopeParams(scope) }) as {
    id: number;
    kind: TaskKind;
    status: TaskStatus;
    deadline: string;
    assigneeId: number | null;
    assigneeName: string | null;
    fields: string;
    visible: number;
  }[];
  return rows.map((r) => {
    const f = r.visible ? (JSON.parse(r.fields) as MailFields) : null;
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      deadline: r.deadline,
      overdue: r.deadline < now,
      assignee: ref(r.assigneeId, r.assigneeName),
      visible: !!r.visible,
      text: f ? (f.question ?? f.comment ?? null) : null,
    };
  });
}

export function loadOperatorOwed(db: Db, clientId: number, today: string, limit = 10): { count: number; overdue: number; items: OperatorOwedDocument[] } {
  const s = owedSummary(db, clientId, today);
  return {
    count: s.owed,
    overdue: s.overdue,
    items: s.items.slice(0, limit).map((d) => ({
      id: d.id,
      type: d.type,
      number: d.number,
      date: d.date,
      plannedReturn: d.plannedReturn,
      returnState: d.returnState,
      daysOverdue: d.daysOverdue,
    })),
  };
}

const EXCERPT = 240;

/** The person's last chats and the client's, newest first, each once. */
export function loadOperatorChats(db: Db, clientId: number, contactId: number | null, limit = 5): OperatorChat[] {
  const sql = (where: string) =>
    `SELECT s.id, s.start_at AS startAt, s.duration_sec AS durationSec, s.fio, coalesce(e.full_name, s.personal) AS operator,
       substr(s.text, 1, ${EXCERPT}) AS excerpt
     FROM chat_sessions s LEFT JOIN employees e ON e.id = s.employee_id WHERE ${where} ORDER BY s.start_at DESC LIMIT ${limit}`;
  type Row = Omit<OperatorChat, 'person'>;
  const person = contactId == null ? [] : (stmt(db, sql('s.contact_id = ?')).all(contactId) as Row[]);
  const client = stmt(db, sql('s.client_id = ?')).all(clientId) as Row[];
  const seen = new Set(person.map((r) => r.id));
  return [...person.map((r) => ({ ...r, person: true })), ...client.filter((r) => !seen.has(r.id)).map((r) => ({ ...r, person: false }))].sort((a, b) =>
    b.startAt.localeCompare(a.startAt),
  );
}

/** Who the person is, for telling their questions from the client's other ones. */
export interface PersonKeys {
  contactId: number;
  fio: string;
  emails: string[];
  phones: string[];
}

/**
 * Questions of the client: tasks of kind question (from mail) and «Задать вопрос» export records with no task; the
 * text of a question follows the visibility of its task.
 */
export function loadOperatorQuestions(db: Db, clientId: number, person: PersonKeys | null, scope: TaskScope, limit = 8): OperatorQuestion[] {
  const p = { clientId, limit, ...scopeParams(scope) };
  const tasks = stmt(
    db,
    `SELECT t.id, t.created_at AS at, t.status, t.fields, CASE WHEN ${TASK_VISIBLE} THEN 1 ELSE 0 END AS visible
     FROM tasks t WHERE t.client_id = @clientId AND t.kind = 'question' ORDER BY t.created_at DESC LIMIT @limit`,
  ).all(p) as { id: number; at: string; status: TaskStatus; fields: string; visible: number }[];
  const exported = stmt(
    db,
    `SELECT q.id, q.asked_at AS at, q.fio, q.email, q.phone, q.contact_id AS contactId, q.text
     FROM chat_questions q WHERE q.client_id = @clientId AND q.task_id IS NULL ORDER BY q.asked_at DESC LIMIT @limit`,
  ).all({ clientId, limit }) as { id: number; at: string; fio: string | null; email: string | null; phone: string | null; contactId: number | null; text: string }[];
  const isPerson = (fio: string | null | undefined, email: string | null | undefined, phone: string | null | undefined, contactId?: number | null) => {
    if (!person) return false;
    if (contactId != null) return contactId === person.contactId;
    if (email && person.emails.includes(email.trim().toLowerCase())) return true;
    if (phone && person.phones.some((d) => phone.replace(/\D/g, '').endsWith(d))) return true;
    return !!fio && fold(fio.trim().replace(/\s+/g, ' ')) === fold(person.fio.trim().replace(/\s+/g, ' '));
  };
  const out: OperatorQuestion[] = [
    ...tasks.map((t) => {
      const f = JSON.parse(t.fields) as MailFields;
      return {
        source: 'task' as const,
        id: t.id,
        at: t.at,
        fio: t.visible ? (f.fio ?? null) : null,
        text: t.visible ? (f.question ?? f.comment ?? null) : null,
        status: t.status,
        // A task the caller may not see says nothing about who asked it.
        person: t.visible ? isPerson(f.fio, f.email, f.phone) : false,
      };
    }),
    ...exported.map((q) => ({ source: 'export' as const, id: q.id, at: q.at, fio: q.fio, text: q.text, status: null, person: isPerson(q.fio, q.email, q.phone, q.contactId) })),
  ];
  // The person's own questions first, then the newest.
  return out.sort((a, b) => Number(b.person) - Number(a.person) || b.at.localeCompare(a.at)).slice(0, limit * 2);
}
