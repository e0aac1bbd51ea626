// Handlers for the report «Возврат документов»: the screen page, the XLSX export and the PDF print of the same rows.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { DOCUMENT_TYPE_LABELS, RETURN_STATE_LABELS, type PrintedFile } from '../../../src-shared/doc-types';
import { formatDate } from '../../../src-shared/format';
import { writeOutput } from '../print/files';
import { PdfWriter } from '../print/pdf/writer';
import { drawReturnsReport } from '../print/forms/returns-report.form';
import { allReturnRows, returnReport, type ReturnFilters } from './returns.query';
import { returnsWorkbook } from './returns.xlsx';

/** The filters in words, printed above the rows and on the export's second sheet. */
function params(db: Db, f: ReturnFilters, today: string): [string, string][] {
  const name = (sql: string, id: number) => (stmt(db, sql).get(id) as { n: string } | undefined)?.n ?? `№ ${id}`;
  const out: [string, string][] = [['Плановый возврат', `с ${formatDate(f.from)} по ${formatDate(f.to)}`]];
  if (f.sioId != null) out.push(['СИО', name('SELECT full_name AS n FROM employees WHERE id = ?', f.sioId)]);
  if (f.clientId != null) out.push(['Клиент', name('SELECT name AS n FROM clients WHERE id = ?', f.clientId)]);
  if (f.type) out.push(['Тип документа', DOCUMENT_TYPE_LABELS[f.type]]);
  if (f.state) out.push(['Состояние', RETURN_STATE_LABELS[f.state]]);
  out.push(['Сформирован', formatDate(today)]);
  return out;
}

const slugOf = (f: ReturnFilters) => `document-returns-${f.from}-${f.to}`;
const nameOf = (f: ReturnFilters, ext: string) => `Возврат документов ${formatDate(f.from)}–${formatDate(f.to)}.${ext}`;

export const reportsHandlers: HandlerMap<'reports.documentReturns' | 'reports.documentReturnsXlsx' | 'reports.documentReturnsPdf'> = {
  'reports.documentReturns': (input, ctx) => {
    const { limit, offset, ...f } = input;
    return returnReport(ctx.db, f, ctx.today(), limit, offset);
  },
  'reports.documentReturnsXlsx': (input, ctx) => {
    const today = ctx.today();
    const rows = ctx.db.$client.transaction(() => allReturnRows(ctx.db, input, today)).deferred();
    const bytes = returnsWorkbook(rows, params(ctx.db, input, today));
    const file = writeOutput(ctx.db, ctx.me.id, slugOf(input), 'xlsx', bytes, nameOf(input, 'xlsx'), null);
    return { files: [file.path], details: [file] };
  },
  'reports.documentReturnsPdf': prepared<'reports.documentReturnsPdf', { files: string[]; details: PrintedFile[] }>({
    prepare: async (input, ctx) => {
      const today = ctx.today();
      const { rows, counts } = ctx.db.$client
        .transaction(() => ({ rows: allReturnRows(ctx.db, input, today), counts: returnReport(ctx.db, input, today, 1, 0).counts }))
        .deferred();
      const w = await PdfWriter.create('Возврат документов', { landscape: true });
      drawReturnsReport(w, rows, params(ctx.db, input, today), counts, today);
      const { bytes, pages } = await w.finish();
      const file = writeOutput(ctx.db, ctx.me.id, slugOf(input), 'pdf', bytes, nameOf(input, 'pdf'), pages);
      return { files: [file.path], details: [file] };
    },
    run: (_input, _ctx, result) => result,
  }),
};
