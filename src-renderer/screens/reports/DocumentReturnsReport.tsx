// Report «Возврат документов»: documents whose planned return falls in a period, overdue first with days overdue; chart by state, table, XLSX and PDF.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, ColorSwatch, Group, Loader, Modal, Pagination, Paper, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { DonutChart } from '@mantine/charts';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react';
import { returnStateLabel } from '../../../src-shared/doc-gender';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, RETURN_STATES, RETURN_STATE_LABELS, RETURN_VIA_LABELS, type PrintedFile, type ReturnReport, type ReturnState } from '../../../src-shared/doc-types';
import { formatDate, shortFio } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ClientFilter } from '../documents/ClientFilter';
import { TYPE_SHORT, stateColor } from '../documents/docUi';
import { PdfPreview } from '../documents/print/PdfPreview';
import { PeriodPicker } from './PeriodPicker';
import type { Period } from './period';
import { downloadBase64 } from './download';

type State = Exclude<ReturnState, 'not_tracked'>;
const PAGE = 100;
/** The app's state colours: overdue red, awaited neutral grey, returned green (late in a lighter shade). */
const CHART_COLORS: Record<State, string> = { overdue: 'red.6', awaited: 'gray.5', returned_late: 'green.4', returned_in_time: 'green.7' };

const pad = (n: number) => String(n).padStart(2, '0');
/** The current calendar month in full: planned dates run ahead of today. */
function thisMonth(now = new Date()): Period {
  const y = now.getFullYear();
  const m = now.getMonth();
  const last = new Date(y, m + 1, 0).getDate();
  return { from: `${y}-${pad(m + 1)}-01`, to: `${y}-${pad(m + 1)}-${pad(last)}` };
}

