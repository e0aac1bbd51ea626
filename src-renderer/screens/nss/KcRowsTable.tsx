// The rows of a НСС report to the КЦ (a built one or an archived one), one page, with the client linked when known.
import { Anchor, Group, Pagination, Table, Text } from '@mantine/core';
import type { NssKcRow, NssKcTotals } from '../../../src-shared/nss';
import { day } from './kcTexts';

export const KC_PAGE = 50;

export function KcRowsTable({ rows, total, page, onPage, totals }: { rows: NssKcRow[]; total: number; page: number; onPage: (p: number) => void; totals: NssKcTotals }) {
  return (
    <>
      <Table striped withTableBorder fz="sm" data-testid="kc-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Клиент</Table.Th>
            <Table.Th>ИНН / КПП</Table.Th>
            <Table.Th>Комплекты НСС</Table.Th>
            <Table.Th>Контактов</Table.Th>
            <Table.Th>ГЛ</Table.Th>
            <Table.Th>ЛК</Table.Th>
            <Table.Th>Диалогов</Table.Th>
            <Table.Th>Семинаров</Table.Th>
            <Table.Th>СИО</Table.Th>
            <Table.Th>ПМ</Table.Th>
            <Table.Th>Последний контакт</Table.Th>
            <Table.Th>Конец цикла</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={`${r.clientId}-${i}`} data-testid="kc-row">
              <Table.Td>{r.clientId ? <Anchor href={`#/clients/${r.clientId}`}>{r.name}</Anchor> : r.name}</Table.Td>
              <Table.Td>
                {r.inn}
                {r.kpp ? ` / ${r.kpp}` : ''}
              </Table.Td>
              <Table.Td>{r.kits}</Table.Td>
              <Table.Td>{r.contacts}</Table.Td>
              <Table.Td>{r.glCalls}</Table.Td>
              <Table.Td>{r.lk}</Table.Td>
              <Table.Td>{r.chats}</Table.Td>
              <Table.Td>{r.seminars}</Table.Td>
              <Table.Td>
                {r.sio || "—"} ({r.sioVisits})
              </Table.Td>
              <Table.Td>
                {r.pm || "—"} ({r.pmContacts})
              </Table.Td>
              <Table.Td>{day(r.lastContactOn)}</Table.Td>
              <Table.Td>{day(r.cycleEndsOn)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Text size="sm" data-testid="kc-totals">
          Итого: клиентов {totals.rows}, комплектов НСС {totals.nssKits}, контактов {totals.contacts}, обращений на ГЛ {totals.glCalls}, письменных консультаций {totals.lk},
          онлайн-диалогов {totals.chats}, семинаров {totals.seminars}, визитов СИО {totals.sioVisits}, контактов ПМ {totals.pmContacts}
        </Text>
        {total > KC_PAGE && <Pagination size="sm" total={Math.ceil(total / KC_PAGE)} value={page} onChange={onPage} />}
      </Group>
    </>
  );
}
