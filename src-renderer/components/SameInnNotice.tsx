// Says, while an ИНН/КПП is typed, which clients already have it: the duplicate a save would be refused for, and branches (another КПП).
import { useEffect, useState } from 'react';
import { Alert, Anchor, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { SameInn, SameInnClient } from '../../src-shared/dedupe';
import { ApiCallError, call } from '../api/transport';

const EMPTY: SameInn = { duplicate: null, branches: [] };

/** The server's answer for a whole ИНН (10 or 12 digits); nothing for one still being typed. */
export function useSameInn(inn: string, kpp: string, excludeId?: number): SameInn {
  const [debounced] = useDebouncedValue(`${inn.replace(/\s+/g, '')}|${kpp.replace(/\s+/g, '').toUpperCase()}`, 300);
  const [result, setResult] = useState<SameInn>(EMPTY);
  useEffect(() => {
    const [i = '', k = ''] = debounced.split('|');
    if (!/^(\d{10}|\d{12})$/.test(i)) {
      setResult(EMPTY);
      return;
    }
    let alive = true;
    call('clients.checkInn', { inn: i, kpp: k || null, excludeId })
      .then((r) => alive && setResult(r))
      .catch(() => alive && setResult(EMPTY));
    return () => {
      alive = false;
    };
  }, [debounced, excludeId]);
  return result;
}

/** A link to a client's card; a new tab keeps the form being filled. */
export function ClientLink({ c }: { c: { id: number; name: string } }) {
  return (
    <Anchor href={`#/clients/${c.id}`} target="_blank" size="sm" data-testid="same-inn-link">
      {c.name}
    </Anchor>
  );
}

function list(cs: SameInnClient[]) {
  return cs.map((c, i) => (
    <span key={c.id}>
      {i > 0 && ', '}
      <ClientLink c={c} />
      {c.kpp ? ` (КПП ${c.kpp})` : ' (без КПП)'}
    </span>
  ));
}

/** The duplicate (refused on save) in red, branches (allowed) in yellow. */
export function SameInnNotice({ result }: { result: SameInn }) {
  if (!result.duplicate && result.branches.length === 0) return null;
  return (
    <>
      {result.duplicate && (
        <Alert color="red" py={6} data-testid="same-inn-duplicate">
          <Text size="sm">
            Клиент с таким ИНН уже есть: <ClientLink c={result.duplicate} />
            {result.duplicate.kpp ? ` (КПП ${result.duplicate.kpp})` : ''}. Второй такой клиент не сохранится — откройте этого или укажите другой КПП, если
            это филиал.
          </Text>
        </Alert>
      )}
      {result.branches.length > 0 && (
        <Alert color="yellow" py={6} data-testid="same-inn-branches">
          <Text size="sm">
            Этот ИНН есть у {result.branches.length === 1 ? 'клиента' : 'клиентов'} с другим КПП (филиалы): {list(result.branches)}. Сохранить можно.
          </Text>
        </Alert>
      )}
    </>
  );
}

/** The client a refused save collided with (CONFLICT `duplicate_client`), for the notice when the check had not answered yet. */
export function duplicateFromError(err: unknown): SameInnClient | null {
  const issue = err instanceof ApiCallError ? err.error.issues?.find((i) => i.reason === 'duplicate_client' && i.ref) : undefined;
  return issue?.ref ? { id: issue.ref.id, name: issue.ref.name, kpp: null, duplicate: true } : null;
}
