// The lists feature's worker task kind: the client list and the documents register as XLSX, built off the event loop.
import { registerTask } from '../../workers/registry';
import type { ListExportInput, ListExportOutput } from './export.task';

/** Like the returns export: a whole base's register exports in seconds; the budget is for a busy machine, not a runaway. */
export const listExportTask = registerTask<ListExportInput, ListExportOutput>({
  kind: 'lists.export',
  module: 'src-main/features/lists/export.task',
  limits: { maxInputBytes: 64 * 1024, timeoutMs: 180_000 },
});
