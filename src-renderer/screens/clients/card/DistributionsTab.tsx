// Tab «Дистрибутивы и схемы сервиса»: the client's K+ kits with current scheme and its history; add, edit, change scheme.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconMessageCircle, IconPencil, IconPlus, IconReplace } from '@tabler/icons-react';
import { ChatForm, ChatHistory, ChatState } from './ChatOn';
import type { DistributionRow, SchemeSummary } from '../../../../src-shared/types';
import type { Scheme } from '../../../../src-shared/api/common';
import { SchemeBadge } from '../../../components/StatusBadges';
import { useSession } from '../../../app/session';
import { DistributionForm, SchemeForm } from './DistributionForm';
import { fmtDate, todayIso } from './format';
import { DISTR_STATE_LABELS, NETWORK_TYPE_LABELS, SCHEME_LABELS, labelOf } from './labels';

const STATE_COLORS: Record<string, string> = { active: 'green', suspended: 'yellow', closed: 'gray' };

function SchemeCell({ scheme }: { scheme: Scheme | null }) {
  if (!scheme) return <Text size="sm" c="dimmed">не указана</Text>;
  return <SchemeBadge scheme={scheme as SchemeSummary} size="sm" />;
}

/** Scheme periods newest first, each as «НСС с 01.02.2026 (Иванов)»; a future one is marked. */
function SchemeHistory({ d }: { d: DistributionRow }) {
  const today = todayIso();
  const currentIdx = d.schemeHistory.findIndex((h) => h.effectiveFrom <= today);
  return (
    <Stack gap={0}>
      {d.schemeHistory.map((h, i) => (
        <Text size="xs" key={i} c={h.effectiveFrom > today ? 'yellow.8' : i === currentIdx ? undefined : 'dimmed'}>
          {SCHEME_LABELS[h.scheme] ?? h.scheme} с {fmtDate(h.effectiveFrom)}
          {h.effectiveFrom > today && ' (запланирована)'}
          {h.createdBy && (
            <Text span size="xs" c="dimmed">
              {' '}
              · {h.createdBy}
            </Text>
          )}
        </Text>
      ))}
    </Stack>
  );
}

export function DistributionsTab({ clientId, distributions, reload }: { clientId: number; distributions: DistributionRow[]; reload: () => Promise<void> }) {
  const { hasRole } = useSession();
  const canEdit = hasRole('admin', 'head', 'sales', 'sio', 'pm', 'caller');
  const [editing, setEditing] = useState<DistributionRow | 'new' | null>(null);
  const [schemeOf, setSchemeOf] = useState<DistributionRow | null>(null);
  const [chatOf, setChatOf] = useState<DistributionRow | null>(null);
  const close = () => {
    setEditing(null);
    setSchemeOf(null);
    setChatOf(null);
    void reload();
  };
  const nss = distributions.filter((d) => d.state !== 'closed' && d.scheme === 'nss').length;
  const active = distributions.filter((d) => d.state !== 'closed').length;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Дистрибутивов: {distributions.length}; на сопровождении: {active}, из них на НСС: {nss}
        </Text>
        {canEdit && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="distr-add">
            Добавить дистрибутив
          </Button>
        )}
      </Group>
      {distributions.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          Дистрибутивов нет. Добавьте установленные комплекты К+ кнопкой «Добавить дистрибутив» — по ним ищут клиента и строят отчёты по НСС.
        </Text>
      ) : (
        <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="distr-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>Дистрибутив, система</Table.Th>
              <Table.Th w={130}>Тип сети</Table.Th>
              <Table.Th w={170}>Состояние</Table.Th>
              <Table.Th w={190}>Онлайн-диалог</Table.Th>
              <Table.Th w={120}>Схема сейчас</Table.Th>
              <Table.Th w={260}>История схем</Table.Th>
              <Table.Th>Адрес ТО</Table.Th>
              {canEdit && <Table.Th w={100} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {distributions.map((d) => (
              <Table.Tr key={d.id} data-testid={`distr-row-${d.code}`} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" ff="monospace" fw={500}>
                    {d.code}
                  </Text>
                  <Text size="xs" c="dimmed" data-testid="distr-system-name">
                    {d.systemName ?? `${d.systemCode}: нет названия в справочнике`}
                  </Text>
                </Table.Td>
                <Table.Td>{labelOf(NETWORK_TYPE_LABELS, d.networkType)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" radius="sm" tt="none" fw={600} color={STATE_COLORS[d.state] ?? 'gray'}>
                    {labelOf(DISTR_STATE_LABELS, d.state)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <ChatState d={d} />
                  {d.chatHistory.length > 1 && (
                    <Tooltip label={<ChatHistory d={d} />} withArrow multiline w={360} color="gray.0" c="dark">
                      <Text size="xs" c="dimmed" td="underline" style={{ textDecorationStyle: 'dotted', cursor: 'help' }}>
                        история: {d.chatHistory.length}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>
                  <SchemeCell scheme={d.scheme} />
                </Table.Td>
                <Table.Td>
                  <SchemeHistory d={d} />
                </Table.Td>
                <Table.Td>{d.address ?? ''}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Изменить">
                        <ActionIcon variant="subtle" onClick={() => setEditing(d)} aria-label={`Изменить ${d.code}`}>
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Сменить схему с даты…">
                        <ActionIcon variant="subtle" color="grape" onClick={() => setSchemeOf(d)} aria-label={`Сменить схему ${d.code}`}>
                          <IconReplace size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Онлайн-диалог с даты…">
                        <ActionIcon variant="subtle" color="green" onClick={() => setChatOf(d)} aria-label={`Онлайн-диалог ${d.code}`}>
                          <IconMessageCircle size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <DistributionForm clientId={clientId} distr={editing === 'new' ? null : editing} opened={editing !== null} onClose={close} />
      <SchemeForm distr={schemeOf} opened={schemeOf !== null} onClose={close} />
      <ChatForm distr={chatOf} opened={chatOf !== null} onClose={close} />
    </Stack>
  );
}
