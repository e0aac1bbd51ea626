// Contract: client search, the card, and every edit of a client and its parts.
import { z } from 'zod';
import { GB_DAYS_MAX, GB_FILTERS } from '../glavbukh';
import { method } from './define';
import { USR_FILTERS, USR_STALE_DAYS_MAX } from '../usr-card';
import { systemCode } from './systems';
import { ANY_STAFF, CLIENT_EDITORS, MANAGERS } from '../roles';
import {
  id,
  isoDate,
  optText,
  reqText,
  optInn,
  optKpp,
  phoneInput,
  emailInput,
  counterpartyInput,
  CLIENT_STATUSES,
  CONTACT_ROLES,
  SCHEMES,
  NETWORK_TYPES,
  DISTR_STATES,
} from './common';
import type { ClientCard, ClientEventRow, ClientListItem, CounterpartyRow } from '../types';
import type { MergePreview, MergeResult, SameInn, SameInnClient } from '../dedupe';

const clientFields = {
  name: reqText(500),
  shortName: optText(200),
  inn: optInn,
  kpp: optKpp,
  legalAddress: optText(500),
  actualAddress: optText(500),
  region: optText(100),
  city: optText(100),
  status: z.enum(CLIENT_STATUSES).default('prospect'),
  sioId: id.nullish(),
  pmId: id.nullish(),
  comment: optText(4000),
  phones: z.array(phoneInput).max(20).default([]),
  emails: z.array(emailInput).max(20).default([]),
};

export const clientCreateInput = z.object(clientFields);
export type ClientCreateInput = z.input<typeof clientCreateInput>;

export const clientUpdateInput = z.object({
  id,
  version: z.number().int().positive(),
  name: clientFields.name.optional(),
  shortName: clientFields.shortName.optional(),
  inn: clientFields.inn.optional(),
  kpp: clientFields.kpp.optional(),
  legalAddress: clientFields.legalAddress.optional(),
  actualAddress: clientFields.actualAddress.optional(),
  region: clientFields.region.optional(),
  city: clientFields.city.optional(),
  status: z.enum(CLIENT_STATUSES).optional(),
  sioId: id.nullable().optional(),
  pmId: id.nullable().optional(),
  comment: clientFields.comment.optional(),
  phones: z.array(phoneInput).max(20).optional(),
  emails: z.array(emailInput).max(20).optional(),
});
export type ClientUpdateInput = z.input<typeof clientUpdateInput>;

export const contactSaveInput = z.object({
  clientId: id,
  id: id.optional(),
  fullName: reqText(200),
  position: optText(200),
  note: optText(2000),
  roles: z.array(z.enum(CONTACT_ROLES)).max(CONTACT_ROLES.length).default([]),
  phones: z.array(phoneInput).max(20).default([]),
  emails: z.array(emailInput).max(20).default([]),
  characteristics: z.array(z.object({ characteristicId: id, comment: optText(1000) })).max(200).default([]),
});
export type ContactSaveInput = z.input<typeof contactSaveInput>;

export const distributionSaveInput = z.object({
  clientId: id,
  id: id.optional(),
  /** A code from the K+ systems catalogue (checked by the handler). */
  systemCode,
  distrNumber: z.number().int().positive().max(999_999_999),
  comp: z.number().int().positive().max(99).default(1),
  networkType: z.enum(NETWORK_TYPES).default('local'),
  state: z.enum(DISTR_STATES).default('active'),
  /**
   * Онлайн-диалог: a new distribution gets it from `chatFrom` (today when omitted) when true; on edit, a value unlike
   * today's state switches it from today. Omitted on edit = unchanged. Dated changes: distributions.setChat.
   */
  chatEnabled: z.boolean().optional(),
  chatFrom: isoDate.optional(),
  address: optText(500),
  /** Scheme of a new distribution, from `schemeFrom` (today when omitted). Ignored on edit: use distributions.setScheme. */
  scheme: z.enum(SCHEMES).default('standard'),
  schemeFrom: isoDate.optional(),
});
export type DistributionSaveInput = z.input<typeof distributionSaveInput>;

