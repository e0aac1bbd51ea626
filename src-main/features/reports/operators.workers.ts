// Worker task kind of the report «Операторы чата»: its XLSX built off the event loop.
import { registerTask } from '../../workers/registry';
import type { OperatorsExportInput, OperatorsExportOutput } from './operators.task';

/** A row per operator: the budget covers the year's aggregate over a million sessions on a busy machine. */
export const operatorsExportTask = registerTask<OperatorsExportInput, OperatorsExportOutput>({
  kind: 'reports.operatorsExport',
  module: 'src-main/features/reports/operators.task',
  limits: { maxInputBytes: 16 * 1024, timeoutMs: 60_000 },
});
