// Tab «Сессии»: imported chat sessions for a period (an operator sees their own), fetched page by page, opened to read the dialog.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import type { ChatSessionRow } from '../../../src-shared/chat-sessions';
import { MANAGERS } from '../../../src-shared/roles';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { dateError } from '../../components/dateText';
import { ChatSessionDialog } from '../../components/ChatSessionDialog';
import { SessionsTable } from './SessionsTable';

const PAGE = 200;

function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function SessionsTab() {
  const { hasRole, refs } = useSession();
  const manager = hasRole(...MANAGERS);
  const [from, setFrom] = useState<string | null>(() => isoDay(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState<string | null>(() => isoDay(new Date()));
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [unlinked, setUnlinked] = useState(false);
  const [rows, setRows] = useState<ChatSessionRow[]>([]);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const generation = useRef(0);

  const badPeriod = dateError(from) ?? dateError(to) ?? (from && to && from > to ? 'Конец периода раньше начала' : null);
  const filter = useCallback(
    () => ({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(employeeId ? { employeeId: Number(employeeId) } : {}),
      unlinked,
    }),
    [from, to, employeeId, unlinked],
  );

  useEffect(() => {
    if (badPeriod) return;
    const gen = ++generation.current;
    loading.current = true;
    setError(null);
    call('chat.sessions.list', { ...filter(), offset: 0, limit: PAGE })
      .then((r) => {
        if (gen !== generation.current) return;
        setRows(r.rows);
        setTotal(r.total);
        setSelected(0);
      })
      .catch((e: unknown) => gen === generation.current && setError(errorText(e)))
      .finally(() => {
        if (gen === generation.current) loading.current = false;
      });
  }, [filter, badPeriod]);

  const more = useCallback(() => {
    if (loading.current || rows.length >= total) return;
    const gen = generation.current;
    loading.current = true;
    call('chat.sessions.list', { ...filter(), offset: rows.length, limit: PAGE })
      .then((r) => {
        if (gen !== generation.current) return;
        setRows((prev) => [...prev, ...r.rows.filter((x) => !prev.some((p) => p.id === x.id))]);
        setTotal(r.total);
      })
      .catch((e: unknown) => gen === generation.current && setError(errorText(e)))
      .finally(() => {
        if (gen === generation.current) loading.current = false;
      });
  }, [filter, rows.length, total]);

  const operators = (refs?.employees ?? []).filter((e) => e.active).map((e) => ({ value: String(e.id), label: e.fullName }));
  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group gap="sm" align="flex-end">
        <DateField label="С" value={from} onChange={setFrom} w={140} data-testid="chat-from" />
        <DateField label="По" value={to} onChange={setTo} w={140} data-testid="chat-to" />
        {manager && (
          <Select label="Оператор" placeholder="Все" data={operators} value={employeeId} onChange={setEmployeeId} clearable searchable w={220} data-testid="chat-operator" />
        )}
        {manager && <Checkbox label="Только без клиента" checked={unlinked} onChange={(e) => setUnlinked(e.currentTarget.checked)} mb={8} data-testid="chat-unlinked" />}
        <Text size="sm" c="dimmed" mb={8} data-testid="chat-sessions-count">
          Сессий: {total}
        </Text>
      </Group>
      {!manager && (
        <Text size="xs" c="dimmed">
          Показаны ваши сессии. Сессии клиента видны в его карточке, на вкладке «События».
        </Text>
      )}
      {badPeriod && <Alert color="yellow">{badPeriod}</Alert>}
      {error && <Alert color="red">{error}</Alert>}
      {rows.length === 0 && !error ? (
        <Text size="sm" c="dimmed">
          Сессий за этот период нет. Выгрузки Онлайн-диалога загружаются в разделе импорта; сессии появятся здесь.
        </Text>
      ) : (
        <SessionsTable rows={rows} selected={selected} onSelect={setSelected} onOpen={(s) => setOpen(s.id)} onNearEnd={more} />
      )}
      <ChatSessionDialog sessionId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
