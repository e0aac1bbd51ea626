// Report «Обслуживание клиента (OLAP)»: update sessions by month, rows grouped СИО / client / kit (collapsible); a cell opens the USR files that prove it.
import { Fragment, useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, Modal, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { USR_SCHEME_LABELS, type UsrOlapReport as Report, type UsrOlapRow, type UsrProofFile, type UsrScheme } from '../../../src-shared/usr-reports';
import { formatDateTime } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { UsrReportActions } from './UsrReportActions';

const NUM = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;
const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(2, 4)}`;
const kitName = (r: { systemCode: string; distrNumber: number; comp: number }) => `${r.systemCode} ${r.distrNumber}${r.comp !== 1 ? `/${r.comp}` : ''}`;
const addMonths = (ym: string, n: number) => {
  const t = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

interface Group<T> {
  key: string;
  label: string;
  sums: number[];
  items: T[];
}
function groupBy<T extends { cells: (number | null)[] }>(rows: T[], key: (r: T) => string, label: (r: T) => string, width: number): Group<T>[] {
  const out: Group<T>[] = [];
  for (const r of rows) {
    const k = key(r);
    let g = out[out.length - 1];
    if (!g || g.key !== k) out.push((g = { key: k, label: label(r), sums: new Array<number>(width).fill(0), items: [] }));
    g.items.push(r);
    r.cells.forEach((c, i) => (g!.sums[i]! += c ?? 0));
  }
  return out;
}

function CellFiles({ row, month, onClose }: { row: UsrOlapRow; month: string; onClose: () => void }) {
  const [files, setFiles] = useState<UsrProofFile[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('reports.usrOlapCell', { distributionId: row.distributionId, month }).then(setFiles, setError);
  }, [row.distributionId, month]);
  return (
    <Modal opened onClose={onClose} title={`${row.clientName}, ${kitName(row)} — ${monthLabel(month)}`} size="lg">
      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      {!files ? (
        <Loader size="sm" />
      ) : files.length === 0 ? (
        <Text size="sm" c="dimmed">
          За этот месяц подтверждённых обновлений нет.
        </Text>
      ) : (
        <Table fz="sm" withTableBorder data-testid="olap-cell-files">
          <Table.Thead>
            <Table.Tr bg="gray.0">
              <Table.Th>Файл USR</Table.Th>
              <Table.Th>Дата файла</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((f) => (
              <Table.Tr key={f.usrFileId}>
                <Table.Td>
                  {f.name}{' '}
                  {f.purged && (
                    <Badge size="xs" color="gray">
                      удалён при очистке
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(f.fileAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}

export function UsrOlapReport() {
  const [toMonth, setToMonth] = useState(thisMonth);
  const [fromMonth, setFromMonth] = useState(() => addMonths(thisMonth(), -11));
  const [scheme, setScheme] = useState('all');
  const [systemCode, setSystemCode] = useState('');
  const [keyOnly, setKeyOnly] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [cell, setCell] = useState<{ row: UsrOlapRow; month: string } | null>(null);

  const filters = {
    fromMonth,
    toMonth,
    scheme: scheme === 'all' ? undefined : (scheme as UsrScheme),
    systemCode: systemCode.trim() ? systemCode.trim().toUpperCase() : undefined,
    keyOnly: keyOnly || undefined,
  };
  const key = JSON.stringify(filters);
  useEffect(() => {
    let alive = true;
    call('reports.usrOlap', { ...(JSON.parse(key) as typeof filters), limit: 2000 })
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

  const monthOptions = useMemo(() => Array.from({ length: 48 }, (_, i) => addMonths(thisMonth(), -i)).map((m) => ({ value: m, label: monthLabel(m) })), []);
  const width = report?.months.length ?? 0;
  const sios = useMemo(() => (report ? groupBy(report.rows, (r) => String(r.sioId ?? 0), (r) => r.sioName ?? 'Без СИО', width) : []), [report, width]);
  const toggle = (k: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });

  return (
    <Stack gap="sm" data-testid="report-usr-olap">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select size="xs" w={110} label="С месяца" data={monthOptions} value={fromMonth} onChange={(v) => v && setFromMonth(v)} allowDeselect={false} data-testid="olap-from" />
          <Select size="xs" w={110} label="По месяц" data={monthOptions} value={toMonth} onChange={(v) => v && setToMonth(v)} allowDeselect={false} error={fieldErrors(error).toMonth ? 'До 24 месяцев, не раньше начала' : undefined} data-testid="olap-to" />
          <SegmentedControl
            size="xs"
            value={scheme}
            onChange={setScheme}
            data={[
              { value: 'all', label: 'Все схемы' },
              { value: 'nss', label: USR_SCHEME_LABELS.nss },
              { value: 'standard', label: USR_SCHEME_LABELS.standard },
            ]}
            data-testid="olap-scheme"
          />
          <TextInput size="xs" w={110} label="Система" placeholder="SKJP" value={systemCode} onChange={(e) => setSystemCode(e.currentTarget.value)} data-testid="olap-system" />
          <Switch size="xs" label="Только ключевые клиенты" checked={keyOnly} onChange={(e) => setKeyOnly(e.currentTarget.checked)} data-testid="olap-key" />
        </Group>
        <UsrReportActions
          title="Обслуживание клиента (OLAP)"
          disabled={!report || report.total === 0}
          selected={0}
          xlsx={() => call('reports.usrOlapXlsx', filters)}
          pdf={() => call('reports.usrOlapPdf', filters)}
          zip={() => ({ report: 'olap', olap: filters })}
        />
      </Group>
      {error != null && !fieldErrors(error).toMonth && <Alert color="red">{errorText(error)}</Alert>}
      {!report ? (
        <Loader />
      ) : report.total === 0 ? (
        <Text size="sm" c="dimmed">
          Нет комплектов по этим условиям.
        </Text>
      ) : (
        <>
          <LineChart
            h={180}
            data={report.months.map((m, i) => ({ month: monthLabel(m), sessions: report.monthTotals[i] }))}
            dataKey="month"
            series={[{ name: 'sessions', label: 'Сеансов обновления', color: 'blue.6' }]}
            withLegend
            legendProps={{ verticalAlign: 'top', height: 30 }}
            data-testid="olap-chart"
          />
          <div style={{ overflowX: 'auto' }}>
            <Table fz="xs" verticalSpacing={2} withTableBorder highlightOnHover data-testid="olap-table">
              <Table.Thead>
                <Table.Tr bg="gray.0">
                  <Table.Th>СИО / клиент / комплект</Table.Th>
                  {report.months.map((m) => (
                    <Table.Th key={m} style={NUM}>
                      {monthLabel(m)}
                    </Table.Th>
                  ))}
                  <Table.Th style={NUM}>Итого</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sios.map((s) => (
                  <Fragment key={s.key}>
                    <Table.Tr bg="gray.1" style={{ cursor: 'pointer' }} onClick={() => toggle(s.key)} data-testid="olap-sio">
                      <Table.Td fw={600}>
                        {open.has(s.key) ? '▾' : '▸'} {s.label}
                      </Table.Td>
                      {s.sums.map((v, i) => (
                        <Table.Td key={i} style={NUM} fw={600}>
                          {v}
                        </Table.Td>
                      ))}
                      <Table.Td style={NUM} fw={600}>
                        {s.sums.reduce((a, b) => a + b, 0)}
                      </Table.Td>
                    </Table.Tr>
                    {open.has(s.key) &&
                      groupBy(s.items, (r) => String(r.clientId), (r) => r.clientName, width).map((c) => {
                        const ck = `${s.key}/${c.key}`;
                        return (
                          <Fragment key={ck}>
                            <Table.Tr style={{ cursor: 'pointer' }} onClick={() => toggle(ck)} data-testid="olap-client">
                              <Table.Td pl="lg">
                                {open.has(ck) ? '▾' : '▸'} {c.label}
                              </Table.Td>
                              {c.sums.map((v, i) => (
                                <Table.Td key={i} style={NUM}>
                                  {v}
                                </Table.Td>
                              ))}
                              <Table.Td style={NUM}>{c.sums.reduce((a, b) => a + b, 0)}</Table.Td>
                            </Table.Tr>
                            {open.has(ck) &&
                              c.items.map((r) => (
                                <Table.Tr key={r.distributionId} data-testid="olap-kit">
                                  <Table.Td pl={48}>{kitName(r)}</Table.Td>
                                  {r.cells.map((v, i) => (
                                    <Table.Td key={i} style={NUM}>
                                      {v == null ? '·' : v === 0 ? <Text span c="red.7" size="xs">0</Text> : <Anchor size="xs" onClick={() => setCell({ row: r, month: report.months[i]! })}>{v}</Anchor>}
                                    </Table.Td>
                                  ))}
                                  <Table.Td style={NUM}>{r.total}</Table.Td>
                                </Table.Tr>
                              ))}
                          </Fragment>
                        );
                      })}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Text size="xs" c="dimmed">
            {report.truncated ? `Показаны первые ${report.rows.length} из ${report.total} комплектов; итоги по месяцам, XLSX, печать и архив USR — по всем. ` : ''}
            Ячейка — сеансы обновления за месяц (дни, в которые обновлён любой банк комплекта). С фильтром по схеме учитывается схема на последний день месяца; «·» — в
            этом месяце у комплекта другая схема. Нажмите на строку СИО или клиента, чтобы раскрыть её, на число — чтобы увидеть файлы USR.
          </Text>
        </>
      )}
      {cell && <CellFiles row={cell.row} month={cell.month} onClose={() => setCell(null)} />}
    </Stack>
  );
}
