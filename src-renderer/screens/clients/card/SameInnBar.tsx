// Under the card header: other clients with this ИНН — duplicates to merge (a head's action) and branches to know about.
import { Alert, Button, Group, Text } from '@mantine/core';
import type { SameInnClient } from '../../../../src-shared/dedupe';
import { ClientLink } from '../../../components/SameInnNotice';

export function SameInnBar({ sameInn, canMerge, onMerge }: { sameInn: SameInnClient[]; canMerge: boolean; onMerge: (c: SameInnClient) => void }) {
  const dups = sameInn.filter((c) => c.duplicate);
  const branches = sameInn.filter((c) => !c.duplicate);
  if (sameInn.length === 0) return null;
  return (
    <>
      {dups.length > 0 && (
        <Alert color="orange" py={6} data-testid="card-duplicates">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              Дубль: те же ИНН и КПП у{' '}
              {dups.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ', '}
                  <ClientLink c={c} />
                </span>
              ))}
              . {canMerge ? 'Объедините карточки, чтобы не вести клиента дважды.' : 'Попросите руководителя объединить карточки.'}
            </Text>
            {canMerge &&
              dups.map((c) => (
                <Button key={c.id} size="xs" variant="light" color="orange" onClick={() => onMerge(c)} style={{ flexShrink: 0 }} data-testid={`merge-with-${c.id}`}>
                  Объединить с «{c.name}»…
                </Button>
              ))}
          </Group>
        </Alert>
      )}
      {branches.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="card-branches">
          Тот же ИНН с другим КПП (филиалы):{' '}
          {branches.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <ClientLink c={c} />
              {c.kpp ? ` (КПП ${c.kpp})` : ' (без КПП)'}
            </span>
          ))}
        </Text>
      )}
    </>
  );
}
