// «Сотрудники» tab (administrator): the employee table with search, adding, editing and switching off.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Loader, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconSearch, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { ROLE_LABELS } from '../../../src-shared/roles';
import type { EmployeeRow } from '../../../src-shared/types';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { STATE_COLORS } from '../../app/theme';
import { EmployeeForm, confirmDeactivate, rowToInput } from './EmployeeForm';
import { hasIssue, notifyFailed, notifySaved } from './dialog';

export function EmployeesTab() {
  const { refs, reloadRefs, user } = useSession();
  const [rows, setRows] = useState<EmployeeRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EmployeeRow | 'new' | null>(null);
  const [query, setQuery] = useState('');
  const [showInactive, setShowInactive] = useState(true);

  const load = useCallback(async () => {
    try {
      setRows(await call('employees.list', {}));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
    // Another administrator's change arrives as refs.changed: keep the table current.
    return onPush((event) => {
      if (event === 'refs.changed') void load();
    });
  }, [load]);

  const afterSave = async () => {
    await Promise.all([load(), reloadRefs()]);
  };

  const setActive = (row: EmployeeRow, active: boolean) => {
    const run = async () => {
      try {
        await call('employees.save', { ...rowToInput(row), active });
        notifySaved(active ? `${row.fullName}: вход снова разрешён` : `${row.fullName}: вход запрещён`);
        await afterSave();
      } catch (e) {
        if (hasIssue(e, 'last_admin')) notifyFailed(e, 'Нельзя отключить последнего администратора');
        else notifyFailed(e);
      }
    };
    if (active) void run();
    else confirmDeactivate(row, row.id === user.id, () => void run());
  };

  const depName = useMemo(() => new Map((refs?.departments ?? []).map((d) => [d.id, d.name])), [refs]);
  const dirName = useMemo(() => new Map((refs?.directions ?? []).map((d) => [d.id, d.name])), [refs]);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (rows ?? []).filter((r) => (showInactive || r.active) && (!q || r.fullName.toLowerCase().includes(q) || r.login.toLowerCase().includes(q)));
  }, [rows, query, showInactive]);

  if (loadError)
    return (
      <Alert color="red" title="Список сотрудников не загружен">
        {loadError}
      </Alert>
    );
  if (!rows) return <Loader size="sm" />;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="md">
          <TextInput
            placeholder="Найти по ФИО или логину"
            leftSection={<IconSearch size={14} />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={280}
            aria-label="Найти сотрудника"
          />
          <Switch label="Показывать отключённых" checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} size="sm" />
          <Text size="sm" c="dimmed" data-testid="employees-count">
            Показано {visible.length} из {rows.length}
          </Text>
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          Добавить сотрудника
        </Button>
      </Group>

      {visible.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {rows.length === 0
            ? 'Сотрудников пока нет. Нажмите «Добавить сотрудника», чтобы завести учётную запись.'
            : 'Никто не подходит под условия. Измените строку поиска или включите «Показывать отключённых».'}
        </Text>
      ) : (
        <Table striped highlightOnHover stickyHeader verticalSpacing={4} fz="sm" data-testid="employees-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>ФИО</Table.Th>
              <Table.Th>Логин</Table.Th>
              <Table.Th>Роли</Table.Th>
              <Table.Th>Отдел</Table.Th>
              <Table.Th>Направления</Table.Th>
              <Table.Th>Состояние</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((r) => (
              <Table.Tr key={r.id} data-testid={`employee-row-${r.login}`} onDoubleClick={() => setEditing(r)} c={r.active ? undefined : 'dimmed'}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setEditing(r)}>
                    {r.fullName}
                  </Anchor>
                  {r.id === user.id && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (вы)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.login}</Table.Td>
                <Table.Td>{r.roles.map((x) => ROLE_LABELS[x]).join(', ')}</Table.Td>
                <Table.Td>{r.departmentId != null ? (depName.get(r.departmentId) ?? '—') : '—'}</Table.Td>
                <Table.Td>{r.directionIds.map((d) => dirName.get(d) ?? '?').join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={r.active ? STATE_COLORS.done : STATE_COLORS.neutral}>
                    {r.active ? 'Работает' : 'Вход запрещён'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label="Изменить">
                      <ActionIcon variant="subtle" size="sm" aria-label={`Изменить: ${r.fullName}`} onClick={() => setEditing(r)}>
                        <IconPencil size={14} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={r.active ? 'Отключить (запретить вход)' : 'Включить (разрешить вход)'}>
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        color={r.active ? 'red' : 'green'}
                        aria-label={r.active ? `Отключить: ${r.fullName}` : `Включить: ${r.fullName}`}
                        onClick={() => setActive(r, !r.active)}
                      >
                        {r.active ? <IconUserOff size={14} /> : <IconUserCheck size={14} />}
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {editing && (
        <EmployeeForm
          employee={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void afterSave();
          }}
        />
      )}
    </>
  );
}