export const clientsApi = {
  'clients.search': method<{ items: ClientListItem[]; total: number; limited: boolean; gbExpiringDays: number }>()({
    input: z.object({
      query: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(1000).default(100),
      filters: z
        .object({
          status: z.enum(CLIENT_STATUSES).optional(),
          isKey: z.boolean().optional(),
          sioId: id.optional(),
          readyStage: z.string().max(50).optional(),
          usr: z.enum(USR_FILTERS).optional(),
          usrDays: z.number().int().min(1).max(USR_STALE_DAYS_MAX).optional(),
          gb: z.enum(GB_FILTERS).optional(),
          gbDays: z.number().int().min(1).max(GB_DAYS_MAX).optional(),
        })
        .default({}),
    }),
    access: ANY_STAFF,
    write: false,
  }),
  'clients.get': method<ClientCard>()({ input: z.object({ id }), access: ANY_STAFF, write: false }),
  /** A client with the ИНН and КПП of another is refused (CONFLICT, the issue names the other); `branches` share the ИНН only. */
  'clients.create': method<{ id: number; branches: SameInnClient[] }>()({ input: clientCreateInput, access: CLIENT_EDITORS, write: true }),
  'clients.update': method<{ version: number; branches: SameInnClient[] }>()({ input: clientUpdateInput, access: CLIENT_EDITORS, write: true }),
  /** The clients an ИНН/КПП would meet, for the form to say so while the user types. */
  'clients.checkInn': method<SameInn>()({
    input: z.object({ inn: z.string().trim().max(20), kpp: z.string().trim().max(20).nullish(), excludeId: id.optional() }),
    access: CLIENT_EDITORS,
    write: false,
  }),
  /** What merging `mergedId` into `survivorId` would move, before a head confirms it. */
  'clients.mergePreview': method<MergePreview>()({
    input: z.object({ survivorId: id, mergedId: id }),
    access: MANAGERS,
    write: false,
  }),
  /** Moves everything of `mergedId` to `survivorId` in one transaction; the merged client stays as a tombstone pointing to the survivor. */
  'clients.merge': method<MergeResult>()({
    input: z.object({ survivorId: id, mergedId: id, survivorVersion: z.number().int().positive(), mergedVersion: z.number().int().positive() }),
    access: MANAGERS,
    write: true,
  }),
  'clients.setKey': method<{ version: number }>()({
    input: z
      .object({ id, isKey: z.boolean(), responsibleId: id.nullish() })
      .refine((v) => !v.isKey || v.responsibleId != null, { path: ['responsibleId'], message: 'required' }),
    access: MANAGERS,
    write: true,
  }),
  /** Switches the client to another counterparty from a date (an additional agreement); history is kept. */
  'clients.changeCounterparty': method<{ linkId: number; counterpartyId: number }>()({
    input: z
      .object({
        clientId: id,
        effectiveFrom: isoDate,
        basis: optText(300),
        counterpartyId: id.optional(),
        counterparty: counterpartyInput.optional(),
      })
      .refine((v) => (v.counterpartyId == null) !== (v.counterparty == null), {
        path: ['counterparty'],
        message: 'required',
      }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  'clients.counterpartyOn': method<CounterpartyRow | null>()({
    input: z.object({ clientId: id, date: isoDate }),
    access: ANY_STAFF,
    write: false,
  }),
  'contacts.save': method<{ id: number }>()({ input: contactSaveInput, access: CLIENT_EDITORS, write: true }),
  /** Archives or restores a contact (never deleted: documents and tasks refer to it). */
  'contacts.setActive': method<{ ok: true }>()({
    input: z.object({ id, active: z.boolean() }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  'distributions.save': method<{ id: number }>()({ input: distributionSaveInput, access: CLIENT_EDITORS, write: true }),
  'distributions.setScheme': method<{ ok: true }>()({
    input: z.object({ id, scheme: z.enum(SCHEMES), effectiveFrom: isoDate }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  /** Switches Онлайн-диалог on or off from a date (today when omitted; a future date takes effect that day); history is kept. */
  'distributions.setChat': method<{ ok: true; changed: boolean }>()({
    input: z.object({ id, enabled: z.boolean(), effectiveFrom: isoDate.optional() }),
    access: CLIENT_EDITORS,
    write: true,
  }),
  'events.list': method<ClientEventRow[]>()({
    input: z.object({ clientId: id, limit: z.number().int().min(1).max(1000).default(200) }),
    access: ANY_STAFF,
    write: false,
  }),
  'events.add': method<{ id: number }>()({
    input: z.object({ clientId: id, text: reqText(4000) }),
    access: ANY_STAFF,
    write: true,
  }),
  'readiness.confirm': method<{ ok: true }>()({
    input: z.object({
      clientId: id,
      fieldCode: z.string().trim().min(1).max(50),
      value: reqText(500),
      confirmedAt: isoDate.optional(),
    }),
    access: CLIENT_EDITORS,
    write: true,
  }),
};
