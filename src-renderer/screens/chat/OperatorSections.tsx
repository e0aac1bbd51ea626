// The chat operator window's read-only sections: client, person, kits, open tasks, documents owed, past chats and questions.
import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ChatLookup, OperatorContact } from '../../../src-shared/chat-operator';
import type { ContactRole } from '../../../src-shared/api/common';
import { TASK_KIND_LABELS, TASK_STATUS_LABELS } from '../../../src-shared/task-report';
import { DOCUMENT_TYPE_LABELS } from '../../../src-shared/doc-types';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { ClientStatusBadge, KeyBadge, SCHEME_LABELS } from '../../components/StatusBadges';
import { STATE_COLORS } from '../../app/theme';

export const CONTACT_ROLE_NAMES: Record<ContactRole, string> = {
  director: 'Руководитель',
  chief_accountant: 'Главный бухгалтер',
  lpr: 'ЛПР',
  key_user: 'Ключевой пользователь',
  accountant: 'Бухгалтер',
  lawyer: 'Юрист',
  it: 'ИТ',
};

function Section({ title, testId, children, extra }: { title: string; testId: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between" gap="xs">
        <Title order={6} c="dimmed" tt="uppercase" fz={11}>
          {title}
        </Title>
        {extra}
      </Group>
      {children}
    </Stack>
  );
}

const Empty = ({ children }: { children: ReactNode }) => (
  <Text size="xs" c="dimmed">
    {children}
  </Text>
);

export function ClientSection({ r }: { r: ChatLookup }) {
  const c = r.client!;
  return (
    <Section title="Клиент" testId="op-client">
      <Text fw={700} size="md" lh={1.2} data-testid="op-client-name">
        {c.name}
      </Text>
      <Group gap={6}>
        {c.inn && <Text size="xs">ИНН {c.inn}</Text>}
        <ClientStatusBadge status={c.status} />
        {c.isKey && <KeyBadge responsible={c.keyResponsible?.fullName ?? null} />}
      </Group>
      <Text size="xs">
        СИО: <b>{c.sio?.fullName ?? 'не назначен'}</b> · ПМ: <b>{c.pm?.fullName ?? 'не назначен'}</b>
      </Text>
      {c.isKey && c.keyResponsible && <Text size="xs">Ответственный за ключевого: {c.keyResponsible.fullName}</Text>}
      {(c.phones.length > 0 || c.emails.length > 0) && (
        <Text size="xs" c="dimmed">
          {[...c.phones, ...c.emails].join(' · ')}
        </Text>
      )}
    </Section>
  );
}

export function ContactSection({ r, onSwitch, onAdd }: { r: ChatLookup; onSwitch: (contactId: number) => void; onAdd: () => void }) {
  const p = r.contact;
  return (
    <Section title="Собеседник" testId="op-contact">
      {p ? <ContactBody p={p} /> : <Empty>Собеседник не найден среди контактных лиц. Его можно добавить: «В контакты».</Empty>}
      {r.otherContacts.length > 0 && (
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            Также подходят:
          </Text>
          {r.otherContacts.map((o) => (
            <Anchor key={o.id} size="xs" component="button" onClick={() => onSwitch(o.id)}>
              {o.fullName}
            </Anchor>
          ))}
        </Group>
      )}
      {!p && (
        <Anchor size="xs" component="button" onClick={onAdd} w="fit-content">
          Добавить контактным лицом
        </Anchor>
      )}
    </Section>
  );
}

function ContactBody({ p }: { p: OperatorContact }) {
  return (
    <>
      <Group gap={6}>
        <Text fw={600} size="sm" data-testid="op-contact-name">
          {p.fullName}
        </Text>
        {!p.active && (
          <Badge size="xs" color="gray" tt="none">
            в архиве
          </Badge>
        )}
      </Group>
      {(p.position || p.roles.length > 0) && (
        <Text size="xs">{[p.position, ...p.roles.map((x) => CONTACT_ROLE_NAMES[x])].filter(Boolean).join(' · ')}</Text>
      )}
      {(p.phones.length > 0 || p.emails.length > 0) && (
        <Text size="xs" c="dimmed">
          {[...p.phones, ...p.emails].join(' · ')}
        </Text>
      )}
      {p.characteristics.map((ch) => (
        <Text key={ch.characteristicId} size="xs">
          <Text span c="dimmed" size="xs">
            {ch.groupName}:
          </Text>{' '}
          {ch.name}
          {ch.comment ? ` — ${ch.comment}` : ''}
        </Text>
      ))}
      {p.note && (
        <Text size="xs" fs="italic">
          {p.note}
        </Text>
      )}
    </>
  );
}

