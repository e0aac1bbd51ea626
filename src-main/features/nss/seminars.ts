// НСС seminars: reading the catalogue and registrations, and recomputing the attendees' НСС months when attendance or a date changes.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { touchNss } from './aggregate';
import type { NssSeminar, NssSeminarFormat, NssSeminarPerson } from '../../../src-shared/nss';
import type { NssClientSeminar } from '../../../src-shared/nss-service';

const SEMINAR_COLS = `s.id, s.title, s.starts_at AS startsAt, s.on_date AS onDate, s.format, s.capacity, s.place, s.note,
  (SELECT COUNT(*) FROM nss_seminar_people p WHERE p.seminar_id = s.id) AS registered,
  (SELECT COUNT(*) FROM nss_seminar_people p WHERE p.seminar_id = s.id AND p.attended = 1) AS attended`;

export function listSeminars(db: Db, from: string | null, to: string | null, limit: number): { items: NssSeminar[]; total: number } {
  const where = 'WHERE (? IS NULL OR s.on_date >= ?) AND (? IS NULL OR s.on_date <= ?)';
  const args = [from, from, to, to];
  const total = (stmt(db, `SELECT COUNT(*) AS n FROM nss_seminars s ${where}`).get(...args) as { n: number }).n;
  const items = stmt(db, `SELECT ${SEMINAR_COLS} FROM nss_seminars s ${where} ORDER BY s.starts_at DESC, s.id DESC LIMIT ?`).all(...args, limit) as NssSeminar[];
  return { items, total };
}

export function getSeminar(db: Db, id: number): NssSeminar | undefined {
  return stmt(db, `SELECT ${SEMINAR_COLS} FROM nss_seminars s WHERE s.id = ?`).get(id) as NssSeminar | undefined;
}

export function seminarPeople(db: Db, seminarId: number): NssSeminarPerson[] {
  const rows = stmt(
    db,
    `SELECT p.id, p.seminar_id AS seminarId, p.client_id AS clientId, c.name AS clientName, p.contact_id AS contactId, p.fio,
            p.attended, p.registered_at AS registeredAt
     FROM nss_seminar_people p JOIN clients c ON c.id = p.client_id WHERE p.seminar_id = ? ORDER BY c.name, p.fio, p.id`,
  ).all(seminarId) as (Omit<NssSeminarPerson, 'attended'> & { attended: number })[];
  return rows.map((r) => ({ ...r, attended: r.attended === 1 }));
}

export function clientSeminars(db: Db, clientId: number): NssClientSeminar[] {
  const rows = stmt(
    db,
    `SELECT p.id AS personId, s.id AS seminarId, s.title, s.starts_at AS startsAt, s.on_date AS onDate, s.format, p.fio,
            p.contact_id AS contactId, p.attended
     FROM nss_seminar_people p JOIN nss_seminars s ON s.id = p.seminar_id WHERE p.client_id = ? ORDER BY s.starts_at DESC, p.fio`,
  ).all(clientId) as (Omit<NssClientSeminar, 'attended' | 'format'> & { attended: number; format: NssSeminarFormat })[];
  return rows.map((r) => ({ ...r, attended: r.attended === 1 }));
}

/** Clients with an attended registration of the seminar: their НСС months are the ones a change of the seminar moves. */
export function attendingClients(db: Db, seminarId: number): number[] {
  return (stmt(db, 'SELECT DISTINCT client_id AS c FROM nss_seminar_people WHERE seminar_id = ? AND attended = 1').all(seminarId) as { c: number }[]).map((r) => r.c);
}

/** Recomputes the НСС months of the dates for every client given (call inside the writing transaction). */
export function touchClients(db: Db, clientIds: Iterable<number>, dates: string[]): void {
  for (const c of new Set(clientIds)) touchNss(db, c, dates);
}
