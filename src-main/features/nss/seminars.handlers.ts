// Handlers of НСС seminars: the catalogue (list, save, delete), registrations of clients' people and their attendance.
import type { HandlerMap } from '../../api/handler';
import { AppError, badField, notFound } from '../../api/errors';
import { localDate, ricTimeZone } from '../../api/context';
import { stmt } from '../../db/stmt';
import { zonedInstant } from '../calendar/workcal';
import { assertClientVisible } from '../usr/card.handlers';
import { attendingClients, clientSeminars, getSeminar, listSeminars, seminarPeople, touchClients } from './seminars';

type Methods =
  | 'nss.seminars.list'
  | 'nss.seminars.get'
  | 'nss.seminars.save'
  | 'nss.seminars.delete'
  | 'nss.seminars.people'
  | 'nss.seminars.register'
  | 'nss.seminars.unregister'
  | 'nss.seminars.attend'
  | 'nss.seminars.ofClient';

const conflict = (reason: string, path = 'id') => new AppError('CONFLICT', reason, [{ path, reason }]);

export const nssSeminarHandlers: HandlerMap<Methods> = {
  'nss.seminars.list': (input, ctx) => listSeminars(ctx.db, input.from ?? null, input.to ?? null, input.limit),

  'nss.seminars.get': (input, ctx) => {
    const s = getSeminar(ctx.db, input.id);
    if (!s) throw notFound('seminar');
    return s;
  },

  'nss.seminars.save': (input, ctx) => {
    const zone = ricTimeZone(ctx.db);
    const startsAt = new Date(zonedInstant(input.date, input.time, zone)).toISOString();
    const onDate = localDate(new Date(startsAt), zone);
    const values = { title: input.title, startsAt, onDate, format: input.format, capacity: input.capacity ?? null, place: input.place, note: input.note };
    if (input.id == null) {
      const r = stmt(
        ctx.db,
        'INSERT INTO nss_seminars (title, starts_at, on_date, format, capacity, place, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(values.title, startsAt, onDate, values.format, values.capacity, values.place, values.note, ctx.me.id, ctx.nowIso());
      const id = Number(r.lastInsertRowid);
      ctx.audit('nss_seminar', id, 'create', values);
      return { id };
    }
    const before = getSeminar(ctx.db, input.id);
    if (!before) throw notFound('seminar');
    if (values.capacity != null && values.capacity < before.registered) throw badField('capacity', 'below_registered');
    stmt(ctx.db, 'UPDATE nss_seminars SET title = ?, starts_at = ?, on_date = ?, format = ?, capacity = ?, place = ?, note = ? WHERE id = ?').run(
      values.title,
      startsAt,
      onDate,
      values.format,
      values.capacity,
      values.place,
      values.note,
      input.id,
    );
    // The attendance counts in the month of the seminar's date: moving it moves the attendees' figures.
    if (before.onDate !== onDate) touchClients(ctx.db, attendingClients(ctx.db, input.id), [before.onDate, onDate]);
    ctx.audit('nss_seminar', input.id, 'update', { before, after: values });
    return { id: input.id };
  },

  'nss.seminars.delete': (input, ctx) => {
    const s = getSeminar(ctx.db, input.id);
    if (!s) throw notFound('seminar');
    if (s.attended > 0 && !input.force) throw conflict('attended');
    const clients = attendingClients(ctx.db, input.id);
    stmt(ctx.db, 'DELETE FROM nss_seminars WHERE id = ?').run(input.id);
    touchClients(ctx.db, clients, [s.onDate]);
    ctx.audit('nss_seminar', input.id, 'delete', s);
    return { ok: true };
  },

  'nss.seminars.people': (input, ctx) => {
    if (!getSeminar(ctx.db, input.seminarId)) throw notFound('seminar');
    return seminarPeople(ctx.db, input.seminarId);
  },

  'nss.seminars.register': (input, ctx) => {
    const s = getSeminar(ctx.db, input.seminarId);
    if (!s) throw notFound('seminar');
    assertClientVisible(ctx.db, input.clientId);
    let fio = input.fio;
    if (input.contactId != null) {
      const c = stmt(ctx.db, 'SELECT client_id AS clientId, full_name AS name FROM contacts WHERE id = ?').get(input.contactId) as { clientId: number; name: string } | undefined;
      if (!c || c.clientId !== input.clientId) throw badField('contactId', 'not_of_client');
      fio = c.name.trim();
    }
    if (!fio) throw badField('fio', 'required');
    const dup = stmt(ctx.db, 'SELECT 1 FROM nss_seminar_people WHERE seminar_id = ? AND client_id = ? AND fio = ?').get(input.seminarId, input.clientId, fio);
    if (dup) throw conflict('duplicate', 'fio');
    if (s.capacity != null && s.registered >= s.capacity) throw conflict('full', 'seminarId');
    const r = stmt(
      ctx.db,
      'INSERT INTO nss_seminar_people (seminar_id, client_id, contact_id, fio, registered_at, attended, registered_by) VALUES (?, ?, ?, ?, ?, 0, ?)',
    ).run(input.seminarId, input.clientId, input.contactId ?? null, fio, ctx.nowIso(), ctx.me.id);
    const id = Number(r.lastInsertRowid);
    ctx.audit('nss_seminar_person', id, 'create', { seminarId: input.seminarId, clientId: input.clientId, contactId: input.contactId ?? null, fio });
    return { id };
  },

  'nss.seminars.unregister': (input, ctx) => {
    const p = stmt(ctx.db, 'SELECT p.seminar_id AS seminarId, p.client_id AS clientId, p.fio, p.attended, s.on_date AS onDate FROM nss_seminar_people p JOIN nss_seminars s ON s.id = p.seminar_id WHERE p.id = ?').get(input.id) as
      | { seminarId: number; clientId: number; fio: string; attended: number; onDate: string }
      | undefined;
    if (!p) throw notFound('registration');
    stmt(ctx.db, 'DELETE FROM nss_seminar_people WHERE id = ?').run(input.id);
    if (p.attended) touchClients(ctx.db, [p.clientId], [p.onDate]);
    ctx.audit('nss_seminar_person', input.id, 'delete', p);
    return { ok: true };
  },

  'nss.seminars.attend': (input, ctx) => {
    const ids = [...new Set(input.ids)];
    const get = stmt(ctx.db, 'SELECT p.client_id AS clientId, p.attended, s.on_date AS onDate FROM nss_seminar_people p JOIN nss_seminars s ON s.id = p.seminar_id WHERE p.id = ?');
    const set = stmt(ctx.db, 'UPDATE nss_seminar_people SET attended = ? WHERE id = ?');
    const touched = new Map<number, Set<string>>();
    let changed = 0;
    for (const id of ids) {
      const p = get.get(id) as { clientId: number; attended: number; onDate: string } | undefined;
      if (!p) throw notFound('registration');
      if (Boolean(p.attended) === input.attended) continue;
      set.run(input.attended ? 1 : 0, id);
      changed++;
      const dates = touched.get(p.clientId) ?? new Set<string>();
      dates.add(p.onDate);
      touched.set(p.clientId, dates);
    }
    for (const [clientId, dates] of touched) touchClients(ctx.db, [clientId], [...dates]);
    if (changed) ctx.audit('nss_seminar_person', null, input.attended ? 'attended' : 'not_attended', { ids });
    return { changed };
  },

  'nss.seminars.ofClient': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    return clientSeminars(ctx.db, input.clientId);
  },
};
