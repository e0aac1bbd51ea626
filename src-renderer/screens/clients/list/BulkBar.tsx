// The bar over the client list while clients are ticked: how many, and the bulk actions (assign a СИО or a personal manager, change the status, record a НСС contact for all).
import { useState } from 'react';
import { Button, Group, Paper, Text } from '@mantine/core';
import type { Refs } from '../../../../src-shared/types';
import { BulkDialog, type BulkKind } from './BulkDialog';
import type { Picking } from './ClientListTools';
import { NssBulkDialog } from '../../nss/NssBulkDialog';

export function BulkBar({ picking, refs }: { picking: Picking; refs: Refs | null }) {
  const [kind, setKind] = useState<BulkKind | null>(null);
  const [nss, setNss] = useState(false);
  return (
    <Paper withBorder px="sm" py={4} bg="gray.0" data-testid="bulk-bar">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={500} data-testid="bulk-count">
          Выбрано: {picking.picked.size.toLocaleString('ru-RU')}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Button size="compact-sm" variant="light" onClick={() => setKind('sio')} data-testid="bulk-sio">
            Назначить СИО
          </Button>
          <Button size="compact-sm" variant="light" onClick={() => setKind('pm')} data-testid="bulk-pm">
            Назначить персонального менеджера
          </Button>
          <Button size="compact-sm" variant="light" onClick={() => setKind('status')} data-testid="bulk-status">
            Сменить статус
          </Button>
          <Button size="compact-sm" variant="light" onClick={() => setNss(true)} data-testid="bulk-nss">
            Записать контакт НСС
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" onClick={picking.clear}>
            Снять выбор
          </Button>
        </Group>
      </Group>
      <BulkDialog kind={kind} ids={[...picking.picked]} refs={refs} onClose={() => setKind(null)} onDone={picking.clear} />
      {nss && <NssBulkDialog opened ids={[...picking.picked]} onClose={() => setNss(false)} onDone={picking.clear} />}
    </Paper>
  );
}
