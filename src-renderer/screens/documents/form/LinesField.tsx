// The lines of an invoice, act, УПД or счёт-фактура: name, quantity, unit, price; each line's amount and the sum follow as typed.
import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { formatMoney } from '../../../../src-shared/format';
import { emptyLine, lineKop, type LineValue } from './formModel';

export function LinesField({
  lines,
  onChange,
  error,
  onBackToAmount,
}: {
  lines: LineValue[];
  onChange: (next: LineValue[]) => void;
  error: (path: string) => string | undefined;
  /** The last line removed: the document goes back to one amount (that line's sum in kopecks, null if incomplete). */
  onBackToAmount: (lineKop: number | null) => void;
}) {
  const put = (i: number, patch: Partial<LineValue>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const remove = (i: number) => {
    if (lines.length === 1) {
      onBackToAmount(lineKop(lines[0]!));
      return;
    }
    onChange(lines.filter((_, j) => j !== i));
  };
  const cell = (i: number, key: keyof LineValue, label: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      size="xs"
      aria-label={`${label}, строка ${i + 1}`}
      value={lines[i]![key]}
      onChange={(e) => put(i, { [key]: e.currentTarget.value })}
      error={error(`lines.${i}.${key}`)}
      data-testid={`doc-line-${key}-${i}`}
      {...extra}
    />
  );
  return (
    <Stack gap={4} data-testid="doc-lines">
      <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={4} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={28}>№</Table.Th>
            <Table.Th>Наименование</Table.Th>
            <Table.Th w={90}>Кол-во</Table.Th>
            <Table.Th w={80}>Ед.</Table.Th>
            <Table.Th w={130}>Цена, ₽</Table.Th>
            <Table.Th w={130} ta="right">
              Сумма
            </Table.Th>
            <Table.Th w={32} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => {
            const k = lineKop(l);
            return (
              <Table.Tr key={i} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="xs" mt={6}>
                    {i + 1}
                  </Text>
                </Table.Td>
                <Table.Td>{cell(i, 'name', 'Наименование', { placeholder: 'Информационные услуги …' })}</Table.Td>
                <Table.Td>{cell(i, 'qty', 'Количество', { styles: { input: { textAlign: 'right' } } })}</Table.Td>
                <Table.Td>{cell(i, 'unit', 'Единица', { placeholder: 'мес.', maxLength: 20 })}</Table.Td>
                <Table.Td>{cell(i, 'price', 'Цена', { placeholder: '0,00', styles: { input: { textAlign: 'right' } } })}</Table.Td>
                <Table.Td ta="right">
                  <Text size="xs" mt={6} data-testid={`doc-line-sum-${i}`}>
                    {k == null ? '—' : formatMoney(k)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={2}
                    onClick={() => remove(i)}
                    aria-label={`Удалить строку ${i + 1}`}
                    title={lines.length === 1 ? 'Удалить строку: документ снова на одну сумму' : 'Удалить строку'}
                    data-testid={`doc-line-remove-${i}`}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange([...lines, emptyLine()])} disabled={lines.length >= 200} data-testid="doc-line-add">
          + Строка
        </Button>
      </Group>
    </Stack>
  );
}
