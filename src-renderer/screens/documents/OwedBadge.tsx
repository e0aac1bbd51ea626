// Badge of the client card header: «Должен вернуть: N» signed originals (red when some are overdue); a click opens the «Документы» tab.
import { useEffect, useState } from 'react';
import { Badge } from '@mantine/core';
import type { OwedSummary } from '../../../src-shared/doc-types';
import { formatDate } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { navigate } from '../../app/router';

export function OwedBadge({ clientId }: { clientId: number }) {
  const [s, setS] = useState<OwedSummary | null>(null);
  useEffect(() => {
    let alive = true;
    let seq = 0;
    const load = () => {
      const mine = ++seq;
      call('documents.owedSummary', { clientId })
        .then((r) => alive && mine === seq && setS(r))
        .catch(() => undefined);
    };
    load();
    const off = onPush((event, data) => {
      if (event === 'client.changed' && (data as { clientId: number }).clientId === clientId) load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [clientId]);
  if (!s || s.owed === 0) return null;
  const title = s.overdue
    ? `Просрочено: ${s.overdue}; самый старый срок — ${formatDate(s.oldestPlanned)}`
    : `Ждём подписанными; ближайший срок — ${formatDate(s.oldestPlanned)}`;
  return (
    <Badge
      size="sm"
      radius="sm"
      tt="none"
      fw={600}
      variant={s.overdue ? 'filled' : 'light'}
      color={s.overdue ? 'red' : 'gray'}
      title={title}
      style={{ cursor: 'pointer' }}
      onClick={() => navigate(`/clients/${clientId}/documents`)}
      data-testid="owed-badge"
      data-overdue={s.overdue}
    >
      Должен вернуть: {s.owed}
      {s.overdue ? ` (просрочено ${s.overdue})` : ''}
    </Badge>
  );
}
