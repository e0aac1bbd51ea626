// Print dialog: pick the documents (a contract comes with its specifications), one file or each apart, then the PDF preview in the app.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Modal, ScrollArea, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { DOCUMENT_TYPE_LABELS, type DocumentListItem, type PrintedFile } from '../../../../src-shared/doc-types';
import { formatDate, formatMoney } from '../../../../src-shared/format';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { StatusBadge } from '../DocBadges';
import { PdfPreview } from './PdfPreview';

export interface PrintRequest {
  /** Documents the user may pick from, in display order. */
  candidates: DocumentListItem[];
  /** Chosen at the start. */
  selected: number[];
}

/** A contract is printed with its specifications: picking it from the tab pre-selects them. */
export function withSpecifications(doc: DocumentListItem, all: DocumentListItem[]): number[] {
  if (doc.type !== 'contract') return [doc.id];
  return [doc.id, ...all.filter((d) => d.parentId === doc.id && d.type === 'specification' && d.status !== 'cancelled').map((d) => d.id)];
}

export function PrintDialog({ request, onClose }: { request: PrintRequest | null; onClose: () => void }) {
  const [files, setFiles] = useState<PrintedFile[] | null>(null);
  const close = () => {
    setFiles(null);
    onClose();
  };
  return (
    <Modal opened={request !== null} onClose={close} title={files ? 'Просмотр перед печатью' : 'Печать документов'} size={files ? '95%' : 'xl'} data-testid="print-dialog">
      {request && (files ? <Preview files={files} onBack={() => setFiles(null)} /> : <Pick request={request} onDone={setFiles} onCancel={close} />)}
    </Modal>
  );
}

function Preview({ files, onBack }: { files: PrintedFile[]; onBack: () => void }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Button size="xs" variant="subtle" leftSection={<IconArrowLeft size={14} />} onClick={onBack} data-testid="print-back">
          К выбору документов
        </Button>
        <Text size="xs" c="dimmed">
          {files.length === 1 ? 'Один файл' : `Файлов: ${files.length} — выберите слева, чтобы посмотреть`}
        </Text>
      </Group>
      <PdfPreview files={files} />
    </Stack>
  );
}

function Pick({ request, onDone, onCancel }: { request: PrintRequest; onDone: (f: PrintedFile[]) => void; onCancel: () => void }) {
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(request.selected));
  const [together, setTogether] = useState<'one' | 'each'>('one');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Printing keeps the order of the list (a contract before its specifications), not the order of clicks.
  const ids = request.candidates.filter((d) => chosen.has(d.id)).map((d) => d.id);
  const toggle = (id: number, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const render = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('print.render', { documentIds: ids, together: together === 'one', includeSpecifications: false });
      onDone(r.details);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="print-pick">
      <ScrollArea.Autosize mah="55vh">
        <Table fz="sm" verticalSpacing={3} withTableBorder highlightOnHover>
          <Table.Thead>
            <Table.Tr bg="gray.0">
              <Table.Th w={32}>
                <Checkbox
                  size="xs"
                  aria-label="Выбрать все"
                  checked={ids.length === request.candidates.length}
                  indeterminate={ids.length > 0 && ids.length < request.candidates.length}
                  onChange={(e) => setChosen(e.currentTarget.checked ? new Set(request.candidates.map((d) => d.id)) : new Set())}
                />
              </Table.Th>
              <Table.Th>Документ</Table.Th>
              <Table.Th w={100}>Дата</Table.Th>
              <Table.Th w={130} style={{ textAlign: 'right' }}>
                Сумма
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.candidates.map((d) => (
              <Table.Tr key={d.id} style={{ cursor: 'pointer' }} onClick={() => toggle(d.id, !chosen.has(d.id))} data-testid={`print-pick-${d.number}`}>
                <Table.Td>
                  <Checkbox size="xs" checked={chosen.has(d.id)} onChange={(e) => toggle(d.id, e.currentTarget.checked)} onClick={(e) => e.stopPropagation()} aria-label={d.number} />
                </Table.Td>
                <Table.Td pl={d.parentId ? 24 : undefined}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">
                      {DOCUMENT_TYPE_LABELS[d.type]} № {d.number}
                    </Text>
                    <StatusBadge status={d.status} type={d.type} />
                  </Group>
                </Table.Td>
                <Table.Td>{formatDate(d.date)}</Table.Td>
                <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{d.amountKop ? formatMoney(d.amountKop) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            Как сохранить
          </Text>
          <SegmentedControl
            size="xs"
            value={together}
            onChange={(v) => setTogether(v as 'one' | 'each')}
            data={[
              { value: 'one', label: 'Одним файлом' },
              { value: 'each', label: 'Каждый отдельно' },
            ]}
            data-testid="print-mode"
          />
        </Stack>
        <Group gap="xs">
          {busy && (
            <Group gap={6}>
              <Loader size="xs" />
              <Text size="xs" c="dimmed">
                Формируется {ids.length} док.…
              </Text>
            </Group>
          )}
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
          <Button leftSection={<IconPrinter size={16} />} disabled={ids.length === 0} loading={busy} onClick={() => void render()} data-testid="print-render">
            Сформировать ({ids.length})
          </Button>
        </Group>
      </Group>
      {ids.length === 0 && (
        <Text size="xs" c="dimmed">
          Отметьте документы, которые нужно напечатать.
        </Text>
      )}
      {error && <Alert color="red">Не удалось сформировать PDF: {error}</Alert>}
    </Stack>
  );
}
