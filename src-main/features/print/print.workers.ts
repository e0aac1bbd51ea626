// The print feature's worker task kind: drawing PDFs from data the main thread has loaded.
import { registerTask } from '../../workers/registry';
import type { RenderedPdf } from './render';
import type { PrintJob } from './print.task';

/** A contract with its specifications prints in a fraction of a second; a minute means something is wrong with the data. */
export const printTask = registerTask<PrintJob, RenderedPdf[]>({
  kind: 'print.render',
  module: 'src-main/features/print/print.task',
  limits: { maxInputBytes: 32 * 1024 * 1024, timeoutMs: 60_000 },
});
