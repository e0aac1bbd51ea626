// The head's part of «Мой день»: the department's employees with their load, read-only (roles are edited in settings by an administrator).
import { Paper, Table, Text, Title } from '@mantine/core';
import type { EmployeeLoad } from '../../../src-shared/home';
import { ROLE_LABELS } from '../../../src-shared/roles';

const NUM = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function DepartmentTable({ name, employees }: { name: string | null; employees: EmployeeLoad[] }) {
  return (
    <Paper withBorder p="sm" data-testid="department">
      <Title order={5} mb={6}>
        {name ?? 'Все сотрудники'}: нагрузка
      </Title>
      {employees.length === 0 ? (
        <Text size="sm" c="dimmed">
          В отделе нет активных сотрудников.
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={3} withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Сотрудник</Table.Th>
              <Table.Th>Роли</Table.Th>
              <Table.Th style={NUM}>Открытых поручений</Table.Th>
              <Table.Th style={NUM}>Просрочено</Table.Th>
              <Table.Th style={NUM}>Пора звонить</Table.Th>
              <Table.Th style={NUM}>Клиентов</Table.Th>
              <Table.Th style={NUM}>Документов просрочено</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {employees.map((e) => (
              <Table.Tr key={e.employee.id} data-testid={`load-row-${e.employee.id}`} data-open={e.openTasks} data-overdue={e.overdueTasks}>
                <Table.Td>{e.employee.fullName}</Table.Td>
                <Table.Td>{e.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</Table.Td>
                <Table.Td style={NUM}>{e.openTasks}</Table.Td>
                <Table.Td style={NUM} c={e.overdueTasks ? 'red.7' : undefined} fw={e.overdueTasks ? 600 : undefined}>
                  {e.overdueTasks}
                </Table.Td>
                <Table.Td style={NUM}>{e.callsDue}</Table.Td>
                <Table.Td style={NUM}>{e.clients}</Table.Td>
                <Table.Td style={NUM} c={e.overdueDocuments ? 'red.7' : undefined}>
                  {e.overdueDocuments}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
