// Report «НСС»: how densely each НСС client is worked with — per client, per СИО, per personal manager — with the plan,
// the longest gap (red over the plan), ГЛ / ЛК / chats / seminars, cycles due; a chart by month; drill-down to the contacts.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Drawer, Group, Loader, Pagination, SegmentedControl, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import type { NssClientRow, NssCycleView, NssMix, NssMonthPoint, NssStaffRow } from '../../../src-shared/nss';
import type { NssContactItem, NssReport as Report, NssReportInput } from '../../../src-shared/api/nss';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { navigate } from '../../app/router';
import { UsrReportActions } from './UsrReportActions';

const NUM = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;
const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(2, 4)}`;
const addMonths = (ym: string, n: number) => {
  const t = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};
const PAGE = 100;

export const MIX_TEXT: Record<NssMix, string> = { nss: 'НСС', standard: 'стандарт', mixed: 'смешанная', none: '—' };
export const CYCLE_TEXT: Record<NssCycleView, string> = { ahead: 'Впереди', due: 'Пора продлевать', overdue: 'Просрочен', renewed: 'Продлён', lapsed: 'Не продлён' };
const CYCLE_COLOR: Record<NssCycleView, string> = { ahead: 'gray', due: 'orange', overdue: 'red', renewed: 'green', lapsed: 'dark' };
const EMPTY_TEXT: Record<string, string> = {
  chat_sessions: '«Онлайн-диалог»: сеансы онлайн-диалога ещё не загружались',
  questions: '«ЛК»: вопросов «Задать вопрос» в базе нет',
  gl_calls: '«ГЛ»: звонков на горячую линию не записано и не загружено',
  seminars: '«Семинары»: посещений семинаров не отмечено',
};
const SOURCE_TEXT: Record<string, string> = {
  gl_call: 'Звонок на ГЛ',
  pm_call: 'Звонок ПМ',
  pm_meeting: 'Встреча ПМ',
  sio_visit: 'Визит СИО',
  contact: 'Контакт',
  chat: 'Онлайн-диалог',
  question: 'Вопрос (ЛК)',
  seminar: 'Семинар',
};

type Sort = NonNullable<NssReportInput['sort']>;

function SortTh({ label, k, sort, desc, onSort, num }: { label: string; k: Sort; sort: Sort; desc: boolean; onSort: (k: Sort) => void; num?: boolean }) {
  const mark = sort === k ? (desc ? ' ↓' : ' ↑') : '';
  return (
    <Table.Th style={num ? NUM : undefined}>
      <Anchor component="button" size="sm" fw={600} c="inherit" onClick={() => onSort(k)} data-testid={`nss-sort-${k}`}>
        {label}
        {mark}
      </Anchor>
    </Table.Th>
  );
}

function Contacts({ row, fromMonth, toMonth, onClose }: { row: NssClientRow; fromMonth: string; toMonth: string; onClose: () => void }) {
  const [items, setItems] = useState<NssContactItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('nss.report.contacts', { clientId: row.clientId, fromMonth, toMonth }).then(setItems, setError);
  }, [row.clientId, fromMonth, toMonth]);
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={`Контакты: ${row.name}`} data-testid="nss-contacts">
      <Stack gap="xs">
        <Anchor size="sm" onClick={() => navigate(`/clients/${row.clientId}/nss`)} data-testid="nss-open-card">
          Открыть карточку клиента
        </Anchor>
        {error != null && <Alert color="red">{errorText(error)}</Alert>}
        {!items && !error && <Loader size="sm" />}
        {items && items.length === 0 && <Text c="dimmed">За период контактов нет.</Text>}
        {items && items.length > 0 && (
          <Table striped data-testid="nss-contacts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Дата</Table.Th>
                <Table.Th>Что</Table.Th>
                <Table.Th>Комплект</Table.Th>
                <Table.Th>Сотрудник</Table.Th>
                <Table.Th>Подробности</Table.Th>
                <Table.Th>Учтён</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={`${c.source}-${c.id}`} c={c.counted ? undefined : 'dimmed'}>
                  <Table.Td>{formatDate(c.onDate)}</Table.Td>
                  <Table.Td>{SOURCE_TEXT[c.kind] ?? c.kind}{c.count > 1 ? ` ×${c.count}` : ''}</Table.Td>
                  <Table.Td>{c.kit ?? '—'}</Table.Td>
                  <Table.Td>{c.employeeName ?? '—'}</Table.Td>
                  <Table.Td>{c.detail ?? ''}</Table.Td>
                  <Table.Td>
                    {c.counted ? 'да' : (
                      <Tooltip label="Комплект в этот день был на стандартной схеме">
                        <span>нет</span>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Drawer>
  );
}

function ClientRows({ rows, onOpen }: { rows: NssClientRow[]; onOpen: (r: NssClientRow) => void }) {
  return (
    <>
      {rows.map((r) => (
        <Table.Tr key={r.clientId} bg={r.overGap ? 'var(--mantine-color-red-light)' : undefined} data-testid="nss-row" data-over-gap={r.overGap ? 'yes' : 'no'} style={{ cursor: 'pointer' }} onClick={() => onOpen(r)}>
          <Table.Td>
            <Text size="sm">{r.name}</Text>
            <Text size="xs" c="dimmed">
              {[r.sioName && `СИО: ${r.sioName}`, r.pmName && `ПМ: ${r.pmName}`].filter(Boolean).join(' · ') || 'СИО не назначен'}
            </Text>
          </Table.Td>
          <Table.Td>{MIX_TEXT[r.mix]}</Table.Td>
          <Table.Td style={NUM}>
            {r.contacts}
            <Text span size="xs" c={r.monthsBelowPlan ? 'red' : 'dimmed'}>
              {' '}
              ({r.perMonth} в мес. из {r.planPerMonth})
            </Text>
          </Table.Td>
          <Table.Td style={NUM}>
            {r.glCalls}
            {r.glMinutes ? <Text span size="xs" c="dimmed">{` / ${r.glMinutes} мин`}</Text> : null}
          </Table.Td>
          <Table.Td style={NUM}>{r.lk}</Table.Td>
          <Table.Td style={NUM}>{r.chats}</Table.Td>
          <Table.Td style={NUM}>{r.pmContacts}</Table.Td>
          <Table.Td style={NUM}>{r.sioVisits}</Table.Td>
          <Table.Td style={NUM}>{r.seminars}</Table.Td>
          <Table.Td style={NUM}>{r.lastContactOn ? formatDate(r.lastContactOn) : 'нет в периоде'}</Table.Td>
          <Table.Td style={NUM} c={r.overGap ? 'red' : undefined} fw={r.overGap ? 700 : undefined}>
            {r.maxGapDays}
          </Table.Td>
          <Table.Td>
            {r.cycleEndsOn && r.cycleView ? (
              <Badge size="sm" variant="light" color={CYCLE_COLOR[r.cycleView]}>
                {CYCLE_TEXT[r.cycleView]} {formatDate(r.cycleEndsOn)}
              </Badge>
            ) : (
              '—'
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}

function StaffRows({ rows, onOpen }: { rows: NssStaffRow[]; onOpen: (r: NssStaffRow) => void }) {
  return (
    <>
      {rows.map((r) => (
        <Table.Tr key={r.employeeId ?? 0} data-testid="nss-staff-row" style={{ cursor: 'pointer' }} onClick={() => onOpen(r)}>
          <Table.Td>{r.name || 'Не назначен'}</Table.Td>
          <Table.Td style={NUM}>{r.clients}</Table.Td>
          <Table.Td style={NUM}>{r.contacts}</Table.Td>
          <Table.Td style={NUM}>{r.contactsPerWeek}</Table.Td>
          <Table.Td style={NUM}>{r.glCalls}</Table.Td>
          <Table.Td style={NUM}>{r.lk}</Table.Td>
          <Table.Td style={NUM}>{r.chats}</Table.Td>
          <Table.Td style={NUM}>{r.seminars}</Table.Td>
          <Table.Td style={NUM} c={r.overGapClients ? 'red' : undefined}>
            {r.overGapClients}
          </Table.Td>
          <Table.Td style={NUM}>{r.cyclesDue}</Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}

export function NssReport() {
  const [toMonth, setToMonth] = useState(thisMonth);
  const [fromMonth, setFromMonth] = useState(thisMonth);
  const [group, setGroup] = useState<'client' | 'sio' | 'pm'>('client');
  const [owner, setOwner] = useState<{ kind: 'sio' | 'pm'; id: number; name: string } | null>(null);
  const [overGapOnly, setOverGapOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [sort, setSort] = useState<Sort>('daysSinceContact');
  const [desc, setDesc] = useState(true);
  const [page, setPage] = useState(1);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<NssClientRow | null>(null);
  const [chart, setChart] = useState<NssMonthPoint[] | null>(null);
  /** The period and owner the last page was read for: the chart follows once its months are ready. */
  const [readyFor, setReadyFor] = useState('');

  const input: NssReportInput = useMemo(
    () => ({
      fromMonth,
      toMonth,
      group: owner ? 'client' : group,
      sioId: owner?.kind === 'sio' ? owner.id : undefined,
      pmId: owner?.kind === 'pm' ? owner.id : undefined,
      // The staff view hides these fields: they do not filter it unseen.
      overGapOnly: (owner || group === 'client') && overGapOnly ? true : undefined,
      search: (owner || group === 'client') && debounced.trim() ? debounced.trim() : undefined,
      sort,
      desc,
    }),
    [fromMonth, toMonth, group, owner, overGapOnly, debounced, sort, desc],
  );

  useEffect(() => {
    let live = true;
    setBusy(true);
    call('nss.report', { ...input, limit: PAGE, offset: (page - 1) * PAGE })
      .then(
        (r) => live && (setReport(r), setError(null), setReadyFor(JSON.stringify([input.fromMonth, input.toMonth, input.sioId, input.pmId]))),
        (err: unknown) => live && setError(err),
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [input, page]);
  useEffect(() => setPage(1), [input]);
  // The chart reads every monthly row of the period (about a second for a year of a large РИЦ): apart from the page, once
  // per period and owner, never on a sort or a page turn.
  useEffect(() => {
    if (!readyFor) return;
    let live = true;
    const [from, to, sioId, pmId] = JSON.parse(readyFor) as [string, string, number | undefined, number | undefined];
    setChart(null);
    call('nss.report.months', { fromMonth: from, toMonth: to, sioId: sioId ?? undefined, pmId: pmId ?? undefined }).then(
      (m) => live && setChart(m),
      () => live && setChart([]),
    );
    return () => {
      live = false;
    };
  }, [readyFor]);

  const monthOptions = useMemo(() => Array.from({ length: 48 }, (_, i) => addMonths(thisMonth(), -i)).map((m) => ({ value: m, label: monthLabel(m) })), []);
  const onSort = (k: Sort) => {
    if (k === sort) setDesc(!desc);
    else {
      setSort(k);
      setDesc(k !== 'name' && k !== 'cycleEndsOn');
    }
  };
  const t = report?.totals;
  const showStaff = !owner && group !== 'client';

  return (
    <Stack gap="sm" data-testid="nss-report">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select size="xs" w={110} label="С месяца" data={monthOptions} value={fromMonth} onChange={(v) => v && setFromMonth(v)} allowDeselect={false} data-testid="nss-from" />
        <Select size="xs" w={110} label="По месяц" data={monthOptions} value={toMonth} onChange={(v) => v && setToMonth(v)} allowDeselect={false} error={fieldErrors(error).toMonth ? 'До 36 месяцев, не раньше начала' : undefined} data-testid="nss-to" />
        {!owner && (
          <SegmentedControl
            size="xs"
            value={group}
            onChange={(v) => setGroup(v as typeof group)}
            data={[
              { value: 'client', label: 'Клиенты' },
              { value: 'sio', label: 'По СИО' },
              { value: 'pm', label: 'По ПМ' },
            ]}
            data-testid="nss-group"
          />
        )}
        {!showStaff && <TextInput size="xs" w={200} label="Клиент" placeholder="Часть названия" value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="nss-search" />}
        {!showStaff && <Checkbox size="xs" label="Только с перерывом больше плана" checked={overGapOnly} onChange={(e) => setOverGapOnly(e.currentTarget.checked)} data-testid="nss-over-gap" />}
        <UsrReportActions title="Отчёт НСС" xlsx={() => call('nss.report.xlsx', input)} pdf={() => call('nss.report.pdf', input)} disabled={!report || busy} selected={0} />
        {busy && <Loader size="xs" />}
      </Group>
      {owner && (
        <Group gap="xs">
          <Button size="xs" variant="subtle" leftSection={<IconArrowLeft size={14} />} onClick={() => setOwner(null)} data-testid="nss-back">
            Все сотрудники
          </Button>
          <Text size="sm" fw={600}>
            {owner.kind === 'sio' ? 'СИО' : 'Персональный менеджер'}: {owner.name || 'не назначен'}
          </Text>
        </Group>
      )}
      {error != null && !fieldErrors(error).toMonth && <Alert color="red">{errorText(error)}</Alert>}
      {report && report.emptySources.length > 0 && (
        <Alert color="gray" data-testid="nss-empty-sources">
          Столбцы равны нулю, потому что данных ещё нет — {report.emptySources.map((s) => EMPTY_TEXT[s] ?? s).join('; ')}.
        </Alert>
      )}
      {t && (
        <Group gap="lg" data-testid="nss-totals">
          <Text size="sm">
            Клиентов НСС: <b>{t.clients}</b>
          </Text>
          <Text size="sm">
            Контактов: <b>{t.contacts}</b> ({t.contactsPerWeek} в неделю)
          </Text>
          <Text size="sm">
            ГЛ: <b>{t.glCalls}</b> · ЛК: <b>{t.lk}</b> · онлайн-диалог: <b>{t.chats}</b> · семинары: <b>{t.seminars}</b>
          </Text>
          <Text size="sm" c={t.overGapClients ? 'red' : undefined}>
            Перерыв больше плана: <b>{t.overGapClients}</b>
          </Text>
          <Text size="sm">
            Циклов к продлению: <b>{t.cyclesDue}</b>
          </Text>
        </Group>
      )}
      {report && chart && chart.length > 1 && (
        <BarChart
          h={160}
          data={chart.map((m) => ({ month: monthLabel(m.month), Контакты: m.contacts, ГЛ: m.glCalls, ЛК: m.lk, Чаты: m.chats }))}
          dataKey="month"
          series={[
            { name: 'Контакты', color: 'blue.6' },
            { name: 'ГЛ', color: 'teal.6' },
            { name: 'ЛК', color: 'grape.6' },
            { name: 'Чаты', color: 'orange.6' },
          ]}
          data-testid="nss-chart"
        />
      )}
      {report && showStaff && (
        <Table striped highlightOnHover data-testid="nss-staff-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{group === 'sio' ? 'СИО' : 'Персональный менеджер'}</Table.Th>
              <Table.Th style={NUM}>Клиентов НСС</Table.Th>
              <Table.Th style={NUM}>Контактов</Table.Th>
              <Table.Th style={NUM}>В неделю</Table.Th>
              <Table.Th style={NUM}>ГЛ</Table.Th>
              <Table.Th style={NUM}>ЛК</Table.Th>
              <Table.Th style={NUM}>Онлайн-диалог</Table.Th>
              <Table.Th style={NUM}>Семинары</Table.Th>
              <Table.Th style={NUM}>Перерыв больше плана</Table.Th>
              <Table.Th style={NUM}>Циклов к продлению</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <StaffRows rows={report.staff} onOpen={(r) => r.employeeId != null && setOwner({ kind: group === 'sio' ? 'sio' : 'pm', id: r.employeeId, name: r.name })} />
          </Table.Tbody>
        </Table>
      )}
      {report && !showStaff && (
        <>
          <Table striped highlightOnHover data-testid="nss-table">
            <Table.Thead>
              <Table.Tr>
                <SortTh label="Клиент" k="name" sort={sort} desc={desc} onSort={onSort} />
                <Table.Th>Схемы</Table.Th>
                <SortTh label="Контакты" k="contacts" sort={sort} desc={desc} onSort={onSort} num />
                <SortTh label="ГЛ" k="glCalls" sort={sort} desc={desc} onSort={onSort} num />
                <SortTh label="ЛК" k="lk" sort={sort} desc={desc} onSort={onSort} num />
                <SortTh label="Онлайн-диалог" k="chats" sort={sort} desc={desc} onSort={onSort} num />
                <Table.Th style={NUM}>ПМ</Table.Th>
                <Table.Th style={NUM}>Визиты СИО</Table.Th>
                <Table.Th style={NUM}>Семинары</Table.Th>
                <SortTh label="Последний контакт" k="daysSinceContact" sort={sort} desc={desc} onSort={onSort} num />
                <SortTh label="Наибольший перерыв, дн." k="maxGapDays" sort={sort} desc={desc} onSort={onSort} num />
                <SortTh label="Цикл" k="cycleEndsOn" sort={sort} desc={desc} onSort={onSort} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <ClientRows rows={report.clients} onOpen={setOpen} />
            </Table.Tbody>
          </Table>
          {report.clients.length === 0 && <Text c="dimmed">Клиентов НСС по этим условиям нет.</Text>}
          {report.total > PAGE && <Pagination size="sm" total={Math.ceil(report.total / PAGE)} value={page} onChange={setPage} data-testid="nss-pages" />}
        </>
      )}
      {open && <Contacts row={open} fromMonth={fromMonth} toMonth={toMonth} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
