// Contract: saved filters and column choices per employee, XLSX exports of the client list and the documents register, bulk actions on clients.
import { z } from 'zod';
import { GB_DAYS_MAX, GB_FILTERS } from '../glavbukh';
import { method } from './define';
import { USR_FILTERS, USR_STALE_DAYS_MAX } from '../usr-card';
import { ANY_STAFF, MANAGERS } from '../roles';
import { id, isoDate, reqText, CLIENT_STATUSES } from './common';
import { DOCUMENT_TYPES, RETURN_STATES, type PrintedFile } from '../doc-types';
import { CLIENT_COLUMNS, DOCUMENT_COLUMNS, LISTS, type BulkResult, type SavedFilter } from '../lists';

const list = z.enum(LISTS);
const filterValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.object({ id, name: z.string().max(500) })]);

export const clientListFilters = z
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
  .default({});

export const documentListFilters = {
  type: z.enum(DOCUMENT_TYPES).optional(),
  sioId: id.optional(),
  clientId: id.optional(),
  returnState: z.enum(RETURN_STATES).optional(),
  number: z.string().trim().max(50).optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
};

const exported = method<{ files: string[]; details: PrintedFile[] }>();

export const listsApi = {
  /** The caller's own saved filters of a list, by name. */
  'lists.filters.list': method<SavedFilter[]>()({ input: z.object({ list }), access: ANY_STAFF, write: false }),
  /** Saves (or replaces, by name) one of the caller's filters. */
  'lists.filters.save': method<{ id: number }>()({
    input: z.object({ list, name: reqText(80), filters: z.record(z.string().max(40), filterValue).refine((f) => Object.keys(f).length <= 20, 'too_many').default({}) }),
    access: ANY_STAFF,
    write: true,
  }),
  'lists.filters.delete': method<{ ok: true }>()({ input: z.object({ id }), access: ANY_STAFF, write: true }),
  /** The caller's column choice for a list, or null when never chosen (the screen shows its defaults). */
  'lists.columns.get': method<string[] | null>()({ input: z.object({ list }), access: ANY_STAFF, write: false }),
  /** Unknown keys are refused; the first column of each list (the name, the type) is kept by the screen. */
  'lists.columns.save': method<{ ok: true }>()({
    input: z.object({ list, columns: z.array(z.string().max(20)).min(1).max(20) }),
    access: ANY_STAFF,
    write: true,
  }),
  /** The client list as the screen shows it (query, filters, chosen columns), built on the worker pool. */
  'lists.clientsXlsx': exported({
    input: z.object({ query: z.string().max(200).default(''), filters: clientListFilters, columns: z.array(z.enum(CLIENT_COLUMNS)).min(1).max(CLIENT_COLUMNS.length).optional() }),
    access: ANY_STAFF,
    write: false,
  }),
  /** The documents register with the screen's filters, built on the worker pool. */
  'lists.documentsXlsx': exported({
    input: z.object({ ...documentListFilters, columns: z.array(z.enum(DOCUMENT_COLUMNS)).min(1).max(DOCUMENT_COLUMNS.length).optional() }),
    access: ANY_STAFF,
    write: false,
  }),
  /**
   * Sets the СИО, the personal manager or the status of the chosen clients in one transaction: one audit entry per
   * client that changed (with old and new values); clients already so are left alone. A head's action.
   */
  'lists.clientsBulk': method<BulkResult>()({
    input: z
      .object({
        ids: z.array(id).min(1).max(5000),
        sioId: id.nullable().optional(),
        pmId: id.nullable().optional(),
        status: z.enum(CLIENT_STATUSES).optional(),
      })
      .refine((v) => v.sioId !== undefined || v.pmId !== undefined || v.status !== undefined, { path: ['status'], message: 'required' }),
    access: MANAGERS,
    write: true,
  }),
};
