// The distributions a specification covers, chosen from the client's kits; a kit already in another specification of the contract is shown and locked.
import { Badge, Checkbox, Input, Table, Text, TextInput } from '@mantine/core';
import type { DistributionRow } from '../../../../src-shared/types';
import type { DocumentCard } from '../../../../src-shared/doc-types';
import { DISTR_STATE_LABELS, NETWORK_TYPE_LABELS, labelOf } from '../../clients/card/labels';
import type { DistPick } from './formModel';
import { KitLabel } from '../../../components/systems';

export function SpecDistributionsField({
  distributions,
  map,
  specId,
  value,
  onChange,
  error,
}: {
  distributions: DistributionRow[];
  /** The chosen contract's map: distribution → active specification. */
  map: DocumentCard['distributionMap'];
  /** The specification being edited (its own distributions are not "taken"). */
  specId: number | null;
  value: Record<number, DistPick>;
  onChange: (next: Record<number, DistPick>) => void;
  error: (path: string) => string | undefined;
}) {
  const set = (id: number, patch: Partial<DistPick>) => onChange({ ...value, [id]: { on: false, price: '', ...value[id], ...patch } });
  // Chosen kits first is not wanted: the list keeps the card's order so people find a kit where they expect it.
  const rows = distributions.filter((d) => d.state !== 'closed' || value[d.id]?.on);
  return (
    <Input.Wrapper label="Дистрибутивы спецификации" required error={error('dists')} data-testid="spec-dists">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" py={4}>
          У клиента нет дистрибутивов на сопровождении. Добавьте их на вкладке «Дистрибутивы и схемы сервиса».
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={2} fz="sm" mt={4}>
          <Table.Thead>
            <Table.Tr bg="gray.0">
              <Table.Th w={32} />
              <Table.Th w={230}>Дистрибутив</Table.Th>
              <Table.Th w={130}>Тип сети</Table.Th>
              <Table.Th w={130}>Состояние</Table.Th>
              <Table.Th>В спецификации</Table.Th>
              <Table.Th w={150}>Цена в месяц, ₽</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => {
              const inSpec = map.find((m) => m.distributionId === d.id && m.specificationId !== specId);
              const pick = value[d.id];
              return (
                <Table.Tr key={d.id} data-testid={`spec-dist-${d.code}`} c={inSpec ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Checkbox
                      size="xs"
                      checked={!!pick?.on}
                      disabled={!!inSpec}
                      onChange={(e) => set(d.id, { on: e.currentTarget.checked })}
                      aria-label={`Включить ${d.code}`}
                      data-testid={`spec-dist-check-${d.code}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <KitLabel code={d.code} systemName={d.systemName} />
                  </Table.Td>
                  <Table.Td>{labelOf(NETWORK_TYPE_LABELS, d.networkType)}</Table.Td>
                  <Table.Td>{labelOf(DISTR_STATE_LABELS, d.state)}</Table.Td>
                  <Table.Td>
                    {inSpec ? (
                      <Badge size="sm" radius="sm" tt="none" variant="outline" color="gray" title="Дистрибутив уже в другой действующей спецификации этого договора">
                        уже в {inSpec.specificationNumber}
                      </Badge>
                    ) : pick?.on ? (
                      <Text size="xs" c="dimmed">
                        в этой
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      placeholder="не указана"
                      disabled={!pick?.on}
                      value={pick?.price ?? ''}
                      onChange={(e) => set(d.id, { price: e.currentTarget.value })}
                      error={pick?.on ? error(`dists.${d.id}`) : undefined}
                      aria-label={`Цена ${d.code}`}
                      data-testid={`spec-dist-price-${d.code}`}
                      styles={{ input: { textAlign: 'right' } }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Input.Wrapper>
  );
}
