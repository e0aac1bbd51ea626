// Handlers of НСС records, the НСС report (page, drill-down to a client's contacts, XLSX/PDF on the pool) and the НСС settings.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { localDate, ricTimeZone } from '../../api/context';
import { AppError } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { writeOutput } from '../print/files';
import { assertClientVisible } from '../usr/card.handlers';
import { instantRange } from '../quality/week';
import { formatDistr } from '../../../src-shared/distr';
import { MANAGERS } from '../../../src-shared/roles';
import type { PrintedFile } from '../../../src-shared/doc-types';
import type { NssContactItem, NssReport, NssReportInput } from '../../../src-shared/api/nss';
import type { NssMonthPoint } from '../../../src-shared/nss';
import { monthFirst, monthLast } from './aggregate';
import { dbFileOf, readyPeriod } from './ready';
import { NSS_COLUMNS, SchemeTimeline } from './definitions';
import { addNssRecord, deleteNssRecord, listNssRecords, updateNssRecord } from './records';
import type { NssReportQuery } from './report.query';
import { readNssSettings, saveNssSettings } from './settings';
import { nssExportTask, nssMonthsTask, nssPageTask } from './nss.workers';

type Printed = { files: string[]; details: PrintedFile[] };

const isManager = (ctx: Ctx) => ctx.me.roles.some((r) => MANAGERS.includes(r));

/** The caller's query: a СИО or personal manager who is not a manager sees only their own clients. */
function scoped(ctx: Ctx, input: Omit<NssReportQuery, 'limit' | 'offset' | 'ownerId'>, limit: number, offset: number): NssReportQuery {
  return { ...input, limit, offset, ownerId: isManager(ctx) ? undefined : ctx.me.id };
}

function emptySources(ctx: Ctx): string[] {
  const none = (sql: string) => !stmt(ctx.db, sql).get();
  const out: string[] = [];
  if (none('SELECT 1 FROM chat_sessions LIMIT 1')) out.push('chat_sessions');
  if (none('SELECT 1 FROM chat_questions LIMIT 1') && none("SELECT 1 FROM tasks WHERE kind = 'question' LIMIT 1")) out.push('questions');
  if (none("SELECT 1 FROM nss_records WHERE kind = 'gl_call' LIMIT 1")) out.push('gl_calls');
  if (none('SELECT 1 FROM nss_seminar_people WHERE attended = 1 LIMIT 1')) out.push('seminars');
  return out;
}

function reportParams(ctx: Ctx, q: NssReportInput): [string, string][] {
  const name = (id: number | undefined) => (id == null ? null : ((stmt(ctx.db, 'SELECT full_name AS n FROM employees WHERE id = ?').get(id) as { n: string } | undefined)?.n ?? null));
  const out: [string, string][] = [['Период', `${q.fromMonth} — ${q.toMonth}`], ['Разрез', q.group === 'sio' ? 'по СИО' : q.group === 'pm' ? 'по персональным менеджерам' : 'по клиентам']];
  const sio = name(q.sioId);
  const pm = name(q.pmId);
  if (sio) out.push(['СИО', sio]);
  if (pm) out.push(['Персональный менеджер', pm]);
  if (!isManager(ctx)) out.push(['Клиенты', `только свои (${ctx.me.fullName})`]);
  if (q.overGapOnly) out.push(['Отбор', 'перерыв больше плана']);
  if (q.search) out.push(['Поиск', q.search]);
  return out;
}

async function exported(ctx: Ctx, input: NssReportInput, format: 'xlsx' | 'pdf'): Promise<Printed> {
  const dbFile = dbFileOf(ctx);
  const q = { group: 'client' as const, sort: 'daysSinceContact' as const, desc: true, ...input };
  const settings = readNssSettings(ctx.db);
  const periodId = await readyPeriod(ctx, q.fromMonth, q.toMonth, settings.plans.nss.contactsPerMonth);
  const { bytes, pages } = await ctx.offload(nssExportTask, {
    dbFile,
    today: ctx.today(),
    format,
    query: { ...scoped(ctx, q, 0, 0), periodId },
    settings,
    params: reportParams(ctx, q),
  });
  const slug = `nss-${q.fromMonth}-${q.toMonth}`;
  const file = writeOutput(ctx.db, ctx.me.id, slug, format, bytes, `Отчёт НСС ${q.fromMonth}–${q.toMonth}.${format}`, pages);
  return { files: [file.path], details: [file] };
}

