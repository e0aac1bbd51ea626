// Handlers of Главбух certification requests (check, export into the archive, the archive) and of the Главбух settings.
import { createHash } from 'node:crypto';
import type { HandlerMap } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { searchClients } from '../clients/clients.search';
import { readGbSettings, saveGbSettings } from './settings';
import { checkRequest, distrList } from './request.rules';
import { GB_REQUEST_FORMAT, gbRequestFileName, writeGbRequest, type GbRequestRow } from './request.format';
import { recordCertificate } from './certs';
import type { GbProgramme } from '../../../src-shared/glavbukh';
import { GB_REQUEST_MAX, type GbRequestDetail, type GbRequestSummary } from '../../../src-shared/glavbukh-requests';
import type { MethodParsed } from '../../../src-shared/api';

type Selection = MethodParsed<'glavbukh.requests.check'>;

/** Every matching client of the list, as the list's XLSX export gets them: the list's own search without its screen limit. */
const ALL = 10_000_000;

function programmeOf(ctx: Ctx, code: string): GbProgramme {
  const p = readGbSettings(ctx.db).programmes.find((x) => x.code === code);
  if (!p) throw badField('programme', 'unknown');
  return p;
}

/**
 * The chosen ids: by hand, or every client the list filter finds. A text search that hit the list's candidate cap is
 * refused (`limited`) rather than sent incomplete; more than GB_REQUEST_MAX clients is `too_many`.
 */
function resolveIds(ctx: Ctx, input: Selection): number[] {
  if (input.clientIds) return [...new Set(input.clientIds)];
  const { query, filters } = input.fromList!;
  const { items, limited } = searchClients(ctx.db, query, ALL, filters, ctx.today());
  if (limited) throw badField('fromList.query', 'limited');
  if (items.length === 0) throw badField('fromList', 'empty');
  if (items.length > GB_REQUEST_MAX) throw badField('fromList', 'too_many');
  return items.map((i) => i.id);
}

function run(ctx: Ctx, input: Selection) {
  const programme = programmeOf(ctx, input.programme);
  const ids = resolveIds(ctx, input);
  const check = checkRequest(ctx.db, programme, ids, ctx.today(), readGbSettings(ctx.db).expiringDays);
  if (check.missing.length) throw new AppError('NOT_FOUND', 'client not found', check.missing.slice(0, 100).map((id) => ({ path: `clientIds.${ids.indexOf(id)}`, reason: 'not_found' })));
  return { programme, ids, check };
}

const SUMMARY_COLS = `r.id, r.programme, r.created_at AS createdAt, r.created_by AS createdById, e.full_name AS createdByName, r.client_count AS clientCount,
  r.file_name AS fileName, length(r.content) AS size, r.note`;

type SummaryRow = Omit<GbRequestSummary, 'createdBy'> & { createdById: number | null; createdByName: string | null };

const toSummary = ({ createdById, createdByName, ...r }: SummaryRow): GbRequestSummary => ({
  ...r,
  createdBy: createdById != null ? { id: createdById, name: createdByName ?? `№ ${createdById}` } : null,
});

function summaryOf(ctx: Ctx, id: number): GbRequestSummary | undefined {
  const r = stmt(ctx.db, `SELECT ${SUMMARY_COLS} FROM gb_requests r LEFT JOIN employees e ON e.id = r.created_by WHERE r.id = ?`).get(id) as SummaryRow | undefined;
  return r && toSummary(r);
}

export const glavbukhRequestsHandlers: HandlerMap<
  'glavbukh.requests.check' | 'glavbukh.requests.export' | 'glavbukh.requests.list' | 'glavbukh.requests.get' | 'glavbukh.settings.get' | 'glavbukh.settings.save'
