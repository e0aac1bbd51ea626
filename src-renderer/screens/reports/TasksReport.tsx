// Report «Заявки и вопросы»: leads by kind, result and employee with time to first contact; questions by status and time to answer.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import type { TaskReport } from '../../../src-shared/mail-types';
import { TASK_STATUSES } from '../../../src-shared/mail-types';
import { CONTACT_RESULT_LABELS, LEAD_KINDS, TASK_KIND_LABELS, TASK_STATUS_LABELS, formatMinutes, pivot, resultsSeen, total, type ReportBucket } from '../../../src-shared/task-report';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { PeriodPicker } from './PeriodPicker';
import { preset, type Period } from './period';
import { downloadBase64 } from './download';

const QUESTION = ['question'] as const;
const KIND_COLORS = { lead_price: 'blue.6', lead_demo: 'violet.6', lead_trial: 'teal.6' } as const;
const STATUS_CHART_COLORS = { new: 'indigo.4', in_work: 'cyan.6', done: 'green.6', declined: 'gray.5' } as const;

const NUM = { fontVariantNumeric: 'tabular-nums', textAlign: 'right' } as const;

function Th({ children, num = false }: { children: React.ReactNode; num?: boolean }) {
  return (
    <Table.Th fz="xs" c="dimmed" style={num ? { textAlign: 'right' } : undefined}>
      {children}
    </Table.Th>
  );
}

function LeadsTable({ rows }: { rows: TaskReport['rows'] }) {
  const people = pivot(rows, 'assignee', LEAD_KINDS);
  const line = (b: ReportBucket, strong = false) => (
    <Table.Tr key={b.key} fw={strong ? 600 : undefined} data-testid={strong ? 'leads-total' : 'leads-row'}>
      <Table.Td>{b.label}</Table.Td>
      <Table.Td style={NUM}>{b.count}</Table.Td>
      {LEAD_KINDS.map((k) => (
        <Table.Td key={k} style={NUM}>
          {b.byKind[k] ?? 0}
        </Table.Td>
      ))}
      <Table.Td style={NUM}>{(b.byStatus.new ?? 0) + (b.byStatus.in_work ?? 0)}</Table.Td>
      <Table.Td style={NUM} c={b.late ? 'red.7' : undefined}>
        {b.late}
      </Table.Td>
      <Table.Td style={NUM}>{formatMinutes(b.firstContactAvgMin)}</Table.Td>
      <Table.Td style={NUM}>{formatMinutes(b.firstContactMaxMin)}</Table.Td>
    </Table.Tr>
  );
  return (
    <Table fz="sm" verticalSpacing={3} withTableBorder striped data-testid="leads-table">
      <Table.Thead>
        <Table.Tr bg="gray.0">
          <Th>Сотрудник</Th>
          <Th num>Всего</Th>
          {LEAD_KINDS.map((k) => (
            <Th key={k} num>
              {TASK_KIND_LABELS[k]}
            </Th>
          ))}
          <Th num>Открыто</Th>
          <Th num>Просрочено</Th>
          <Th num>До контакта, среднее</Th>
          <Th num>До контакта, макс.</Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {people.map((b) => line(b))}
        {line(total(rows, LEAD_KINDS), true)}
      </Table.Tbody>
    </Table>
  );
}

function ResultsTable({ rows }: { rows: TaskReport['rows'] }) {
  const results = resultsSeen(rows, LEAD_KINDS);
  const kinds = pivot(rows, 'kind', LEAD_KINDS);
  const line = (b: ReportBucket, strong = false) => (
    <Table.Tr key={b.key} fw={strong ? 600 : undefined}>
      <Table.Td>{b.label}</Table.Td>
      {results.map((r) => (
        <Table.Td key={r} style={NUM}>
          {b.byResult[r] ?? 0}
        </Table.Td>
      ))}
      <Table.Td style={NUM}>{b.count}</Table.Td>
    </Table.Tr>
  );
  return (
    <Table fz="sm" verticalSpacing={3} withTableBorder striped data-testid="results-table">
      <Table.Thead>
        <Table.Tr bg="gray.0">
          <Th>Вид заявки</Th>
          {results.map((r) => (
            <Th key={r} num>
              {r === 'none' ? 'Открыты' : CONTACT_RESULT_LABELS[r]}
            </Th>
          ))}
          <Th num>Всего</Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {kinds.map((b) => line(b))}
        {line(total(rows, LEAD_KINDS), true)}
      </Table.Tbody>
    </Table>
  );
}

