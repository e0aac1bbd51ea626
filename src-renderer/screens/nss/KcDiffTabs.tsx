// The differences of a НСС report from the previous month's saved one: added, gone, big changes — counts in the tab labels.
import { Table, Tabs, Text } from '@mantine/core';
import type { NssKcDiff } from '../../../src-shared/nss';
import { KC_FIGURE_TEXT, monthLabel } from './kcTexts';

export function KcDiffTabs({ diff }: { diff: NssKcDiff }) {
  if (!diff.previousMonth) return <Text c="dimmed" data-testid="kc-diff-none">Отчёт за предыдущий месяц не сохранён — сравнивать не с чем.</Text>;
  const counts = diff.counts ?? { added: diff.added.length, gone: diff.gone.length, changed: diff.changed.length };
  const cut = (shown: number, all: number) => (all > shown ? <Text size="xs" c="dimmed">Показаны первые {shown} из {all}</Text> : null);
  const refs = (list: NssKcDiff['added'], testId: string) => (
    <Table striped fz="sm" data-testid={testId}>
      <Table.Tbody>
        {list.map((r, i) => (
          <Table.Tr key={i}>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td>
              {r.inn}
              {r.kpp ? ` / ${r.kpp}` : ''}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <>
      <Text size="sm">
        Сравнение с отчётом за {monthLabel(diff.previousMonth).toLowerCase()}
        {diff.bigChangePct != null ? `; большое изменение — не меньше ${diff.bigChangePct} % и не меньше 2` : ''}
      </Text>
      <Tabs defaultValue="added" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="added" data-testid="kc-diff-tab-added">
            Новые ({counts.added})
          </Tabs.Tab>
          <Tabs.Tab value="gone" data-testid="kc-diff-tab-gone">
            Выбыли ({counts.gone})
          </Tabs.Tab>
          <Tabs.Tab value="changed" data-testid="kc-diff-tab-changed">
            Большие изменения ({counts.changed})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="added" pt="xs">
          {refs(diff.added, 'kc-diff-added')}
          {cut(diff.added.length, counts.added)}
        </Tabs.Panel>
        <Tabs.Panel value="gone" pt="xs">
          {refs(diff.gone, 'kc-diff-gone')}
          {cut(diff.gone.length, counts.gone)}
        </Tabs.Panel>
        <Tabs.Panel value="changed" pt="xs">
          <Table striped fz="sm" data-testid="kc-diff-changed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Клиент</Table.Th>
                <Table.Th>Показатель</Table.Th>
                <Table.Th>Было</Table.Th>
                <Table.Th>Стало</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diff.changed.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>{KC_FIGURE_TEXT[r.field] ?? r.field}</Table.Td>
                  <Table.Td>{r.before}</Table.Td>
                  <Table.Td>{r.after}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {cut(diff.changed.length, counts.changed)}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
