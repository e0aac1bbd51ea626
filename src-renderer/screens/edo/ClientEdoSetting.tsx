// The client's setting «Документы через ЭДО» (operator, ЭДО id): document editors change it, everyone else reads it.
import { useEffect, useRef, useState } from 'react';
import { Autocomplete, Badge, Button, Group, Paper, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ClientEdoSetting as Setting } from '../../../src-shared/edo';
import { DOC_EDITORS } from '../../../src-shared/api/documents';
import { call, onPush } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { useLeaveGuard } from '../../app/leaveGuard';

const OPERATORS = ['Диадок', 'СБИС', '1С-ЭДО', 'Калуга Астрал', 'другое'];

type Values = { enabled: boolean; operator: string; edoId: string };
const valuesOf = (s: Setting | null): Values => ({ enabled: s?.enabled ?? false, operator: s?.operator ?? '', edoId: s?.edoId ?? '' });

export function ClientEdoSetting({ clientId }: { clientId: number }) {
  const { hasRole } = useSession();
  const canEdit = hasRole(...DOC_EDITORS);
  const [saved, setSaved] = useState<Values | null>(null);
  const [v, setV] = useState<Values | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  /** Whether the form holds edits of its own, for the reload that someone else's change triggers. */
  const dirtyRef = useRef(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      call('edo.client.get', { clientId })
        .then((s) => {
          if (!live) return;
          const x = valuesOf(s);
          setSaved(x);
          // Someone else's change shows at once unless this form holds edits of its own.
          if (!dirtyRef.current) setV(x);
        })
        .catch(() => undefined);
    void load();
    const off = onPush((event, data) => {
      if (event === 'client.changed' && (data as { clientId: number }).clientId === clientId) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [clientId]);

  const dirty = !!v && !!saved && JSON.stringify(v) !== JSON.stringify(saved);
  dirtyRef.current = dirty;
  const guard = useLeaveGuard(dirty);
  if (!v || !saved) return null;

  const save = async () => {
    setBusy(true);
    guard.saving = true;
    try {
      const s = await call('edo.client.set', { clientId, enabled: v.enabled, operator: v.operator.trim() || null, edoId: v.edoId.trim() || null });
      const x = valuesOf(s);
      setSaved(x);
      setV(x);
      setErrors({});
      notifications.show({ color: 'green', message: x.enabled ? 'Документы клиента пойдут через ЭДО: новые счета и акты передаются в 1С при выдаче' : 'Документы клиента — на бумаге' });
    } catch (err) {
      setErrors(fieldErrors(err));
      notifications.show({ color: 'red', message: `Не сохранено: ${errorText(err)}` });
    } finally {
      guard.saving = false;
      setBusy(false);
    }
  };

  if (!canEdit)
    return (
      <Group gap="xs" data-testid="client-edo">
        <Badge variant="light" color={saved.enabled ? 'green' : 'gray'} tt="none">
          {saved.enabled ? 'Документы через ЭДО' : 'Документы на бумаге'}
        </Badge>
        {saved.enabled && (
          <Text size="sm" c="dimmed">
            {[saved.operator, saved.edoId && `идентификатор ${saved.edoId}`].filter(Boolean).join(' · ')}
          </Text>
        )}
      </Group>
    );

  return (
    <Paper withBorder p={6} data-testid="client-edo">
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <Switch
          label="Документы через ЭДО"
          description="Выданные счета и акты передаются в 1С для отправки по ЭДО"
          checked={v.enabled}
          onChange={(e) => setV({ ...v, enabled: e.currentTarget.checked })}
          data-testid="client-edo-switch"
        />
        <Autocomplete
          size="xs"
          label="Оператор ЭДО"
          data={OPERATORS}
          value={v.operator}
          onChange={(x) => setV({ ...v, operator: x })}
          error={errors.operator}
          disabled={!v.enabled}
          w={180}
          data-testid="client-edo-operator"
        />
        <TextInput
          size="xs"
          label="Идентификатор участника ЭДО"
          value={v.edoId}
          onChange={(e) => setV({ ...v, edoId: e.currentTarget.value })}
          error={errors.edoId}
          disabled={!v.enabled}
          w={260}
          data-testid="client-edo-id"
        />
        {dirty && (
          <Group gap={4}>
            <Button size="xs" onClick={() => void save()} loading={busy} data-testid="client-edo-save">
              Сохранить
            </Button>
            <Button size="xs" variant="default" onClick={() => setV(saved)}>
              Отменить
            </Button>
          </Group>
        )}
      </Group>
    </Paper>
  );
}