function QuestionsTable({ rows }: { rows: TaskReport['rows'] }) {
  const people = pivot(rows, 'assignee', QUESTION);
  const line = (b: ReportBucket, strong = false) => (
    <Table.Tr key={b.key} fw={strong ? 600 : undefined}>
      <Table.Td>{b.label}</Table.Td>
      <Table.Td style={NUM}>{b.count}</Table.Td>
      {TASK_STATUSES.map((s) => (
        <Table.Td key={s} style={NUM}>
          {b.byStatus[s] ?? 0}
        </Table.Td>
      ))}
      <Table.Td style={NUM} c={b.late ? 'red.7' : undefined}>
        {b.late}
      </Table.Td>
      <Table.Td style={NUM}>{formatMinutes(b.firstContactAvgMin)}</Table.Td>
      <Table.Td style={NUM}>{formatMinutes(b.closeAvgMin)}</Table.Td>
    </Table.Tr>
  );
  return (
    <Table fz="sm" verticalSpacing={3} withTableBorder striped data-testid="questions-table">
      <Table.Thead>
        <Table.Tr bg="gray.0">
          <Th>Сотрудник</Th>
          <Th num>Всего</Th>
          {TASK_STATUSES.map((s) => (
            <Th key={s} num>
              {TASK_STATUS_LABELS[s]}
            </Th>
          ))}
          <Th num>Просрочено</Th>
          <Th num>До контакта, среднее</Th>
          <Th num>До ответа, среднее</Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {people.map((b) => line(b))}
        {line(total(rows, QUESTION), true)}
      </Table.Tbody>
    </Table>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Title order={5}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function TasksReport() {
  const { refs } = useSession();
  const [period, setPeriod] = useState<Period>(() => preset('month'));
  const [directionId, setDirectionId] = useState<string | null>(null);
  const [report, setReport] = useState<TaskReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const input = { from: period.from, to: period.to, directionId: directionId ? Number(directionId) : undefined };
  const key = JSON.stringify(input);

  useEffect(() => {
    let alive = true;
    call('tasks.report', JSON.parse(key) as typeof input)
      .then((r) => {
        if (!alive) return;
        setReport(r);
        setError(null);
      })
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
    // `key` stands for the input (a new object every render).
  }, [key]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const f = await call('tasks.reportXlsx', input);
      downloadBase64(f.fileName, f.base64);
    } catch (err) {
      notifications.show({ color: 'red', title: 'Файл не выгружен', message: errorText(err) });
    } finally {
      setExporting(false);
    }
  };

  const rows = report?.rows ?? [];
  const leadsByPerson = pivot(rows, 'assignee', LEAD_KINDS).map((b) => ({ label: b.label, ...b.byKind }));
  const questionsByPerson = pivot(rows, 'assignee', QUESTION).map((b) => ({ label: b.label, ...b.byStatus }));
  const leadCount = total(rows, LEAD_KINDS).count;
  const questionCount = total(rows, QUESTION).count;
  const imported = report?.importedQuestions ?? { count: 0, withoutClient: 0 };

  return (
    <Stack gap="sm" data-testid="report-tasks">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <PeriodPicker value={period} onChange={setPeriod} error={fieldErrors(error).to} />
          <Select
            size="xs"
            w={190}
            label="Направление"
            placeholder="Все направления"
            clearable
            data={(refs?.directions ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
            value={directionId}
            onChange={setDirectionId}
          />
        </Group>
        <Button leftSection={<IconFileSpreadsheet size={16} />} variant="light" onClick={() => void exportXlsx()} loading={exporting} disabled={!report} data-testid="report-xlsx">
          Выгрузить в XLSX
        </Button>
      </Group>
      {error != null && !fieldErrors(error).to && <Alert color="red">{errorText(error)}</Alert>}
      {!report ? (
        <Loader />
      ) : (
        <>
          <Section title={`Заявки с сайта: ${leadCount}`}>
            {leadCount === 0 ? (
              <Text size="sm" c="dimmed">
                За этот период заявок нет. Выберите другой период.
              </Text>
            ) : (
              <>
                <PersonChart
                  minHeight={160}
                  data={leadsByPerson}
                  series={LEAD_KINDS.map((k) => ({ name: k, label: TASK_KIND_LABELS[k], color: KIND_COLORS[k] }))}
                  testId="leads-chart"
                />
                <LeadsTable rows={rows} />
                <ResultsTable rows={rows} />
              </>
            )}
          </Section>
          <Section title={`Вопросы «Задать вопрос»: ${questionCount + imported.count}`}>
            {imported.count > 0 && (
              <Text size="sm" data-testid="imported-questions">
                {`Из выгрузки КЦ без поручения: ${imported.count}${imported.withoutClient ? ` (без клиента: ${imported.withoutClient})` : ''}. Они видны в событиях карточек клиентов; ниже — поручения.`}
              </Text>
            )}
            {questionCount === 0 ? (
              <Text size="sm" c="dimmed">
                {imported.count > 0 ? 'Поручений по вопросам за этот период нет.' : 'За этот период вопросов нет.'}
              </Text>
            ) : (
              <>
                <PersonChart
                  minHeight={140}
                  data={questionsByPerson}
                  series={TASK_STATUSES.map((st) => ({ name: st, label: TASK_STATUS_LABELS[st], color: STATUS_CHART_COLORS[st] }))}
                  testId="questions-chart"
                />
                <QuestionsTable rows={rows} />
              </>
            )}
          </Section>
          <Text size="xs" c="dimmed">
            Время до контакта — от поступления письма до «взять в работу» (или закрытия); до ответа — до выполнения. Просрочено — открыто после срока или закрыто позже срока.
          </Text>
        </>
      )}
    </Stack>
  );
}

/** Horizontal stacked bars, one per employee, sized to the number of people. */
function PersonChart(props: {
  minHeight: number;
  data: Record<string, string | number>[];
  series: { name: string; label: string; color: string }[];
  testId: string;
}) {
  return (
    <BarChart
      h={Math.max(props.minHeight, 60 + props.data.length * 34)}
      data={props.data}
      dataKey="label"
      type="stacked"
      orientation="vertical"
      withLegend
      legendProps={{ verticalAlign: 'top', height: 30 }}
      yAxisProps={{ width: 170 }}
      xAxisProps={{ allowDecimals: false }}
      maxBarWidth={22}
      series={props.series}
      data-testid={props.testId}
    />
  );
}
