// Worker task `print.render`: print forms drawn into PDFs on a pool thread (documents together or apart, the client card).
import type { ClientCard } from '../../../src-shared/types';
import { formatDate } from '../../../src-shared/format';
import type { PrintDoc } from './data';
import { PdfWriter } from './pdf/writer';
import { renderDocuments, type RenderedPdf } from './render';
import { drawClientCard } from './forms/client-card.form';

export type PrintJob = { form: 'documents'; docs: PrintDoc[]; together: boolean } | { form: 'clientCard'; card: ClientCard; today: string };

export async function run(job: PrintJob): Promise<RenderedPdf[]> {
  if (job.form === 'documents') return renderDocuments(job.docs, job.together);
  const { card, today } = job;
  const w = await PdfWriter.create(`Информационная карта клиента: ${card.client.name}`);
  drawClientCard(w, card, today);
  const { bytes, pages } = await w.finish();
  const suggestedName = `Карта клиента ${card.client.shortName ?? card.client.name} на ${formatDate(today)}.pdf`;
  return [{ slug: `client-card-${card.client.id}`, suggestedName, bytes, pages }];
}
