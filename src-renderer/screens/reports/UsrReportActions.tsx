// The export buttons both USR reports share: «В XLSX», «Печать (PDF)» and «Выгрузить USR» (a ZIP built by the server with progress, then downloaded once).
import { useEffect, useState } from 'react';
import { Button, Group, Modal, Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileZip, IconPrinter } from '@tabler/icons-react';
import type { PrintedFile } from '../../../src-shared/doc-types';
import type { UsrZipProgress } from '../../../src-shared/usr-reports';
import type { MethodInput } from '../../../src-shared/api';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { PdfPreview } from '../documents/print/PdfPreview';
import { downloadBase64 } from './download';

type ZipInput = Omit<MethodInput<'reports.usrZip'>, 'jobId'>;

/** Saves the archive: the desktop host streams it to a file the employee picks; a browser follows the one-time link. */
async function saveZip(url: string, name: string): Promise<void> {
  if (window.crm?.saveDownload) {
    const r = await window.crm.saveDownload(url, name);
    if (!r.ok && r.reason !== 'cancelled') throw new Error(r.reason);
    return;
  }
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function UsrReportActions({
  title,
  xlsx,
  pdf,
  zip,
  disabled,
  selected,
}: {
  title: string;
  xlsx: () => Promise<{ details: PrintedFile[] }>;
  pdf: () => Promise<{ details: PrintedFile[] }>;
  /** Omitted: a report without «Выгрузить USR». */
  zip?: () => ZipInput;
  disabled: boolean;
  /** How many rows are selected (0: the ZIP takes the whole report). */
  selected: number;
}) {
  const [busy, setBusy] = useState<'xlsx' | 'pdf' | 'zip' | null>(null);
  const [printed, setPrinted] = useState<PrintedFile[] | null>(null);
  const [progress, setProgress] = useState<{ jobId: string; done: number; total: number } | null>(null);

  useEffect(
    () =>
      onPush((event, data) => {
        if (event !== 'reports.usrZip.progress') return;
        const p = data as UsrZipProgress;
        setProgress((cur) => (cur && cur.jobId === p.jobId ? { jobId: p.jobId, done: p.filesDone, total: p.filesTotal } : cur));
      }),
    [],
  );

  const exportXlsx = async () => {
    setBusy('xlsx');
    try {
      const f = (await xlsx()).details[0]!;
      const file = await call('print.file', { path: f.path });
      downloadBase64(f.suggestedName, file.base64, file.mime);
    } catch (err) {
      notifications.show({ color: 'red', title: 'Файл не выгружен', message: errorText(err) });
    } finally {
      setBusy(null);
    }
  };
  const printPdf = async () => {
    setBusy('pdf');
    try {
      setPrinted((await pdf()).details);
    } catch (err) {
      notifications.show({ color: 'red', title: 'PDF не сформирован', message: errorText(err) });
    } finally {
      setBusy(null);
    }
  };
  const exportZip = async () => {
    if (!zip) return;
    const jobId = `zip-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    setBusy('zip');
    setProgress({ jobId, done: 0, total: 0 });
    try {
      const r = await call('reports.usrZip', { jobId, ...zip() } as MethodInput<'reports.usrZip'>);
      await saveZip(r.url, r.name);
      notifications.show({
        color: 'green',
        title: 'Архив USR готов',
        message: `Файлов: ${r.files}${r.removed ? `; удалённых при очистке хранилища: ${r.removed} (указаны в описи)` : ''}`,
      });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Архив USR не сформирован', message: errorText(err) });
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  return (
    <>
      <Group gap="xs">
        <Button size="xs" leftSection={<IconFileSpreadsheet size={16} />} variant="light" onClick={() => void exportXlsx()} loading={busy === 'xlsx'} disabled={disabled} data-testid="report-xlsx">
          В XLSX
        </Button>
        <Button size="xs" leftSection={<IconPrinter size={16} />} variant="light" onClick={() => void printPdf()} loading={busy === 'pdf'} disabled={disabled} data-testid="report-pdf">
          Печать
        </Button>
        {zip && (
          <Button size="xs" leftSection={<IconFileZip size={16} />} onClick={() => void exportZip()} loading={busy === 'zip'} disabled={disabled} data-testid="report-usr-zip">
            {selected ? `Выгрузить USR (выбрано: ${selected})` : 'Выгрузить USR'}
          </Button>
        )}
      </Group>
      {progress && (
        <div data-testid="usr-zip-progress">
          <Text size="xs" c="dimmed">
            Архив USR: {progress.total ? `${progress.done} из ${progress.total} файлов` : 'подбор файлов…'}
          </Text>
          <Progress size="sm" value={progress.total ? (100 * progress.done) / progress.total : 5} animated />
        </div>
      )}
      <Modal opened={printed !== null} onClose={() => setPrinted(null)} title={`${title} — печать`} size="95%">
        {printed && <PdfPreview files={printed} />}
      </Modal>
    </>
  );
}