/** Every contact of a client in the period, whichever source, and whether it counted for НСС on its date. */
function clientContacts(ctx: Ctx, clientId: number, fromMonth: string, toMonth: string): NssContactItem[] {
  const db = ctx.db;
  const tz = ricTimeZone(db);
  const from = monthFirst(fromMonth);
  const to = monthLast(toMonth);
  const { lo, hi } = instantRange(from, to, tz);
  const schemes = SchemeTimeline.ofClient(db, clientId);
  const kit = (sys: string | null, num: number | null, comp: number | null) => (sys && num != null ? formatDistr({ system: sys, number: num, comp: comp ?? 1 }) : null);
  const day = (at: string) => localDate(new Date(at), tz);
  type Raw = { id: number; kind: string; at: string | null; d: string | null; emp: string | null; kitId: number | null; sys: string | null; num: number | null; comp: number | null; detail: string | null; count: number | null };
  const out: NssContactItem[] = [];
  const push = (source: NssContactItem['source'], r: Raw) => {
    const onDate = r.d ?? day(r.at!);
    out.push({ source, kind: r.kind, id: r.id, onDate, at: r.at, employeeName: r.emp, kit: kit(r.sys, r.num, r.comp), counted: schemes.counts(r.kitId, onDate), detail: r.detail, count: r.count ?? 1 });
  };
  const KIT = 'LEFT JOIN distributions d ON d.id = x.distribution_id';
  const KITCOLS = 'x.distribution_id AS kitId, d.system_code AS sys, d.distr_number AS num, d.comp';
  for (const r of stmt(db, `SELECT x.id, x.kind, x.at, x.on_date AS d, e.full_name AS emp, ${KITCOLS}, x.comment AS detail, x.count FROM nss_records x ${KIT} LEFT JOIN employees e ON e.id = x.employee_id WHERE x.client_id = ? AND x.on_date BETWEEN ? AND ?`).all(clientId, from, to) as Raw[]) push('record', r);
  for (const r of stmt(db, `SELECT x.id, 'chat' AS kind, x.start_at AS at, NULL AS d, e.full_name AS emp, ${KITCOLS}, x.fio AS detail, 1 AS count FROM chat_sessions x ${KIT} LEFT JOIN employees e ON e.id = x.employee_id WHERE x.client_id = ? AND x.start_at >= ? AND x.start_at < ?`).all(clientId, lo, hi) as Raw[]) push('chat', r);
  for (const r of stmt(db, `SELECT x.id, 'question' AS kind, x.asked_at AS at, NULL AS d, NULL AS emp, ${KITCOLS}, substr(x.text, 1, 200) AS detail, 1 AS count FROM chat_questions x ${KIT} WHERE x.client_id = ? AND x.asked_at >= ? AND x.asked_at < ?`).all(clientId, lo, hi) as Raw[]) push('question', r);
  for (const r of stmt(db, `SELECT t.id, 'question' AS kind, t.created_at AS at, NULL AS d, e.full_name AS emp, NULL AS kitId, NULL AS sys, NULL AS num, NULL AS comp, substr(json_extract(t.fields, '$.question'), 1, 200) AS detail, 1 AS count FROM tasks t LEFT JOIN employees e ON e.id = t.assignee_id WHERE t.client_id = ? AND t.kind = 'question' AND t.created_at >= ? AND t.created_at < ? AND NOT EXISTS (SELECT 1 FROM chat_questions q WHERE q.task_id = t.id)`).all(clientId, lo, hi) as Raw[]) push('task', r);
  for (const r of stmt(db, `SELECT s.id, 'seminar' AS kind, s.starts_at AS at, s.on_date AS d, NULL AS emp, NULL AS kitId, NULL AS sys, NULL AS num, NULL AS comp, s.title || ' — ' || p.fio AS detail, 1 AS count FROM nss_seminar_people p JOIN nss_seminars s ON s.id = p.seminar_id WHERE p.client_id = ? AND p.attended = 1 AND s.on_date BETWEEN ? AND ?`).all(clientId, from, to) as Raw[]) push('seminar', r);
  return out.sort((a, b) => (a.onDate === b.onDate ? (b.at ?? '').localeCompare(a.at ?? '') : b.onDate.localeCompare(a.onDate)));
}

type Names =
  | 'nss.records.list'
  | 'nss.records.save'
  | 'nss.records.bulk'
  | 'nss.records.delete'
  | 'nss.report'
  | 'nss.report.months'
  | 'nss.report.contacts'
  | 'nss.report.xlsx'
  | 'nss.report.pdf'
  | 'nss.report.columns'
  | 'nss.settings.get'
  | 'nss.settings.save';

