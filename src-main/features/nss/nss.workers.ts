// Worker task kinds of НСС: the report's XLSX/PDF, built off the event loop.
import { registerTask } from '../../workers/registry';
import type { NssExportInput, NssExportOutput } from './report.task';

export const nssExportTask = registerTask<NssExportInput, NssExportOutput>({
  kind: 'nss.reportExport',
  module: 'src-main/features/nss/report.task',
  limits: { maxInputBytes: 1024 * 1024, timeoutMs: 180_000 },
});
