// Handlers of the lists feature: an employee's saved filters and column choices, the XLSX exports of the client list and the documents register.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { formatDate } from '../../../src-shared/format';
import type { PrintedFile } from '../../../src-shared/doc-types';
import { DOCUMENT_TYPE_LABELS, RETURN_STATE_LABELS } from '../../../src-shared/doc-types';
import { CLIENT_COLUMNS, DOCUMENT_COLUMNS, type ListName, type SavedFilter } from '../../../src-shared/lists';
import { writeOutput } from '../print/files';
import { listExportTask } from './lists.workers';
import type { ListExportBody, ListExportInput } from './export.task';
import { CLIENT_STATUS_NAMES } from './export.columns';
import { bulkHandlers } from './bulk';
import { readUsrSettings } from '../usr/settings';
import { readGbSettings } from '../glavbukh/settings';

const GB_FILTER_NAMES = { certified: 'сертифицирован', expiring: 'истекает', expired: 'истёк', requested: 'заявка', revoked: 'отозван', none: 'нет сертификата' } as const;

type Printed = { files: string[]; details: PrintedFile[] };

const KNOWN_COLUMNS: Record<ListName, readonly string[]> = { clients: CLIENT_COLUMNS, documents: DOCUMENT_COLUMNS };

function dbFileOf(ctx: Ctx): string {
  const dbFile = ctx.db.$client.name;
  // The thread reads the file itself; a database in memory (never a host's) has no file to read.
  if (!dbFile || dbFile === ':memory:' || ctx.db.$client.memory) throw new Error('exports need a database file');
  return dbFile;
}

const nameOf = (ctx: Ctx, sql: string, id: number) => (stmt(ctx.db, sql).get(id) as { n: string } | undefined)?.n ?? `№ ${id}`;
const employeeName = (ctx: Ctx, id: number) => nameOf(ctx, 'SELECT full_name AS n FROM employees WHERE id = ?', id);

async function exportList(ctx: Ctx, input: ListExportBody, slug: string, title: string): Promise<Printed> {
  const today = ctx.today();
  const { bytes } = await ctx.offload(listExportTask, { ...input, dbFile: dbFileOf(ctx), today } as ListExportInput);
  const file = writeOutput(ctx.db, ctx.me.id, `${slug}-${today}`, 'xlsx', bytes, `${title} ${formatDate(today)}.xlsx`, null);
  return { files: [file.path], details: [file] };
}

export const listsHandlers: HandlerMap<
  | 'lists.filters.list'
  | 'lists.filters.save'
  | 'lists.filters.delete'
  | 'lists.columns.get'
  | 'lists.columns.save'
  | 'lists.clientsXlsx'
  | 'lists.documentsXlsx'
  | 'lists.clientsBulk'