> = {
  'glavbukh.requests.check': (input, ctx) => {
    const { programme, ids, check } = run(ctx, input);
    return { programme: programme.code, total: ids.length, clients: check.problems, clientIds: ids };
  },

  // One transaction (the dispatcher's): the check, the file, the archive and the certificates see one state of the data.
  'glavbukh.requests.export': (input, ctx) => {
    const { programme, check } = run(ctx, input);
    if (check.problems.length) {
      const issues = check.problems.flatMap((c) => c.problems.map((p) => ({ path: `clients.${c.clientId}.${p.field}`, reason: p.code, ref: { id: c.clientId, name: c.name } })));
      throw new AppError('BAD_INPUT', `${check.problems.length} clients have problems`, issues);
    }
    const now = ctx.nowIso();
    const rows: GbRequestRow[] = check.facts.map((f, i) => ({
      n: i + 1,
      clientId: f.clientId,
      name: f.name.trim(),
      inn: f.inn?.trim() ?? '',
      kpp: f.inn?.trim().length === 10 ? (f.kpp?.trim() ?? '') : '',
      contactName: f.contactName?.trim() ?? '',
      contactPosition: f.contactPosition?.trim() ?? '',
      email: f.email?.trim() ?? '',
      phone: f.phone?.trim() ?? '',
      distributions: distrList(f.distrs),
      programme: programme.code,
    }));
    const selection = input.clientIds ? { manual: true } : { filter: input.fromList };
    const id = Number(
      stmt(
        ctx.db,
        `INSERT INTO gb_requests (programme, created_by, created_at, client_count, format, file_name, content, sha256, selection, note)
         VALUES (?, ?, ?, ?, ?, '', x'', '', ?, ?)`,
      ).run(programme.code, ctx.me.id, now, rows.length, GB_REQUEST_FORMAT, JSON.stringify(selection), input.note).lastInsertRowid,
    );
    const bytes = writeGbRequest(rows);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = gbRequestFileName(programme.code, ctx.today(), id);
    stmt(ctx.db, 'UPDATE gb_requests SET file_name = ?, content = ?, sha256 = ? WHERE id = ?').run(fileName, Buffer.from(bytes), sha256, id);
    const item = stmt(ctx.db, 'INSERT INTO gb_request_items (request_id, client_id, contact_id, row) VALUES (?, ?, ?, ?)');
    const writer = { db: ctx.db, now, employeeId: ctx.me.id };
    rows.forEach((row, i) => {
      const contactId = check.facts[i]!.contactId;
      item.run(id, row.clientId, contactId, JSON.stringify(row));
      recordCertificate(writer, { clientId: row.clientId, contactId, programme: programme.code, status: 'requested', source: 'request', requestId: id });
    });
    ctx.audit('gb_request', id, 'export', { programme: programme.code, clients: rows.length, sha256 });
    return summaryOf(ctx, id)!;
  },

  'glavbukh.requests.list': (input, ctx) =>
    (stmt(ctx.db, `SELECT ${SUMMARY_COLS} FROM gb_requests r LEFT JOIN employees e ON e.id = r.created_by ORDER BY r.created_at DESC, r.id DESC LIMIT ?`).all(input.limit) as SummaryRow[]).map(
      toSummary,
    ),

  'glavbukh.requests.get': (input, ctx) => {
    const s = summaryOf(ctx, input.id);
    if (!s) throw notFound('request');
    const extra = stmt(ctx.db, 'SELECT selection, sha256 FROM gb_requests WHERE id = ?').get(input.id) as { selection: string | null; sha256: string };
    const items = (stmt(ctx.db, 'SELECT client_id AS clientId, row FROM gb_request_items WHERE request_id = ? ORDER BY id').all(input.id) as { clientId: number | null; row: string }[]).map(
      (it) => {
        const row = JSON.parse(it.row) as Partial<GbRequestRow>;
        return { clientId: it.clientId, name: row.name ?? '', inn: row.inn ?? '', contactName: row.contactName ?? '' };
      },
    );
    const detail: GbRequestDetail = { ...s, selection: extra.selection ? (JSON.parse(extra.selection) as unknown) : null, sha256: extra.sha256, items };
    return detail;
  },

  'glavbukh.settings.get': (_input, ctx) => readGbSettings(ctx.db),

  'glavbukh.settings.save': (input, ctx) => {
    const before = readGbSettings(ctx.db);
    const next = { programmes: input.programmes.map((p) => ({ ...p, required: [...new Set(p.required)] })), expiringDays: input.expiringDays };
    saveGbSettings(ctx.db, next);
    ctx.audit('gb_settings', null, 'save', { before, after: next });
    return readGbSettings(ctx.db);
  },
};
