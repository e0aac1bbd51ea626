// Worker task kinds of the USR reports: XLSX/PDF exports and the USR ZIP, built off the event loop.
import { registerTask } from '../../workers/registry';
import type { UsrExportInput, UsrExportOutput } from './usr-reports.task';
import type { UsrZipInput, UsrZipOutput } from './usr-zip.task';

/** A row per serviced kit (100,000 in a large РИЦ): the budget covers a year's export on a busy machine. */
export const usrExportTask = registerTask<UsrExportInput, UsrExportOutput>({
  kind: 'reports.usrExport',
  module: 'src-main/features/reports/usr-reports.task',
  limits: { maxInputBytes: 2 * 1024 * 1024, timeoutMs: 180_000 },
});

/** Thousands of stored files streamed into one archive; the input may name the selected kits. */
export const usrZipTask = registerTask<UsrZipInput, UsrZipOutput>({
  kind: 'reports.usrZip',
  module: 'src-main/features/reports/usr-zip.task',
  limits: { maxInputBytes: 2 * 1024 * 1024, timeoutMs: 600_000 },
});
