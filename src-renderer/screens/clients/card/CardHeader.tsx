// Header of the client card: the key facts at a glance (name, requisites, badges, readiness, responsible people).
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowMerge, IconStar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ClientCard, ReadinessStageState } from '../../../../src-shared/types';
import { ClientStatusBadge, KeyBadge, SchemeBadge } from '../../../components/StatusBadges';
import { useSession } from '../../../app/session';
import { OwedBadge } from '../../documents/OwedBadge';
import { daysBetween, fmtDate, todayIso } from './format';
import type { GbCard } from '../../../../src-shared/glavbukh';
import { GbBadges } from '../../../components/glavbukh/GbBadge';

/** Days before a stage's readiness ends when it turns amber (due soon). */
const SOON_DAYS = 14;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed" lh={1.3}>
        {label}
      </Text>
      <Text size="sm" lh={1.4}>
        {children || '—'}
      </Text>
    </Stack>
  );
}

export function StageBadge({ stage }: { stage: ReadinessStageState }) {
  if (!stage.ready || !stage.readyUntil) {
    return (
      <Badge size="sm" radius="sm" tt="none" fw={600} variant="outline" color="gray" data-testid={`stage-badge-${stage.code}`} data-ready="false">
        {stage.name}: не готов
      </Badge>
    );
  }
  const soon = daysBetween(todayIso(), stage.readyUntil) <= SOON_DAYS;
  return (
    <Badge
      size="sm"
      radius="sm"
      tt="none"
      fw={600}
      variant="light"
      color={soon ? 'yellow' : 'green'}
      data-testid={`stage-badge-${stage.code}`}
      data-ready="true"
      title={soon ? 'Скоро истечёт: подтвердите данные на вкладке «Готовность»' : undefined}
    >
      {stage.name} до {fmtDate(stage.readyUntil)}
    </Badge>
  );
}

export function CardHeader({ card, gb, onKey, onMerge, onBack }: { card: ClientCard; gb?: GbCard | null; onKey: () => void; onMerge: () => void; onBack: () => void }) {
  const { hasRole } = useSession();
  const c = card.client;
  const phone = c.phones[0];
  const activeDistrs = card.distributions.filter((d) => d.state !== 'closed').length;
  const cp = card.counterparty;
  return (
    <Paper withBorder p="sm" data-testid="card-header">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Group gap="xs" align="center" wrap="wrap">
          <Tooltip label="К списку клиентов (Esc)">
            <ActionIcon variant="subtle" color="gray" onClick={onBack} aria-label="К списку клиентов">
              <IconArrowLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Title order={3} data-testid="card-name">
            {c.name}
          </Title>
          <ClientStatusBadge status={c.status} size="sm" />
          {c.isKey && (
            <Group gap={4} wrap="nowrap">
              <KeyBadge size="sm" />
              {c.keyResponsible && (
                <Text size="sm" data-testid="key-responsible-name">
                  отв. {c.keyResponsible.fullName}
                </Text>
              )}
            </Group>
          )}
          <SchemeBadge scheme={card.schemes} size="sm" />
          <OwedBadge clientId={c.id} />
          {gb && <GbBadges badges={gb.badges} today={todayIso()} expiringDays={gb.expiringDays} size="sm" />}
        </Group>
        {hasRole('admin', 'head') && (
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button variant="default" size="xs" leftSection={<IconArrowMerge size={14} />} onClick={onMerge} data-testid="merge-button">
              Объединить…
            </Button>
            <Button variant="default" size="xs" leftSection={<IconStar size={14} />} onClick={onKey} data-testid="key-button">
              Ключевой клиент…
            </Button>
          </Group>
        )}
      </Group>
      <Group gap="lg" mt={6} ml={38} wrap="wrap" align="flex-start" style={{ rowGap: 6 }}>
        <Fact label="ИНН / КПП" testId="fact-inn">
          {c.inn ? `${c.inn}${c.kpp ? ` / ${c.kpp}` : ''}` : null}
        </Fact>
        <Fact label="Город">{[c.city, c.region && c.region !== c.city ? c.region : null].filter(Boolean).join(', ')}</Fact>
        <Fact label="Телефон" testId="fact-phone">
          {phone ? `${phone.formatted}${c.phones.length > 1 ? ` (+${c.phones.length - 1})` : ''}` : null}
        </Fact>
        <Fact label="E-mail">{c.emails[0]?.email}</Fact>
        <Fact label="СИО" testId="fact-sio">
          {c.sio?.fullName}
        </Fact>
        <Fact label="ПМ" testId="fact-pm">
          {c.pm?.fullName}
        </Fact>
        <Fact label="Контрагент" testId="fact-counterparty">
          {cp ? cp.shortName || cp.fullName : null}
        </Fact>
        <Fact label="Комплекты">{card.distributions.length ? `${activeDistrs} на сопровождении из ${card.distributions.length}` : 'нет'}</Fact>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" lh={1.3}>
            Готовность
          </Text>
          <Group gap={4} wrap="nowrap">
            {card.readiness.map((s) => (
              <StageBadge key={s.code} stage={s} />
            ))}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}