export function DistributionsSection({ r }: { r: ChatLookup }) {
  return (
    <Section
      title="Комплекты"
      testId="op-distributions"
      extra={
        <Text size="xs" c="dimmed">
          {r.lastUsrUpdate ? `USR: ${formatDate(r.lastUsrUpdate)}` : 'нет данных USR'}
        </Text>
      }
    >
      {r.distributions.length === 0 ? (
        <Empty>У клиента нет комплектов.</Empty>
      ) : (
        <Table fz="xs" verticalSpacing={2} horizontalSpacing={4} withRowBorders={false}>
          <Table.Tbody>
            {r.distributions.map((d) => (
              <Table.Tr key={d.id} bg={d.matched ? 'var(--mantine-color-yellow-light)' : undefined} data-testid="op-distr" c={d.state === 'closed' ? 'dimmed' : undefined}>
                <Table.Td>
                  <Text size="xs" ff="monospace" fw={d.matched ? 700 : 400}>
                    {d.code}
                  </Text>
                  {d.numberForm && (
                    <Text size="10px" c="dimmed" ff="monospace">
                      {d.numberForm}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{d.systemName ?? ''}</Table.Td>
                <Table.Td>{d.scheme ? SCHEME_LABELS[d.scheme] : '—'}</Table.Td>
                <Table.Td>
                  <Badge size="xs" tt="none" variant="light" color={d.chatOn ? 'green' : 'gray'} title={d.chatSince ? `с ${formatDate(d.chatSince)}` : undefined}>
                    {d.chatOn ? 'чат вкл.' : 'чат выкл.'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="10px" c="dimmed">
                    {d.lastUsrUpdate ? formatDate(d.lastUsrUpdate) : r.lastUsrUpdate ? 'нет данных USR' : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function TasksSection({ r }: { r: ChatLookup }) {
  return (
    <Section title="Открытые поручения" testId="op-tasks">
      {r.tasks.length === 0 ? (
        <Empty>Открытых поручений нет.</Empty>
      ) : (
        r.tasks.map((t) => (
          <Stack key={t.id} gap={0} data-testid="op-task">
            <Group gap={6} wrap="nowrap">
              <Text size="xs" fw={600}>
                {TASK_KIND_LABELS[t.kind]}
              </Text>
              <Text size="xs" c="dimmed">
                {TASK_STATUS_LABELS[t.status]}
              </Text>
              <Text size="xs" c={t.overdue ? STATE_COLORS.overdue : undefined}>
                до {formatDateTime(t.deadline)}
              </Text>
              <Text size="xs" truncate>
                {t.assignee?.fullName ?? 'не назначено'}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {t.visible ? (t.text ?? '') : 'Содержание видно исполнителю и его направлению'}
            </Text>
          </Stack>
        ))
      )}
    </Section>
  );
}

export function OwedSection({ r }: { r: ChatLookup }) {
  return (
    <Section title={`Долг по документам${r.owed.count ? `: ${r.owed.count}` : ''}`} testId="op-owed">
      {r.owed.count === 0 ? (
        <Empty>Документов к возврату нет.</Empty>
      ) : (
        r.owed.items.map((d) => (
          <Text key={d.id} size="xs" c={d.returnState === 'overdue' ? STATE_COLORS.overdue : undefined}>
            {DOCUMENT_TYPE_LABELS[d.type]} № {d.number} от {formatDate(d.date)}
            {d.plannedReturn ? ` — вернуть до ${formatDate(d.plannedReturn)}` : ''}
            {d.daysOverdue > 0 ? `, просрочено ${d.daysOverdue} дн.` : ''}
          </Text>
        ))
      )}
    </Section>
  );
}

const PersonBadge = () => (
  <Badge size="xs" tt="none" variant="light" color="blue">
    этот собеседник
  </Badge>
);

export function HistorySection({ r }: { r: ChatLookup }) {
  return (
    <Section title="Последние чаты и вопросы" testId="op-history">
      {r.chats.length === 0 && r.questions.length === 0 && <Empty>Чатов и вопросов ещё не было.</Empty>}
      {r.chats.map((c) => (
        <Stack key={`c${c.id}`} gap={0} data-testid="op-chat">
          <Group gap={6}>
            <Text size="xs" fw={600}>
              Чат {formatDateTime(c.startAt)}
            </Text>
            {c.durationSec != null && <Text size="xs" c="dimmed">{Math.max(1, Math.round(c.durationSec / 60))} мин</Text>}
            {c.operator && <Text size="xs" c="dimmed">{c.operator}</Text>}
            {c.person && <PersonBadge />}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {[c.fio, c.excerpt].filter(Boolean).join(': ')}
          </Text>
        </Stack>
      ))}
      {r.questions.map((q) => (
        <Stack key={`${q.source}${q.id}`} gap={0} data-testid="op-question">
          <Group gap={6}>
            <Text size="xs" fw={600}>
              Вопрос {formatDateTime(q.at)}
            </Text>
            {q.status && <Text size="xs" c="dimmed">{TASK_STATUS_LABELS[q.status]}</Text>}
            {q.person && <PersonBadge />}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {q.text == null ? 'Содержание видно исполнителю и его направлению' : [q.fio, q.text].filter(Boolean).join(': ')}
          </Text>
        </Stack>
      ))}
    </Section>
  );
}
