// Handlers for the report «Возврат документов»: the screen page, and the XLSX export and PDF print of the same rows built on the worker pool.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { formatDate } from '../../../src-shared/format';
import type { PrintedFile } from '../../../src-shared/doc-types';
import { writeOutput } from '../print/files';
import { returnReport, type ReturnFilters } from './returns.query';
import { returnsExportTask } from './reports.workers';

type Printed = { files: string[]; details: PrintedFile[] };

const slugOf = (f: ReturnFilters) => `document-returns-${f.from ?? 'start'}-${f.to ?? 'end'}${f.unreturned ? '-unreturned' : ''}`;
/** A period in the name when there is one; otherwise what is unreturned as of the day. */
const nameOf = (f: ReturnFilters, ext: string, today: string) =>
  f.from || f.to ? `Возврат документов ${f.from ? formatDate(f.from) : '…'}–${f.to ? formatDate(f.to) : '…'}.${ext}` : `Возврат документов на ${formatDate(today)}.${ext}`;

async function exported(ctx: Ctx, f: ReturnFilters, format: 'xlsx' | 'pdf'): Promise<Printed> {
  const dbFile = ctx.db.$client.name;
  // The thread reads the file itself; a database in memory (never a host's) has no file to read.
  if (!dbFile || dbFile === ':memory:' || ctx.db.$client.memory) throw new Error('exports need a database file');
  const { bytes, pages } = await ctx.offload(returnsExportTask, { dbFile, filters: f, today: ctx.today(), format });
  const file = writeOutput(ctx.db, ctx.me.id, slugOf(f), format, bytes, nameOf(f, format, ctx.today()), pages);
  return { files: [file.path], details: [file] };
}

export const reportsHandlers: HandlerMap<'reports.documentReturns' | 'reports.documentReturnsXlsx' | 'reports.documentReturnsPdf'> = {
  'reports.documentReturns': (input, ctx) => {
    const { limit, offset, ...f } = input;
    return returnReport(ctx.db, f, ctx.today(), limit, offset);
  },
  'reports.documentReturnsXlsx': prepared<'reports.documentReturnsXlsx', Printed>({
    prepare: (input, ctx) => exported(ctx, input, 'xlsx'),
    run: (_input, _ctx, result) => result,
  }),
  'reports.documentReturnsPdf': prepared<'reports.documentReturnsPdf', Printed>({
    prepare: (input, ctx) => exported(ctx, input, 'pdf'),
    run: (_input, _ctx, result) => result,
  }),
};
