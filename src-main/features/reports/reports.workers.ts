// The reports feature's worker task kinds: exports built off the event loop.
import { registerTask } from '../../workers/registry';
import type { ReturnsExportInput, ReturnsExportOutput } from './returns.task';

/** 100,000 rows export in seconds; the budget leaves room for a machine busy with other work, not for a runaway. */
export const returnsExportTask = registerTask<ReturnsExportInput, ReturnsExportOutput>({
  kind: 'reports.returnsExport',
  module: 'src-main/features/reports/returns.task',
  limits: { maxInputBytes: 64 * 1024, timeoutMs: 180_000 },
});
