// The «НСС» tab of the client card: the lead's records section on top, the client's НСС cycles and its seminar registrations.
import { useState } from 'react';
import type { ContactRow, DistributionRow } from '../../../src-shared/types';
import { NssRecordsSection } from './NssRecordsSection';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { errorText } from '../../api/messages';
import { useClientCall } from '../../api/useClientCall';
import { useSession } from '../../app/session';
import { navigate } from '../../app/router';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { CLIENT_EDITORS } from '../../../src-shared/roles';
import type { NssCycle } from '../../../src-shared/nss';
import type { NssCycleProposal } from '../../../src-shared/nss-service';
import { CYCLE_VIEW_COLOR, CYCLE_VIEW_TEXT, SEMINAR_FORMAT_TEXT } from '../../components/nss/nssServiceText';
import { CycleActionDialog, CycleForm, ProposeDialog } from './CycleDialogs';

function CyclesSection({ clientId, kits }: { clientId: number; kits: { id: number; kit: string }[] }) {
  const { hasRole } = useSession();
  const canEdit = hasRole(...CLIENT_EDITORS);
  const { data, error, reload } = useClientCall('nss.cycles.list', clientId);
  const [form, setForm] = useState<{ proposal: NssCycleProposal | null } | null>(null);
  const [proposing, setProposing] = useState(false);
  const [action, setAction] = useState<{ cycle: NssCycle; action: 'renew' | 'lapse' } | null>(null);
  return (
    <Stack gap="xs" data-testid="nss-cycles">
      <Group justify="space-between">
        <Title order={5}>Циклы НСС</Title>
        {canEdit && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setProposing(true)} data-testid="cycle-propose-open">
              Предложить по спецификации
            </Button>
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setForm({ proposal: null })} data-testid="cycle-new">
              Новый цикл
            </Button>
          </Group>
        )}
      </Group>
      {error != null && !data && <Alert color="red">Циклы не загрузились: {errorText(error)}</Alert>}
      {!data && error == null && <Loader size="sm" />}
      {data && data.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="cycles-empty">
          Циклов нет. Добавьте цикл вручную или предложите его по спецификации.
        </Text>
      )}
      {data && data.items.length > 0 && (
        <Table striped withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Период</Table.Th>
              <Table.Th>Состояние</Table.Th>
              <Table.Th>Комплекты</Table.Th>
              <Table.Th>Комментарий</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((c) => (
              <Table.Tr key={c.id} data-testid={`cycle-${c.id}`} data-view={c.view}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" tt="none" color={CYCLE_VIEW_COLOR[c.view]} data-testid="cycle-state">
                    {CYCLE_VIEW_TEXT[c.view]}
                  </Badge>
                  {c.renewedOn && (
                    <Text size="xs" c="dimmed">
                      продлён {formatDate(c.renewedOn)}
                    </Text>
                  )}
                  {c.lapseReason && (
                    <Text size="xs" c="dimmed">
                      {c.lapseReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{c.distributions.map((d) => d.kit).join(', ') || '—'}</Table.Td>
                <Table.Td>{c.comment ?? ''}</Table.Td>
                {canEdit && (
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {c.state === 'active' && (
                      <Group gap={4}>
                        <Button size="compact-xs" variant="light" onClick={() => setAction({ cycle: c, action: 'renew' })} data-testid="cycle-renew">
                          Продлить
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setAction({ cycle: c, action: 'lapse' })} data-testid="cycle-lapse">
                          Не продлён…
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && (
        <Text size="xs" c="dimmed">
          «Пора продлевать» — до окончания цикла осталось не больше {data.dueDays} дн.
        </Text>
      )}
      {form && (
        <CycleForm
          clientId={clientId}
          kits={kits}
          proposal={form.proposal}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            reload();
          }}
        />
      )}
      {proposing && (
        <ProposeDialog
          clientId={clientId}
          onClose={() => setProposing(false)}
          onProposal={(p) => {
            setProposing(false);
            setForm({ proposal: p });
          }}
        />
      )}
      {action && (
        <CycleActionDialog
          cycle={action.cycle}
          action={action.action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            reload();
          }}
        />
      )}
    </Stack>
  );
}

function SeminarsSection({ clientId }: { clientId: number }) {
  const { data, error } = useClientCall('nss.seminars.ofClient', clientId);
  return (
    <Stack gap="xs" data-testid="nss-client-seminars">
      <Title order={5}>Семинары</Title>
      {error != null && !data && <Alert color="red">Семинары не загрузились: {errorText(error)}</Alert>}
      {data && data.length === 0 && (
        <Text size="sm" c="dimmed">
          Никто из клиента не записан на семинары. Записать можно в разделе «Семинары».
        </Text>
      )}
      {data && data.length > 0 && (
        <Table striped withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Начало</Table.Th>
              <Table.Th>Семинар</Table.Th>
              <Table.Th>Формат</Table.Th>
              <Table.Th>ФИО</Table.Th>
              <Table.Th>Посещение</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((s) => (
              <Table.Tr key={s.personId} data-testid={`client-seminar-${s.personId}`} style={{ cursor: 'pointer' }} onClick={() => navigate(`/nss/seminars/${s.seminarId}`)}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.startsAt)}</Table.Td>
                <Table.Td>{s.title}</Table.Td>
                <Table.Td>{SEMINAR_FORMAT_TEXT[s.format]}</Table.Td>
                <Table.Td>{s.fio}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" tt="none" color={s.attended ? 'green' : 'gray'} data-testid="client-seminar-attended">
                    {s.attended ? 'Пришёл' : 'Записан'}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function NssTab({ clientId, distributions, contacts }: { clientId: number; distributions: DistributionRow[]; contacts: ContactRow[] }) {
  const kits = distributions.map((d) => ({ id: d.id, kit: d.code }));
  return (
    <Stack gap="lg" data-testid="nss-tab">
      <NssRecordsSection clientId={clientId} distributions={distributions} contacts={contacts} />
      <CyclesSection clientId={clientId} kits={kits} />
      <SeminarsSection clientId={clientId} />
    </Stack>
  );
}
