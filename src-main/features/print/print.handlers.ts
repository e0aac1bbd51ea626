// Handlers for printing: documents (together or apart, a contract with its specifications), the client information card, and reading output files back.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import { formatDate } from '../../../src-shared/format';
import { loadCard } from '../clients/clients.card';
import { scopeOf } from '../tasks/tasks.repo';
import { readOutput, writeOutput } from './files';
import { PdfWriter } from './pdf/writer';
import { loadForPrint, renderDocuments } from './render';
import { drawClientCard } from './forms/client-card.form';

export const printHandlers: HandlerMap<'print.render' | 'print.clientCard' | 'print.file'> = {
  // Rendering is asynchronous (pdf-lib), so it runs in `prepare`, outside the write transaction; `run` only hands the result over.
  'print.render': prepared<'print.render', { files: string[]; details: ReturnType<typeof writeOutput>[] }>({
    prepare: async (input, ctx) => {
      const docs = loadForPrint(ctx.db, input.documentIds, input.includeSpecifications);
      const pdfs = await renderDocuments(docs, input.together);
      const details = pdfs.map((p) => writeOutput(ctx.db, ctx.me.id, p.slug, 'pdf', p.bytes, p.suggestedName, p.pages));
      return { files: details.map((d) => d.path), details };
    },
    run: (_input, _ctx, result) => result,
  }),
  'print.clientCard': prepared<'print.clientCard', { files: string[]; details: ReturnType<typeof writeOutput>[] }>({
    prepare: async (input, ctx) => {
      const today = ctx.today();
      const card = ctx.db.$client.transaction(() => loadCard(ctx.db, input.clientId, today, scopeOf(ctx.me))).deferred();
      const w = await PdfWriter.create(`Информационная карта клиента: ${card.client.name}`);
      drawClientCard(w, card, today);
      const { bytes, pages } = await w.finish();
      const name = `Карта клиента ${card.client.shortName ?? card.client.name} на ${formatDate(today)}.pdf`;
      const file = writeOutput(ctx.db, ctx.me.id, `client-card-${input.clientId}`, 'pdf', bytes, name, pages);
      return { files: [file.path], details: [file] };
    },
    run: (_input, _ctx, result) => result,
  }),
  'print.file': (input, ctx) => readOutput(ctx.db, ctx.me.id, input.path),
};
