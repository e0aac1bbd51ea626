// Handlers for printing: documents (together or apart, a contract with its specifications), the client information card, and reading output files back.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import type { Ctx } from '../../api/context';
import type { PrintedFile } from '../../../src-shared/doc-types';
import { loadCard } from '../clients/clients.card';
import { scopeOf } from '../tasks/tasks.repo';
import { readOutput, writeOutput } from './files';
import { loadForPrint } from './data';
import type { RenderedPdf } from './render';
import { printTask } from './print.workers';

type Printed = { files: string[]; details: PrintedFile[] };

function save(ctx: Ctx, pdfs: RenderedPdf[]): Printed {
  const details = pdfs.map((p) => writeOutput(ctx.db, ctx.me.id, p.slug, 'pdf', p.bytes, p.suggestedName, p.pages));
  return { files: details.map((d) => d.path), details };
}

// The data is read here (one read transaction, fast); drawing the pages runs on the worker pool in `prepare`, outside the
// event loop and any transaction; `run` only hands the files over.
export const printHandlers: HandlerMap<'print.render' | 'print.clientCard' | 'print.file'> = {
  'print.render': prepared<'print.render', Printed>({
    prepare: async (input, ctx) => {
      const docs = loadForPrint(ctx.db, input.documentIds, input.includeSpecifications);
      return save(ctx, await ctx.offload(printTask, { form: 'documents', docs, together: input.together }));
    },
    run: (_input, _ctx, result) => result,
  }),
  'print.clientCard': prepared<'print.clientCard', Printed>({
    prepare: async (input, ctx) => {
      const today = ctx.today();
      const card = ctx.db.$client.transaction(() => loadCard(ctx.db, input.clientId, today, scopeOf(ctx.me))).deferred();
      return save(ctx, await ctx.offload(printTask, { form: 'clientCard', card, today }));
    },
    run: (_input, _ctx, result) => result,
  }),
  'print.file': (input, ctx) => readOutput(ctx.db, ctx.me.id, input.path),
};
