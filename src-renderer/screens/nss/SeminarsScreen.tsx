// #/nss/seminars[/<id>]: the seminar catalogue (a period, newest first, keyboard navigation) and a seminar's registrations in a drawer.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { navigate } from '../../app/router';
import { DateField } from '../../components/DateField';
import { formatDateTime } from '../../../src-shared/format';
import { CLIENT_EDITORS } from '../../../src-shared/roles';
import { NSS_SEMINAR_EDITORS } from '../../../src-shared/api/nss-service';
import type { NssSeminar } from '../../../src-shared/nss';
import { SEMINAR_FORMAT_TEXT } from '../../components/nss/nssServiceText';
import { SeminarForm } from './SeminarForm';
import { SeminarPeople } from './SeminarPeople';

const seats = (s: NssSeminar) => (s.capacity != null ? `${s.registered} из ${s.capacity}` : String(s.registered));

export function SeminarsScreen({ id }: { id?: string }) {
  const { hasRole } = useSession();
  const canRegister = hasRole(...CLIENT_EDITORS);
  const canEdit = hasRole(...NSS_SEMINAR_EDITORS);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [data, setData] = useState<{ items: NssSeminar[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<NssSeminar | null | undefined>(undefined);
  const [cursor, setCursor] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const openId = id ? Number(id) : null;

  const load = useCallback(() => {
    const ok = (d: string | null) => d == null || /^\d{4}-\d{2}-\d{2}$/.test(d);
    if (!ok(from) || !ok(to)) return;
    call('nss.seminars.list', { from, to }).then(
      (d) => (setData(d), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [from, to]);
  useEffect(load, [load]);

  // A seminar outside the period (a link from a client's card) is read on its own.
  const [single, setSingle] = useState<NssSeminar | null>(null);
  const listed = data?.items.find((s) => s.id === openId) ?? null;
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (openId == null || !data || listed) return;
    let live = true;
    call('nss.seminars.get', { id: openId }).then(
      (s) => live && setSingle(s),
      (e: unknown) => live && notifications.show({ color: 'red', message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [openId, data, listed, nonce]);
  const open = listed ?? (single?.id === openId ? single : null);
  const changed = () => (load(), setNonce((n) => n + 1));
  const go = (s: NssSeminar) => navigate(`/nss/seminars/${s.id}`, { samePage: true });

  const onKey = (e: React.KeyboardEvent, i: number) => {
    const items = data?.items ?? [];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(items.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
      setCursor(next);
      rows.current[next]?.focus();
    } else if (e.key === 'Enter' && items[i]) go(items[i]!);
  };

  const remove = (s: NssSeminar) =>
    modals.openConfirmModal({
      title: 'Удалить семинар?',
      children: (
        <Text size="sm">
          {s.attended > 0
            ? `На семинаре «${s.title}» отмечено пришедших: ${s.attended}. Их посещение пропадёт из отчётов НСС.`
            : `Семинар «${s.title}» и список записавшихся (${s.registered}) будут удалены.`}
        </Text>
      ),
      labels: { confirm: 'Удалить', cancel: 'Отмена' },
      confirmProps: { color: 'red', 'data-testid': 'seminar-delete-confirm' } as Record<string, unknown>,
      onConfirm: () =>
        void call('nss.seminars.delete', { id: s.id, force: s.attended > 0 }).then(
          () => (navigate('/nss/seminars', { samePage: true }), load()),
          (e: unknown) => notifications.show({ color: 'red', message: errorText(e) }),
        ),
    });

  return (
    <Stack gap="sm" data-testid="seminars-screen">
      <Group justify="space-between">
        <Title order={3}>Семинары</Title>
        {canEdit && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing(null)} data-testid="seminar-new">
            Новый семинар
          </Button>
        )}
      </Group>
      <Group align="flex-end">
        <DateField label="С" value={from} onChange={setFrom} w={150} size="xs" />
        <DateField label="По" value={to} onChange={setTo} w={150} size="xs" />
        {data && (
          <Text size="sm" c="dimmed">
            Семинаров: {data.total}
          </Text>
        )}
      </Group>
      {error != null && <Alert color="red">Семинары не загрузились: {errorText(error)}</Alert>}
      {data && data.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="seminars-empty">
          Семинаров за этот период нет.{canEdit ? ' Нажмите «Новый семинар», чтобы добавить.' : ''}
        </Text>
      )}
      {data && data.items.length > 0 && (
        <Table striped highlightOnHover withTableBorder stickyHeader verticalSpacing={4} fz="sm" data-testid="seminars-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Начало</Table.Th>
              <Table.Th>Тема</Table.Th>
              <Table.Th>Формат</Table.Th>
              <Table.Th>Место</Table.Th>
              <Table.Th>Записано</Table.Th>
              <Table.Th>Пришли</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((s, i) => (
              <Table.Tr
                key={s.id}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                tabIndex={i === cursor ? 0 : -1}
                onKeyDown={(e) => onKey(e, i)}
                onFocus={() => setCursor(i)}
                onClick={() => go(s)}
                style={{ cursor: 'pointer' }}
                data-testid={`seminar-row-${s.id}`}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.startsAt)}</Table.Td>
                <Table.Td>{s.title}</Table.Td>
                <Table.Td>{SEMINAR_FORMAT_TEXT[s.format]}</Table.Td>
                <Table.Td>{s.place ?? '—'}</Table.Td>
                <Table.Td data-testid="seminar-seats">
                  <Badge size="sm" variant="light" color={s.capacity != null && s.registered >= s.capacity ? 'yellow' : 'gray'} tt="none">
                    {seats(s)}
                  </Badge>
                </Table.Td>
                <Table.Td>{s.attended}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Drawer
        opened={open != null}
        onClose={() => navigate('/nss/seminars', { samePage: true })}
        position="right"
        size="xl"
        title={open ? `${open.title} — ${formatDateTime(open.startsAt)}` : ''}
        data-testid="seminar-drawer"
      >
        {open && (
          <Stack gap="sm">
            <Group gap="xs">
              <Badge variant="light" tt="none">
                {SEMINAR_FORMAT_TEXT[open.format]}
              </Badge>
              <Badge variant="light" color="gray" tt="none">
                Мест: {seats(open)}
              </Badge>
              {open.place && <Text size="sm">{open.place}</Text>}
            </Group>
            {open.note && <Text size="sm">{open.note}</Text>}
            {canEdit && (
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setEditing(open)} data-testid="seminar-edit">
                  Изменить
                </Button>
                <Button size="xs" variant="default" color="red" onClick={() => remove(open)} data-testid="seminar-delete">
                  Удалить
                </Button>
              </Group>
            )}
            <SeminarPeople seminar={open} canEdit={canRegister} onChanged={changed} />
          </Stack>
        )}
      </Drawer>
      {editing !== undefined && (
        <SeminarForm
          seminar={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(sid) => {
            setEditing(undefined);
            load();
            navigate(`/nss/seminars/${sid}`, { samePage: true });
          }}
        />
      )}
    </Stack>
  );
}
