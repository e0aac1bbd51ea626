// The column mapping of a staged list's review: a column picked per field, where the mapping came from, what keeps it from being usable.
import type { ReactNode } from 'react';
import { Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';

export function MappingEditor<F extends string>({
  headers,
  source,
  errors,
  fields,
  fieldText,
  errorText,
  mapping,
  onChange,
  testPrefix,
  columnsWide = 5,
  children,
}: {
  headers: string[];
  source: 'remembered' | 'guessed' | 'given';
  errors: string[];
  fields: readonly F[];
  fieldText: Record<F, string>;
  errorText: Record<string, string>;
  mapping: Partial<Record<F, number>>;
  onChange: (m: Partial<Record<F, number>>) => void;
  /** `gb` → `gb-mapping-source`, `gb-map-<field>`. */
  testPrefix: string;
  columnsWide?: number;
  /** A note under the pickers (how a column is read). */
  children?: ReactNode;
}) {
  const columns = [{ value: '', label: '— нет —' }, ...headers.map((h, i) => ({ value: String(i), label: h.trim() ? h : `Столбец ${i + 1}` }))];
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={500}>Столбцы списка</Text>
          <Text size="sm" c="dimmed" data-testid={`${testPrefix}-mapping-source`}>
            {source === 'remembered' ? 'Сопоставление запомнено для списков с такими заголовками' : source === 'guessed' ? 'Угадано по заголовкам — проверьте' : 'Сопоставление изменено вами'}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, md: columnsWide }} spacing="xs">
          {fields.map((f) => (
            <Select
              key={f}
              size="xs"
              label={fieldText[f]}
              data={columns}
              value={mapping[f] != null ? String(mapping[f]) : ''}
              allowDeselect={false}
              data-testid={`${testPrefix}-map-${f}`}
              onChange={(v) => {
                const next = { ...mapping };
                if (v == null || v === '') delete next[f];
                else next[f] = Number(v);
                onChange(next);
              }}
            />
          ))}
        </SimpleGrid>
        {children}
        {errors.map((e) => (
          <Text key={e} size="sm" c="red">
            {errorText[e] ?? 'Сопоставление столбцов не подходит'}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
