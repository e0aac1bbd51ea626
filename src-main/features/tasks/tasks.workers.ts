// The tasks feature's worker task kind: the report's workbook built off the event loop.
import { registerTask } from '../../workers/registry';
import type { TaskReport } from '../../../src-shared/mail-types';

export const taskReportXlsxTask = registerTask<TaskReport, { fileName: string; base64: string }>({
  kind: 'tasks.reportXlsx',
  module: 'src-main/features/tasks/tasks.xlsx.task',
  limits: { maxInputBytes: 16 * 1024 * 1024, timeoutMs: 60_000 },
});
