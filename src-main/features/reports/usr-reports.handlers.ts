// Handlers of «ОПКН» and «Обслуживание клиента (OLAP)»: the screen data, the drill-down, XLSX/PDF on the worker pool, and «Выгрузить USR» (ZIP by a worker, progress pushed, one-time download).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { formatDate } from '../../../src-shared/format';
import type { PrintedFile } from '../../../src-shared/doc-types';
import type { UsrZipResult } from '../../../src-shared/api/usr-reports';
import { writeOutput } from '../print/files';
import { opknReport, type OpknFilters } from './opkn.query';
import { usrOlapCellFiles, usrOlapReport, type UsrOlapFilters } from './usr-olap.query';
import { usrExportTask, usrZipTask } from './usr-reports.workers';
import type { UsrZipSource } from './usr-zip.manifest';
import { offerDownload } from './usr-zip.downloads';

type Printed = { files: string[]; details: PrintedFile[] };
type Source = UsrZipSource;

function dbFileOf(ctx: Ctx): string {
  const dbFile = ctx.db.$client.name;
  // The thread reads the file itself; a database in memory (never a host's) has no file to read.
  if (!dbFile || dbFile === ':memory:' || ctx.db.$client.memory) throw new Error('exports need a database file');
  return dbFile;
}

function titleOf(src: Source): { title: string; slug: string } {
  if (src.report === 'opkn') return { title: `ОПКН ${formatDate(src.filters.from)}–${formatDate(src.filters.to)}`, slug: `opkn-${src.filters.from}-${src.filters.to}` };
  return { title: `Обслуживание клиента ${src.filters.fromMonth}–${src.filters.toMonth}`, slug: `usr-olap-${src.filters.fromMonth}-${src.filters.toMonth}` };
}

async function exported(ctx: Ctx, src: Source, format: 'xlsx' | 'pdf'): Promise<Printed> {
  const dbFile = dbFileOf(ctx);
  const input = src.report === 'opkn' ? { report: 'opkn' as const, filters: src.filters } : { report: 'olap' as const, filters: src.filters };
  const { bytes, pages } = await ctx.offload(usrExportTask, { dbFile, today: ctx.today(), format, ...input });
  const { title, slug } = titleOf(src);
  const file = writeOutput(ctx.db, ctx.me.id, slug, format, bytes, `${title}.${format}`, pages);
  return { files: [file.path], details: [file] };
}

/** Builds the archive on the pool; the thread writes { done, total } beside it, polled here and pushed to the screen. */
async function zipped(ctx: Ctx, jobId: string, src: Source): Promise<UsrZipResult> {
  const dbFile = dbFileOf(ctx);
  const me = ctx.me.id;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-usr-zip-'));
  const outPath = path.join(dir, 'usr.zip');
  const progressPath = path.join(dir, 'progress.json');
  const push = (state: 'running' | 'done' | 'failed', done: number, total: number, extra: { url: string; name: string; bytes: number } | null = null) =>
    ctx.publishNow('reports.usrZip.progress', { jobId, employeeId: me, state, filesDone: done, filesTotal: total, url: extra?.url ?? null, name: extra?.name ?? null, bytes: extra?.bytes ?? null });
  let last = '';
  const timer = setInterval(() => {
    let text: string;
    try {
      text = fs.readFileSync(progressPath, 'utf8');
    } catch {
      return;
    }
    if (text === last) return;
    last = text;
    try {
      const p = JSON.parse(text) as { done: number; total: number };
      push('running', p.done, p.total);
    } catch {
      // A read caught mid-write: the next tick has it whole.
    }
  }, 250);
  try {
    const out = await ctx.offload(usrZipTask, { ...src, dbFile, outPath, progressPath } as never);
    fs.rmSync(progressPath, { force: true });
    const name = `USR ${titleOf(src).title}.zip`;
    const url = `files/usr-zip/${offerDownload(outPath, name, me)}`;
    push('done', out.files, out.files, { url, name, bytes: out.bytes });
    return { jobId, url, name, bytes: out.bytes, files: out.files, removed: out.removed };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    push('failed', 0, 0);
    throw err;
  } finally {
    clearInterval(timer);
  }
}

type Names =
  | 'reports.opkn'
  | 'reports.opknXlsx'
  | 'reports.opknPdf'
  | 'reports.usrOlap'
  | 'reports.usrOlapCell'
  | 'reports.usrOlapXlsx'
  | 'reports.usrOlapPdf'
  | 'reports.usrZip';

export const usrReportsHandlers: HandlerMap<Names> = {
  'reports.opkn': (input, ctx) => {
    const { limit, ...f } = input;
    return opknReport(ctx.db, f, limit);
  },
  'reports.opknXlsx': prepared<'reports.opknXlsx', Printed>({ prepare: (input, ctx) => exported(ctx, { report: 'opkn', filters: input as OpknFilters }, 'xlsx'), run: (_i, _c, r) => r }),
  'reports.opknPdf': prepared<'reports.opknPdf', Printed>({ prepare: (input, ctx) => exported(ctx, { report: 'opkn', filters: input as OpknFilters }, 'pdf'), run: (_i, _c, r) => r }),
  'reports.usrOlap': (input, ctx) => {
    const { limit, ...f } = input;
    return usrOlapReport(ctx.db, f, limit);
  },
  'reports.usrOlapCell': (input, ctx) => usrOlapCellFiles(ctx.db, input.distributionId, input.month),
  'reports.usrOlapXlsx': prepared<'reports.usrOlapXlsx', Printed>({ prepare: (input, ctx) => exported(ctx, { report: 'olap', filters: input as UsrOlapFilters }, 'xlsx'), run: (_i, _c, r) => r }),
  'reports.usrOlapPdf': prepared<'reports.usrOlapPdf', Printed>({ prepare: (input, ctx) => exported(ctx, { report: 'olap', filters: input as UsrOlapFilters }, 'pdf'), run: (_i, _c, r) => r }),
  'reports.usrZip': prepared<'reports.usrZip', UsrZipResult>({
    prepare: (input, ctx) => zipped(ctx, input.jobId, input.report === 'opkn' ? { report: 'opkn', filters: input.opkn! } : { report: 'olap', filters: input.olap! }),
    run: (_i, _c, r) => r,
  }),
};
