// Worker task kinds of НСС: the report's page and its XLSX/PDF, built off the event loop.
import { registerTask } from '../../workers/registry';
import type { NssExportInput, NssExportOutput } from './report.task';
import type { NssPageInput } from './report.page.task';
import type { NssMonthsInput } from './report.months.task';
import type { NssMonthPoint } from '../../../src-shared/nss';
import type { NssPeriodInput, NssPeriodOutput } from './period.task';
import type { NssReportResult } from './report.query';

export const nssExportTask = registerTask<NssExportInput, NssExportOutput>({
  kind: 'nss.reportExport',
  module: 'src-main/features/nss/report.task',
  limits: { maxInputBytes: 1024 * 1024, timeoutMs: 180_000 },
});

export const nssPageTask = registerTask<NssPageInput, NssReportResult>({
  kind: 'nss.reportPage',
  module: 'src-main/features/nss/report.page.task',
  limits: { maxInputBytes: 64 * 1024, timeoutMs: 120_000 },
});

export const nssPeriodTask = registerTask<NssPeriodInput, NssPeriodOutput>({
  kind: 'nss.period',
  module: 'src-main/features/nss/period.task',
  limits: { maxInputBytes: 4 * 1024, timeoutMs: 600_000 },
});

export const nssMonthsTask = registerTask<NssMonthsInput, NssMonthPoint[]>({
  kind: 'nss.reportMonths',
  module: 'src-main/features/nss/report.months.task',
  limits: { maxInputBytes: 4 * 1024, timeoutMs: 120_000 },
});