export const nssHandlers: HandlerMap<Names> = {
  'nss.records.list': (input, ctx) => {
    const { limit, offset, ...f } = input;
    if (f.clientId != null) assertClientVisible(ctx.db, f.clientId);
    // Records across clients: a manager's view, or one's own.
    else if (!isManager(ctx) && f.employeeId !== ctx.me.id) throw new AppError('FORBIDDEN', 'records of others');
    return listNssRecords(ctx.db, f, limit, offset);
  },
  'nss.records.save': (input, ctx) => {
    const { id, clientId, ...rest } = input;
    assertClientVisible(ctx.db, clientId);
    if (id != null) {
      // An edit keeps who did it unless the input names someone: a head correcting a СИО's visit does not become its author.
      const stored = stmt(ctx.db, 'SELECT employee_id AS e FROM nss_records WHERE id = ?').get(id) as { e: number | null } | undefined;
      updateNssRecord(ctx, id, { ...rest, clientId, employeeId: rest.employeeId === undefined ? (stored?.e ?? null) : rest.employeeId, source: 'manual' });
      return { id };
    }
    const write = { ...rest, clientId, employeeId: rest.employeeId === undefined ? ctx.me.id : rest.employeeId, source: 'manual' as const };
    const newId = addNssRecord(ctx.db, write, ctx.me.id, ctx.nowIso());
    ctx.audit('nss_record', newId, 'create', write);
    return { id: newId };
  },
  'nss.records.bulk': (input, ctx) => {
    const { clientIds, ...rest } = input;
    const unique = [...new Set(clientIds)];
    for (const c of unique) assertClientVisible(ctx.db, c);
    for (const c of unique) addNssRecord(ctx.db, { ...rest, clientId: c, employeeId: rest.employeeId === undefined ? ctx.me.id : rest.employeeId, source: 'bulk' }, ctx.me.id, ctx.nowIso());
    ctx.audit('nss_record', null, 'bulk', { clients: unique.length, kind: rest.kind, date: rest.date });
    return { created: unique.length };
  },
  'nss.records.delete': (input, ctx) => {
    deleteNssRecord(ctx, input.id);
    return { ok: true };
  },
  'nss.report': prepared<'nss.report', NssReport>({
    prepare: async (input, ctx) => {
      const { limit, offset, ...q } = input;
      const settings = readNssSettings(ctx.db);
      const periodId = await readyPeriod(ctx, q.fromMonth, q.toMonth, settings.plans.nss.contactsPerMonth);
      const r = await ctx.offload(nssPageTask, { dbFile: dbFileOf(ctx), today: ctx.today(), query: { ...scoped(ctx, q, limit, offset), periodId, withMonths: false }, settings });
      const { months: _chart, ...page } = r;
      return { ...page, today: ctx.today(), emptySources: emptySources(ctx) };
    },
    run: (_i, _c, r) => r,
  }),
  'nss.report.months': prepared<'nss.report.months', NssMonthPoint[]>({
    prepare: async (input, ctx) => {
      const q = scoped(ctx, { ...input, group: 'client', sort: 'name', desc: false }, 1, 0);
      // The quiet months are filled by the page's period readying; the chart never fills (it may come first: zeros then).
      return ctx.offload(nssMonthsTask, { dbFile: dbFileOf(ctx), query: q });
    },
    run: (_i, _c, r) => r,
  }),
  'nss.report.contacts': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    if (!isManager(ctx)) {
      const c = stmt(ctx.db, 'SELECT sio_id AS s, pm_id AS p FROM clients WHERE id = ?').get(input.clientId) as { s: number | null; p: number | null };
      if (c.s !== ctx.me.id && c.p !== ctx.me.id) throw new AppError('FORBIDDEN', 'not your client');
    }
    return clientContacts(ctx, input.clientId, input.fromMonth, input.toMonth);
  },
  'nss.report.xlsx': prepared<'nss.report.xlsx', Printed>({ prepare: (input, ctx) => exported(ctx, input as NssReportInput, 'xlsx'), run: (_i, _c, r) => r }),
  'nss.report.pdf': prepared<'nss.report.pdf', Printed>({ prepare: (input, ctx) => exported(ctx, input as NssReportInput, 'pdf'), run: (_i, _c, r) => r }),
  'nss.report.columns': () => NSS_COLUMNS,
  'nss.settings.get': (_input, ctx) => readNssSettings(ctx.db),
  'nss.settings.save': (input, ctx) => {
    const before = readNssSettings(ctx.db);
    saveNssSettings(ctx.db, input);
    ctx.audit('settings', null, 'nss', { before, after: input });
    return readNssSettings(ctx.db);
  },
};