> = {
  'lists.filters.list': (input, ctx) =>
    (
      stmt(ctx.db, 'SELECT id, list, name, filters FROM saved_filters WHERE employee_id = ? AND list = ? ORDER BY name COLLATE NOCASE, id').all(ctx.me.id, input.list) as (Omit<
        SavedFilter,
        'filters'
      > & { filters: string })[]
    ).map((r) => ({ ...r, filters: JSON.parse(r.filters) as Record<string, unknown> })),

  'lists.filters.save': (input, ctx) => {
    const r = stmt(
      ctx.db,
      `INSERT INTO saved_filters (employee_id, list, name, filters, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(employee_id, list, name) DO UPDATE SET filters = excluded.filters RETURNING id`,
    ).get(ctx.me.id, input.list, input.name, JSON.stringify(input.filters), ctx.nowIso()) as { id: number };
    return { id: r.id };
  },

  // Only the owner's own: another employee's id is "not found", never deleted.
  'lists.filters.delete': (input, ctx) => {
    const r = stmt(ctx.db, 'DELETE FROM saved_filters WHERE id = ? AND employee_id = ?').run(input.id, ctx.me.id);
    if (r.changes === 0) throw notFound('filter');
    return { ok: true };
  },

  'lists.columns.get': (input, ctx) => {
    const row = stmt(ctx.db, 'SELECT columns FROM list_columns WHERE employee_id = ? AND list = ?').get(ctx.me.id, input.list) as { columns: string } | undefined;
    if (!row) return null;
    // A column a later version dropped is skipped rather than breaking the screen.
    return (JSON.parse(row.columns) as string[]).filter((c) => KNOWN_COLUMNS[input.list].includes(c));
  },

  'lists.columns.save': (input, ctx) => {
    const known = KNOWN_COLUMNS[input.list];
    input.columns.forEach((c, i) => {
      if (!known.includes(c)) throw badField(`columns.${i}`, 'unknown');
    });
    const unique = [...new Set(input.columns)];
    stmt(ctx.db, 'INSERT INTO list_columns (employee_id, list, columns) VALUES (?, ?, ?) ON CONFLICT(employee_id, list) DO UPDATE SET columns = excluded.columns').run(
      ctx.me.id,
      input.list,
      JSON.stringify(unique),
    );
    return { ok: true };
  },

  'lists.clientsXlsx': prepared<'lists.clientsXlsx', Printed>({
    prepare: (input, ctx) => {
      const f = input.filters;
      const params: [string, string][] = [];
      if (input.query.trim()) params.push(['Поиск', input.query.trim()]);
      if (f.status) params.push(['Статус', CLIENT_STATUS_NAMES[f.status]]);
      if (f.sioId != null) params.push(['СИО', employeeName(ctx, f.sioId)]);
      if (f.readyStage) params.push(['Готовность к стадии', (stmt(ctx.db, 'SELECT name AS n FROM readiness_stages WHERE code = ?').get(f.readyStage) as { n: string } | undefined)?.n ?? f.readyStage]);
      if (f.isKey) params.push(['Только ключевые', 'да']);
      if (f.usr === 'stale') params.push(['USR', `нет обновлений ${f.usrDays ?? readUsrSettings(ctx.db).staleDays} дн.`]);
      if (f.usr === 'none') params.push(['USR', 'нет ни одного USR']);
      if (f.gb) params.push(['Главбух', f.gb === 'expiring' ? `истекает в течение ${f.gbDays ?? readGbSettings(ctx.db).expiringDays} дн.` : GB_FILTER_NAMES[f.gb]]);
      params.push(['Сформирован', formatDate(ctx.today())]);
      return exportList(ctx, { list: 'clients', query: input.query, filters: f, columns: input.columns ?? [...CLIENT_COLUMNS], params }, 'clients', 'Клиенты');
    },
    run: (_input, _ctx, result) => result,
  }),

  'lists.documentsXlsx': prepared<'lists.documentsXlsx', Printed>({
    prepare: (input, ctx) => {
      const { columns, ...filters } = input;
      const params: [string, string][] = [];
      if (filters.number) params.push(['Номер', filters.number]);
      if (filters.type) params.push(['Тип', DOCUMENT_TYPE_LABELS[filters.type]]);
      if (filters.returnState) params.push(['Возврат', RETURN_STATE_LABELS[filters.returnState]]);
      if (filters.sioId != null) params.push(['СИО', employeeName(ctx, filters.sioId)]);
      if (filters.clientId != null) params.push(['Клиент', nameOf(ctx, 'SELECT name AS n FROM clients WHERE id = ?', filters.clientId)]);
      if (filters.dateFrom || filters.dateTo) params.push(['Дата', `${filters.dateFrom ? `с ${formatDate(filters.dateFrom)} ` : ''}${filters.dateTo ? `по ${formatDate(filters.dateTo)}` : ''}`.trim()]);
      params.push(['Сформирован', formatDate(ctx.today())]);
      return exportList(ctx, { list: 'documents', filters, columns: columns ?? [...DOCUMENT_COLUMNS], params }, 'documents', 'Документы');
    },
    run: (_input, _ctx, result) => result,
  }),

  ...bulkHandlers,
};
