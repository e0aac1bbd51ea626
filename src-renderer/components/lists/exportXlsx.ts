// Downloads a list export the server built on its worker pool (the same way as the reports' XLSX), telling the user when it fails.
import { notifications } from '@mantine/notifications';
import type { PrintedFile } from '../../../src-shared/doc-types';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { downloadBase64 } from '../../screens/reports/download';

export async function downloadExport(build: () => Promise<{ details: PrintedFile[] }>): Promise<void> {
  try {
    const f = (await build()).details[0]!;
    const file = await call('print.file', { path: f.path });
    downloadBase64(f.suggestedName, file.base64, file.mime);
  } catch (err) {
    notifications.show({ color: 'red', title: 'Файл не выгружен', message: errorText(err) });
  }
}
