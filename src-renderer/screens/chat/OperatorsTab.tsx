// Tab «Операторы»: operator names from the exports (`personal`) mapped to employees; a mapping updates sessions already imported.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ChatOperatorRow } from '../../../src-shared/chat-sessions';
import { formatDateTime } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { sessionsText } from '../../components/chatSession';

export function OperatorsTab() {
  const { refs } = useSession();
  const [rows, setRows] = useState<ChatOperatorRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call('chat.operators.list', {})
      .then(setRows)
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  const employees = (refs?.employees ?? []).filter((e) => e.active).map((e) => ({ value: String(e.id), label: e.fullName }));
  const set = async (personal: string, employeeId: number | null) => {
    try {
      const r = await call('chat.operators.set', { personal, employeeId });
      notifications.show({ color: 'green', message: `«${personal}»: ${employeeId ? 'сопоставлен' : 'сопоставление снято'}, обновлено: ${sessionsText(r.updated)}` });
      load();
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(e) });
    }
  };
  if (error) return <Alert color="red">{error}</Alert>;
  if (!rows) return null;
  if (rows.length === 0) return <Text c="dimmed">Операторов пока нет: имена появятся после загрузки выгрузки Онлайн-диалога.</Text>;
  const unmapped = rows.filter((r) => r.employeeId == null).length;
  return (
    <Stack gap="sm" style={{ overflow: 'auto' }}>
      <Text size="sm" c={unmapped ? 'orange.8' : 'dimmed'}>
        {unmapped
          ? `Не сопоставлено с сотрудниками: ${unmapped}. Их сессии не попадают в отчёт по операторам, пока вы не выберете сотрудника.`
          : 'Все операторы из выгрузок сопоставлены с сотрудниками.'}
      </Text>
      <Table highlightOnHover fz="sm" data-testid="chat-operators-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Оператор в выгрузке</Table.Th>
            <Table.Th>Сотрудник</Table.Th>
            <Table.Th>Сессий</Table.Th>
            <Table.Th>Последняя</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.personal} data-testid="chat-operator-row">
              <Table.Td>{r.personal}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={260}
                  placeholder="Выберите сотрудника"
                  data={employees}
                  value={r.employeeId ? String(r.employeeId) : null}
                  onChange={(v) => void set(r.personal, v ? Number(v) : null)}
                  searchable
                  clearable
                  error={r.employeeId == null ? ' ' : undefined}
                  aria-label={`Сотрудник для «${r.personal}»`}
                />
              </Table.Td>
              <Table.Td>{r.sessions}</Table.Td>
              <Table.Td>{formatDateTime(r.lastAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
