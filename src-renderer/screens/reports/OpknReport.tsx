// Report «ОПКН»: serviced kits over a period with their СИО, scheme, update sessions and last proven update; kits without proof; totals per СИО; exports and «Выгрузить USR».
import { useEffect, useState } from 'react';
import { Alert, Badge, Checkbox, Group, Loader, SegmentedControl, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { USR_SCHEME_LABELS, type OpknReport as Report, type UsrScheme } from '../../../src-shared/usr-reports';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { PeriodPicker } from './PeriodPicker';
import { preset, type Period } from './period';
import { UsrReportActions } from './UsrReportActions';

const NUM = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;
const kitName = (r: { systemCode: string; distrNumber: number; comp: number }) => `${r.systemCode} ${r.distrNumber}${r.comp !== 1 ? `/${r.comp}` : ''}`;

export function OpknReport() {
  const { refs } = useSession();
  const [period, setPeriod] = useState<Period>(() => preset('lastMonth'));
  const [sioId, setSioId] = useState<string | null>(null);
  const [scheme, setScheme] = useState<string>('all');
  const [noProof, setNoProof] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());

  const filters = {
    from: period.from,
    to: period.to,
    sioId: sioId ? Number(sioId) : undefined,
    scheme: scheme === 'all' ? undefined : (scheme as UsrScheme),
    noProof: noProof || undefined,
  };
  const key = JSON.stringify(filters);
  useEffect(() => {
    let alive = true;
    setSelected(new Set());
    call('reports.opkn', { ...(JSON.parse(key) as typeof filters), limit: 1000 })
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
  }, [key]);

  const sioOptions = (refs?.employees ?? []).filter((e) => e.roles.includes('sio')).map((e) => ({ value: String(e.id), label: e.fullName }));
  const rows = report?.rows ?? [];
  const toggle = (id: number) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const chosen = selected.size ? [...selected] : undefined;

  return (
    <Stack gap="sm" data-testid="report-opkn">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <PeriodPicker value={period} onChange={setPeriod} error={fieldErrors(error).to} />
          <Select size="xs" w={200} label="СИО" placeholder="Все СИО" clearable searchable data={sioOptions} value={sioId} onChange={setSioId} data-testid="opkn-sio" />
          <SegmentedControl
            size="xs"
            value={scheme}
            onChange={setScheme}
            data={[
              { value: 'all', label: 'Все схемы' },
              { value: 'nss', label: USR_SCHEME_LABELS.nss },
              { value: 'standard', label: USR_SCHEME_LABELS.standard },
            ]}
            data-testid="opkn-scheme"
          />
          <Switch size="xs" label="Только без подтверждения" checked={noProof} onChange={(e) => setNoProof(e.currentTarget.checked)} data-testid="opkn-no-proof" />
        </Group>
        <UsrReportActions
          title="ОПКН"
          disabled={!report || report.total === 0}
          selected={selected.size}
          xlsx={() => call('reports.opknXlsx', { ...filters, distributionIds: chosen })}
          pdf={() => call('reports.opknPdf', { ...filters, distributionIds: chosen })}
          zip={() => ({ report: 'opkn', opkn: { ...filters, distributionIds: chosen } })}
        />
      </Group>
      {error != null && !fieldErrors(error).to && <Alert color="red">{errorText(error)}</Alert>}
      {!report ? (
        <Loader />
      ) : report.total === 0 ? (
        <Text size="sm" c="dimmed">
          Обслуживаемых комплектов по этим условиям нет: комплект входит в отчёт, если дистрибутив активен и на конец периода у него есть схема обслуживания.
        </Text>
      ) : (
        <>
          <Group align="flex-start" grow>
            <Table fz="sm" verticalSpacing={3} withTableBorder data-testid="opkn-totals">
              <Table.Thead>
                <Table.Tr bg="gray.0">
                  <Table.Th>СИО</Table.Th>
                  <Table.Th style={NUM}>Комплектов</Table.Th>
                  <Table.Th style={NUM}>С подтверждением</Table.Th>
                  <Table.Th style={NUM}>Без подтверждения</Table.Th>
                  <Table.Th style={NUM}>Сеансов</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.totals.map((t) => (
                  <Table.Tr key={t.sioId ?? 0}>
                    <Table.Td>{t.sioName ?? 'Без СИО'}</Table.Td>
                    <Table.Td style={NUM}>{t.kits}</Table.Td>
                    <Table.Td style={NUM}>{t.withProof}</Table.Td>
                    <Table.Td style={NUM}>{t.noProof}</Table.Td>
                    <Table.Td style={NUM}>{t.sessions}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <BarChart
              h={Math.max(140, 60 + report.totals.length * 28)}
              data={report.totals.map((t) => ({ label: t.sioName ?? 'Без СИО', withProof: t.withProof, noProof: t.noProof }))}
              dataKey="label"
              type="stacked"
              orientation="vertical"
              yAxisProps={{ width: 160 }}
              xAxisProps={{ allowDecimals: false }}
              maxBarWidth={20}
              withLegend
              legendProps={{ verticalAlign: 'top', height: 30 }}
              series={[
                { name: 'withProof', label: 'С подтверждением', color: 'teal.6' },
                { name: 'noProof', label: 'Без подтверждения', color: 'red.6' },
              ]}
              data-testid="opkn-chart"
            />
          </Group>
          <Table fz="sm" verticalSpacing={3} withTableBorder striped highlightOnHover data-testid="opkn-table">
            <Table.Thead>
              <Table.Tr bg="gray.0">
                <Table.Th w={30}>
                  <Checkbox
                    size="xs"
                    aria-label="Выбрать все"
                    checked={selected.size > 0 && selected.size === rows.length}
                    indeterminate={selected.size > 0 && selected.size < rows.length}
                    onChange={() => setSelected(selected.size ? new Set() : new Set(rows.map((r) => r.distributionId)))}
                  />
                </Table.Th>
                <Table.Th>СИО</Table.Th>
                <Table.Th>Клиент</Table.Th>
                <Table.Th>ИНН</Table.Th>
                <Table.Th>Комплект</Table.Th>
                <Table.Th>Схема</Table.Th>
                <Table.Th style={NUM}>Сеансов</Table.Th>
                <Table.Th>Последнее обновление</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.distributionId} data-testid="opkn-row" bg={selected.has(r.distributionId) ? 'blue.0' : undefined}>
                  <Table.Td>
                    <Checkbox size="xs" aria-label={`Выбрать ${kitName(r)}`} checked={selected.has(r.distributionId)} onChange={() => toggle(r.distributionId)} />
                  </Table.Td>
                  <Table.Td>{r.sioName ?? '—'}</Table.Td>
                  <Table.Td>{r.clientName}</Table.Td>
                  <Table.Td>{r.inn ?? ''}</Table.Td>
                  <Table.Td>{kitName(r)}</Table.Td>
                  <Table.Td>{USR_SCHEME_LABELS[r.scheme]}</Table.Td>
                  <Table.Td style={NUM}>{r.sessions}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      {formatDate(r.lastUpdate) || '—'}
                      {r.noProof && (
                        <Badge size="xs" color="red" variant="light">
                          нет подтверждения
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {report.total > rows.length ? `Показаны первые ${rows.length} из ${report.total} комплектов; итоги, XLSX, печать и архив USR — по всем. ` : ''}
            Сеанс обновления — день, в который обновлён любой банк комплекта по любому сохранённому файлу USR. «Нет подтверждения» — за период ни одного подтверждённого
            обновления; последнее обновление тогда указано на начало периода. Отметьте строки, чтобы выгрузить файлы USR только по ним.
          </Text>
        </>
      )}
    </Stack>
  );
}