const NUM = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function DocumentReturnsReport() {
  const { refs } = useSession();
  // The report opens on everything not returned as of today (overdue first); a period is the second view.
  const [scope, setScope] = useState<'unreturned' | 'period'>('unreturned');
  const [period, setPeriod] = useState<Period>(thisMonth);
  const [sioId, setSioId] = useState<string | null>(null);
  const [client, setClient] = useState<{ id: number; name: string } | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [state, setState] = useState<string>('all');
  const [page, setPage] = useState(1);
  const [report, setReport] = useState<ReturnReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'xlsx' | 'pdf' | null>(null);
  const [pdf, setPdf] = useState<PrintedFile[] | null>(null);

  const unreturned = scope === 'unreturned';
  const filters = {
    from: unreturned ? undefined : period.from,
    to: unreturned ? undefined : period.to,
    unreturned: unreturned || undefined,
    sioId: sioId ? Number(sioId) : undefined,
    clientId: client?.id,
    type: (type ?? undefined) as (typeof DOCUMENT_TYPES)[number] | undefined,
    state: state === 'all' ? undefined : (state as State),
  };
  const key = JSON.stringify(filters);
  useEffect(() => setPage(1), [key]);

  useEffect(() => {
    let alive = true;
    call('reports.documentReturns', { ...(JSON.parse(key) as typeof filters), limit: PAGE, offset: (page - 1) * PAGE })
      .then((r) => {
        if (!alive) return;
        setReport(r);
        setError(null);
      })
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
    // `key` stands for the filters (a new object every render).
  }, [key, page]);

  const exportXlsx = async () => {
    setBusy('xlsx');
    try {
      const r = await call('reports.documentReturnsXlsx', filters);
      const f = r.details[0]!;
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
      setPdf((await call('reports.documentReturnsPdf', filters)).details);
    } catch (err) {
      notifications.show({ color: 'red', title: 'PDF не сформирован', message: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const counts = report?.counts;
  const all = counts ? RETURN_STATES.reduce((s, k) => s + counts[k], 0) : 0;
  const shownStates = unreturned ? RETURN_STATES.filter((s) => s === 'overdue' || s === 'awaited') : RETURN_STATES;
  const sioOptions = (refs?.employees ?? []).filter((e) => e.roles.includes('sio')).map((e) => ({ value: String(e.id), label: e.fullName }));
  const periodError = fieldErrors(error).to;

  return (
    <Stack gap="sm" data-testid="report-document-returns">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => {
              setScope(v as typeof scope);
              if (v === 'unreturned' && state !== 'overdue' && state !== 'awaited') setState('all');
            }}
            data={[
              { value: 'unreturned', label: 'Не возвращены на сегодня' },
              { value: 'period', label: 'За период' },
            ]}
            data-testid="returns-scope"
          />
          {!unreturned && (
            <>
              <Text size="xs" c="dimmed">
                Плановая дата возврата
              </Text>
              <PeriodPicker value={period} onChange={setPeriod} error={periodError} />
            </>
          )}
        </Stack>
        <Group gap="xs">
          <Button leftSection={<IconPrinter size={16} />} variant="light" onClick={() => void printPdf()} loading={busy === 'pdf'} disabled={!report || all === 0} data-testid="returns-pdf">
            Печать PDF
          </Button>
          <Button leftSection={<IconFileSpreadsheet size={16} />} variant="light" onClick={() => void exportXlsx()} loading={busy === 'xlsx'} disabled={!report || all === 0} data-testid="returns-xlsx">
            Выгрузить в XLSX
          </Button>
        </Group>
      </Group>
      <Group gap="xs" align="flex-end">
        <Select size="xs" w={200} label="СИО" placeholder="Все СИО" clearable searchable data={sioOptions} value={sioId} onChange={setSioId} data-testid="returns-sio" />
        <ClientFilter value={client} onChange={setClient} />
        <Select
          size="xs"
          w={200}
          label="Тип документа"
          placeholder="Все типы"
          clearable
          data={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))}
          value={type}
          onChange={setType}
          data-testid="returns-type"
        />
      </Group>
      {error != null && !periodError && <Alert color="red">{errorText(error)}</Alert>}
      {!report || !counts ? (
        <Loader />
      ) : (
        <>
          <Paper withBorder p="sm">
            <Group align="center" gap="xl" wrap="nowrap">
              {all > 0 ? (
                <DonutChart
                  size={130}
                  thickness={22}
                  withTooltip
                  chartLabel={all}
                  data={RETURN_STATES.filter((s) => counts[s] > 0).map((s) => ({ name: RETURN_STATE_LABELS[s], value: counts[s], color: CHART_COLORS[s] }))}
                  data-testid="returns-chart"
                />
              ) : null}
              <Stack gap={6} style={{ flex: 1 }}>
                <SegmentedControl
                  size="xs"
                  value={state}
                  onChange={setState}
                  data={[
                    { value: 'all', label: `Все: ${all}` },
                    ...shownStates.map((s) => ({
                      value: s,
                      label: (
                        <Group gap={6} wrap="nowrap" justify="center" data-testid={`returns-count-${s}`} data-count={counts[s]}>
                          <ColorSwatch size={10} color={`var(--mantine-color-${CHART_COLORS[s].replace('.', '-')})`} withShadow={false} />
                          <span>
                            {RETURN_STATE_LABELS[s]}: <b>{counts[s]}</b>
                          </span>
                        </Group>
                      ),
                    })),
                  ]}
                  data-testid="returns-state"
                />
                <Text size="xs" c="dimmed">
                  Состояние на {formatDate(report.today)}. Просроченные — первыми, больше дней просрочки — выше.
                </Text>
              </Stack>
            </Group>
          </Paper>
          {report.total === 0 ? (
            <Text size="sm" c="dimmed" py="sm">
              {unreturned
                ? 'Все документы возвращены: ждать нечего. Чтобы увидеть возвращённые, выберите «За период».'
                : 'В этом периоде нет документов с плановой датой возврата. Выберите другой период или снимите фильтры.'}
            </Text>
          ) : (
            <ReturnsTable report={report} />
          )}
          {report.total > PAGE && <Pagination size="sm" total={Math.ceil(report.total / PAGE)} value={page} onChange={setPage} />}
        </>
      )}
      <Modal opened={pdf !== null} onClose={() => setPdf(null)} title="Возврат документов — печать" size="95%">
        {pdf && <PdfPreview files={pdf} />}
      </Modal>
    </Stack>
  );
}

function ReturnsTable({ report }: { report: ReturnReport }) {
  return (
    <Table fz="xs" verticalSpacing={3} withTableBorder striped highlightOnHover stickyHeader data-testid="returns-table">
      <Table.Thead>
        <Table.Tr bg="gray.0">
          <Table.Th w={140}>Состояние</Table.Th>
          <Table.Th w={70} style={NUM} title="Дней просрочки: сколько дней документ не возвращён после срока или насколько опоздал">
            Просрочка, дн.
          </Table.Th>
          <Table.Th w={190}>Документ</Table.Th>
          <Table.Th w={80}>Дата</Table.Th>
          <Table.Th>Клиент</Table.Th>
          <Table.Th w={120}>СИО</Table.Th>
          <Table.Th w={84}>Вернуть до</Table.Th>
          <Table.Th w={90}>Возвращён</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.rows.map((r) => (
          <Table.Tr key={r.id} data-testid={`returns-row-${r.number}`} data-state={r.state}>
            <Table.Td>
              <Badge size="xs" radius="sm" tt="none" fw={600} variant="light" color={stateColor(r.state, r.plannedReturn, report.today)}>
                {returnStateLabel(r.type, r.state)}
              </Badge>
            </Table.Td>
            <Table.Td style={NUM} c={r.state === 'overdue' ? 'red.7' : undefined} fw={r.state === 'overdue' ? 600 : undefined}>
              {r.daysOverdue || ''}
            </Table.Td>
            <Table.Td>
              <Anchor size="xs" style={{ whiteSpace: 'nowrap' }} onClick={() => navigate(`/documents/${r.id}`)}>
                {TYPE_SHORT[r.type]} № {r.number}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDate(r.date)}</Table.Td>
            <Table.Td>
              <Anchor size="xs" c="inherit" onClick={() => navigate(`/clients/${r.clientId}/documents`)}>
                {r.clientName}
              </Anchor>
            </Table.Td>
            <Table.Td title={r.sio?.fullName}>{r.sio ? shortFio(r.sio.fullName) : ''}</Table.Td>
            <Table.Td>{formatDate(r.plannedReturn)}</Table.Td>
            <Table.Td>
              {r.returnedAt ? `${formatDate(r.returnedAt)}${r.returnedVia === 'edo' ? ` (${RETURN_VIA_LABELS.edo})` : ''}` : ''}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
