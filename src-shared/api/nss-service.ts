// Contract: НСС seminars (catalogue, registrations, attendance) and НСС cycles (list, save, renew, lapse, propose from a specification).
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF, CLIENT_EDITORS } from '../roles';
import { id, isoDate, optText, reqText } from './common';
import { NSS_SEMINAR_FORMATS, type NssCycle, type NssSeminar, type NssSeminarPerson } from '../nss';
import type { NssClientSeminar, NssCycleProposal } from '../nss-service';

/** Who may create, edit and delete seminars of the catalogue: managers, СИО and personal managers (those who run them). */
export const NSS_SEMINAR_EDITORS = ['admin', 'head', 'sio', 'pm'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });

export const nssSeminarSaveInput = z.object({
  /** Omitted: a new seminar. */
  id: id.optional(),
  title: reqText(300),
  /** The date and time in the РИЦ time zone. */
  date: isoDate,
  time: hhmm,
  format: z.enum(NSS_SEMINAR_FORMATS),
  capacity: z.number().int().positive().max(100_000).nullish(),
  place: optText(300),
  note: optText(2000),
});
export type NssSeminarSaveInput = z.input<typeof nssSeminarSaveInput>;

export const nssCycleSaveInput = z.object({
  clientId: id,
  /** Omitted: a new cycle. */
  id: id.optional(),
  startsOn: isoDate,
  endsOn: isoDate,
  distributionIds: z.array(id).max(500).default([]),
  specificationId: id.nullish(),
  comment: optText(2000),
});
export type NssCycleSaveInput = z.input<typeof nssCycleSaveInput>;

export const nssServiceApi = {
  /** Seminars of a period (by date in the РИЦ zone), newest first, with registered / attended counts. */
  'nss.seminars.list': method<{ items: NssSeminar[]; total: number }>()({
    input: z.object({ from: isoDate.nullish(), to: isoDate.nullish(), limit: z.number().int().positive().max(1000).default(500) }),
    access: ANY_STAFF,
    write: false,
  }),
  'nss.seminars.get': method<NssSeminar>()({ input: z.object({ id }), access: ANY_STAFF, write: false }),
  /** Creates or edits a seminar; a changed date recomputes the attendees' НСС months (old and new). */
  'nss.seminars.save': method<{ id: number }>()({ input: nssSeminarSaveInput, access: NSS_SEMINAR_EDITORS, write: true }),
  /** Deletes a seminar. With attendance recorded it answers CONFLICT (reason `attended`) unless `force`. */
  'nss.seminars.delete': method<{ ok: true }>()({ input: z.object({ id, force: z.boolean().default(false) }), access: NSS_SEMINAR_EDITORS, write: true }),
  'nss.seminars.people': method<NssSeminarPerson[]>()({ input: z.object({ seminarId: id }), access: ANY_STAFF, write: false }),
  /**
   * Registers a client's person: a contact of the client, or a typed ФИО. A full seminar answers CONFLICT (reason
   * `full`), the same person twice CONFLICT (reason `duplicate`).
   */
  'nss.seminars.register': method<{ id: number }>()({
    input: z.object({ seminarId: id, clientId: id, contactId: id.nullish(), fio: optText(300) }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  'nss.seminars.unregister': method<{ ok: true }>()({ input: z.object({ id }), access: CLIENT_EDITORS, write: true }),
  /** Marks registrations (of one seminar or several) attended or not. */
  'nss.seminars.attend': method<{ changed: number }>()({
    input: z.object({ ids: z.array(id).min(1).max(1000), attended: z.boolean() }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  /** A client's seminar registrations, newest first. */
  'nss.seminars.ofClient': method<NssClientSeminar[]>()({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),

  /** A client's cycles, newest first, each with its view state for today. */
  'nss.cycles.list': method<{ items: NssCycle[]; dueDays: number }>()({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),
  'nss.cycles.save': method<{ id: number }>()({ input: nssCycleSaveInput, access: CLIENT_EDITORS, write: true }),
  /** Creates the next cycle from the old end + 1 day (as long as the old one) and marks the old one renewed today. */
  'nss.cycles.renew': method<{ id: number }>()({
    input: z.object({ id, endsOn: isoDate.nullish(), comment: optText(2000) }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  'nss.cycles.lapse': method<{ ok: true }>()({ input: z.object({ id, reason: reqText(1000) }), access: CLIENT_EDITORS, write: true }),
  /** Proposes a cycle from a specification of the client: its date, + 12 months − 1 day, its НСС kits. Writes nothing. */
  'nss.cycles.propose': method<NssCycleProposal>()({ input: z.object({ clientId: id, specificationId: id }), access: CLIENT_EDITORS, write: false }),
  /** The client's specifications, newest first, for the «propose» picker. */
  'nss.cycles.specifications': method<{ id: number; number: string; date: string }[]>()({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),
};
