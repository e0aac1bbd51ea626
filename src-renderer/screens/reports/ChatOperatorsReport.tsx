// Report «Операторы чата»: sessions, mean and median duration, per working day, quality index beside the clients' own rating; drill-down to sessions and reviews.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Pagination, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import type { OperatorReport, OperatorReportRow, QualityReviewRow, QualitySessionRow } from '../../../src-shared/quality';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { formatDuration, formatScore } from '../../components/quality/labels';
import { ReviewTable, SessionTable } from '../../components/quality/tables';
import { PeriodPicker } from './PeriodPicker';
import { preset, type Period } from './period';
import { downloadBase64 } from './download';

const NUM = { fontVariantNumeric: 'tabular-nums', textAlign: 'right' } as const;
const PAGE = 50;
const num = (v: number | null, digits = 2) => (v == null ? '—' : v.toLocaleString('ru-RU', { maximumFractionDigits: digits }));

function OperatorsTable({ rows, selected, onSelect }: { rows: OperatorReportRow[]; selected: number | null; onSelect: (id: number) => void }) {
  return (
    <Table fz="sm" verticalSpacing={3} withTableBorder striped highlightOnHover data-testid="operators-table">
      <Table.Thead>
        <Table.Tr bg="gray.0">
          <Table.Th>Оператор</Table.Th>
          <Table.Th style={NUM}>Сеансов</Table.Th>
          <Table.Th style={NUM}>Средняя длительность</Table.Th>
          <Table.Th style={NUM}>Медиана</Table.Th>
          <Table.Th style={NUM}>В рабочий день</Table.Th>
          <Table.Th style={NUM}>Индекс качества</Table.Th>
          <Table.Th style={NUM}>Проверок</Table.Th>
          <Table.Th style={NUM}>Оценка клиентов</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr
            key={r.employeeId}
            onClick={() => onSelect(r.employeeId)}
            style={{ cursor: 'pointer' }}
            bg={selected === r.employeeId ? 'blue.0' : undefined}
            data-testid="operators-row"
          >
            <Table.Td>{r.fullName}</Table.Td>
            <Table.Td style={NUM}>{r.sessions}</Table.Td>
            <Table.Td style={NUM}>{formatDuration(r.avgDurationSec)}</Table.Td>
            <Table.Td style={NUM}>{formatDuration(r.medianDurationSec)}</Table.Td>
            <Table.Td style={NUM}>{num(r.perDay)}</Table.Td>
            <Table.Td style={NUM}>{formatScore(r.qualityIndex)}</Table.Td>
            <Table.Td style={NUM}>{r.reviews}</Table.Td>
            <Table.Td style={NUM}>{r.clientRatings ? `${num(r.clientRatingAvg)} (${r.clientRatings})` : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One operator's sessions (paged) and reviews of the period. */
function DrillDown({ period, row }: { period: Period; row: OperatorReportRow }) {
  const [page, setPage] = useState(1);
  const [sessions, setSessions] = useState<{ rows: QualitySessionRow[]; total: number } | null>(null);
  const [reviews, setReviews] = useState<QualityReviewRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const input = { ...period, employeeId: row.employeeId };
  const key = JSON.stringify(input);
  useEffect(() => setPage(1), [key]);
  useEffect(() => {
    let alive = true;
    call('reports.chatOperatorSessions', { ...(JSON.parse(key) as typeof input), limit: PAGE, offset: (page - 1) * PAGE })
      .then((r) => alive && setSessions(r))
      .catch((e) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [key, page]);
  useEffect(() => {
    let alive = true;
    call('quality.reviews.list', { ...(JSON.parse(key) as typeof input), limit: 1000 })
      .then((r) => alive && setReviews(r))
      .catch((e) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [key]);
  return (
    <Paper withBorder p="sm" data-testid="operators-drilldown">
      <Stack gap="xs">
        <Title order={5}>{row.fullName}</Title>
        {error != null && <Alert color="red">{errorText(error)}</Alert>}
        <Tabs defaultValue="sessions" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="sessions">Сеансы: {row.sessions}</Tabs.Tab>
            <Tabs.Tab value="reviews">Проверки: {row.reviews}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="sessions" pt="xs">
            {!sessions ? (
              <Loader size="sm" />
            ) : (
              <Stack gap="xs">
                <SessionTable rows={sessions.rows} />
                {sessions.total > PAGE && <Pagination size="sm" total={Math.ceil(sessions.total / PAGE)} value={page} onChange={setPage} />}
              </Stack>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="reviews" pt="xs">
            {!reviews ? <Loader size="sm" /> : reviews.length ? <ReviewTable rows={reviews} /> : <Text c="dimmed" size="sm">За период проверок нет.</Text>}
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}

export function ChatOperatorsReport() {
  const [period, setPeriod] = useState<Period>(() => preset('month'));
  const [report, setReport] = useState<OperatorReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const key = JSON.stringify(period);

  useEffect(() => {
    let alive = true;
    call('reports.chatOperators', JSON.parse(key) as Period)
      .then((r) => {
        if (!alive) return;
        setReport(r);
        setError(null);
      })
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [key]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const r = await call('reports.chatOperatorsXlsx', period);
      const f = r.details[0]!;
      const file = await call('print.file', { path: f.path });
      downloadBase64(f.suggestedName, file.base64, file.mime);
    } catch (err) {
      notifications.show({ color: 'red', title: 'Файл не выгружен', message: errorText(err) });
    } finally {
      setExporting(false);
    }
  };

  const rows = report?.rows ?? [];
  const chartH = Math.max(140, 60 + rows.length * 30);
  const current = rows.find((r) => r.employeeId === selected);
  return (
    <Stack gap="sm" data-testid="report-chat-operators">
      <Group justify="space-between" align="flex-end">
        <PeriodPicker value={period} onChange={setPeriod} error={fieldErrors(error).to} />
        <Button leftSection={<IconFileSpreadsheet size={16} />} variant="light" onClick={() => void exportXlsx()} loading={exporting} disabled={!report} data-testid="report-xlsx">
          Выгрузить в XLSX
        </Button>
      </Group>
      {error != null && !fieldErrors(error).to && <Alert color="red">{errorText(error)}</Alert>}
      {!report ? (
        <Loader />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          За этот период сеансов нет. Выберите другой период или загрузите выгрузку чатов.
        </Text>
      ) : (
        <>
          <SimpleGrid cols={2}>
            <BarChart
              h={chartH}
              data={rows.map((r) => ({ label: r.fullName, sessions: r.sessions }))}
              dataKey="label"
              orientation="vertical"
              yAxisProps={{ width: 160 }}
              xAxisProps={{ allowDecimals: false }}
              maxBarWidth={20}
              withLegend
              legendProps={{ verticalAlign: 'top', height: 30 }}
              series={[{ name: 'sessions', label: 'Сеансов', color: 'blue.6' }]}
              data-testid="operators-chart-sessions"
            />
            <BarChart
              h={chartH}
              data={rows.filter((r) => r.qualityIndex != null).map((r) => ({ label: r.fullName, quality: r.qualityIndex }))}
              dataKey="label"
              orientation="vertical"
              yAxisProps={{ width: 160 }}
              xAxisProps={{ domain: [0, 100] }}
              maxBarWidth={20}
              withLegend
              legendProps={{ verticalAlign: 'top', height: 30 }}
              series={[{ name: 'quality', label: 'Индекс качества (0–100)', color: 'teal.6' }]}
              data-testid="operators-chart-quality"
            />
          </SimpleGrid>
          <OperatorsTable rows={rows} selected={selected} onSelect={setSelected} />
          <Text size="xs" c="dimmed">
            Рабочих дней в периоде: {report.workingDays} (календарных: {report.calendarDays}); «в рабочий день» — сеансы, делённые на рабочие дни по календарю РИЦ. Индекс качества —
            среднее оценок проверок сеансов периода; оценка клиентов показана отдельно и в индекс не входит. Нажмите на строку, чтобы увидеть сеансы и проверки оператора.
          </Text>
          {current && <DrillDown key={current.employeeId} period={period} row={current} />}
        </>
      )}
    </Stack>
  );
}
