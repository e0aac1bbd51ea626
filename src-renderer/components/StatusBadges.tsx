// Small status badges shared by the client list and the client card: key client, service scheme, readiness, status.
import { Badge, Group, Tooltip } from '@mantine/core';
import { IconStarFilled } from '@tabler/icons-react';
import type { ClientStatus } from '../../src-shared/api/common';
import type { ReadinessStageSetting, SchemeSummary } from '../../src-shared/types';

/** Russian names of client statuses (also used by filters and forms). */
export const CLIENT_STATUS_LABELS: Record<ClientStatus, string> = {
  prospect: 'Потенциальный',
  active: 'Действующий',
  suspended: 'Приостановлен',
  closed: 'Закрыт',
};

/** One colour per state across the app (UI.md): working green, paused amber, ended grey, not yet ours blue. */
const STATUS_COLORS: Record<ClientStatus, string> = {
  prospect: 'blue',
  active: 'green',
  suspended: 'yellow',
  closed: 'gray',
};

export const SCHEME_LABELS: Record<NonNullable<SchemeSummary>, string> = {
  nss: 'НСС',
  standard: 'Стандарт',
  mixed: 'Смешанная',
};

const SCHEME_COLORS: Record<NonNullable<SchemeSummary>, string> = {
  nss: 'teal',
  standard: 'indigo',
  mixed: 'grape',
};

const SCHEME_HINTS: Record<NonNullable<SchemeSummary>, string> = {
  nss: 'Все действующие комплекты — на новой схеме сервиса',
  standard: 'Все действующие комплекты — на стандартной схеме',
  mixed: 'Часть комплектов на НСС, часть на стандартной схеме',
};

type BadgeSize = 'xs' | 'sm' | 'md';
// Badges keep normal case (tt="none"): Russian words in capitals shout and take a third more width in dense rows.

export function ClientStatusBadge({ status, size = 'xs' }: { status: ClientStatus; size?: BadgeSize }) {
  return (
    <Badge size={size} variant="light" color={STATUS_COLORS[status]} radius="sm" tt="none" fw={600} data-status={status}>
      {CLIENT_STATUS_LABELS[status]}
    </Badge>
  );
}

/** Scheme of the client's active distributions; renders nothing when the client has none. */
export function SchemeBadge({ scheme, size = 'xs' }: { scheme: SchemeSummary; size?: BadgeSize }) {
  if (!scheme) return null;
  return (
    // A native title, not a Tooltip: the badge sits in every row of long virtualised lists.
    <Badge size={size} variant="light" color={SCHEME_COLORS[scheme]} radius="sm" tt="none" fw={600} data-scheme={scheme} title={SCHEME_HINTS[scheme]}>
      {SCHEME_LABELS[scheme]}
    </Badge>
  );
}

export function KeyBadge({ size = 'xs', responsible }: { size?: BadgeSize; responsible?: string | null }) {
  const badge = (
    <Badge size={size} variant="light" color="orange" radius="sm" tt="none" fw={600} leftSection={<IconStarFilled size={9} />} data-testid="key-badge">
      Ключевой
    </Badge>
  );
  return responsible ? (
    <Tooltip label={`Ответственный: ${responsible}`} openDelay={300}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/**
 * Readiness for work stages («Обзвонка», «Продажа»): a green badge per stage the client is ready for.
 * `stages` gives the names and order; with `showMissing` the stages not reached are shown in grey too.
 */
export function ReadyBadges({
  codes,
  stages,
  showMissing = false,
  size = 'xs',
}: {
  codes: readonly string[];
  stages: readonly ReadinessStageSetting[] | null | undefined;
  showMissing?: boolean;
  size?: BadgeSize;
}) {
  const ready = new Set(codes);
  const known = stages ?? [];
  const shown = known.filter((s) => showMissing || ready.has(s.code));
  // A code without a stage setting (deleted stage, refs still loading) is still shown, by its code.
  const unknown = codes.filter((c) => !known.some((s) => s.code === c));
  if (shown.length === 0 && unknown.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {shown.map((s) => (
        <Badge
          key={s.code}
          size={size}
          radius="sm" tt="none" fw={600}
          variant={ready.has(s.code) ? 'light' : 'outline'}
          color={ready.has(s.code) ? 'green' : 'gray'}
          data-ready={ready.has(s.code) ? s.code : undefined}
          title={ready.has(s.code) ? `Готов к стадии «${s.name}»` : `Не готов к стадии «${s.name}»`}
        >
          {s.name}
        </Badge>
      ))}
      {unknown.map((c) => (
        <Badge key={c} size={size} radius="sm" tt="none" fw={600} variant="light" color="green" data-ready={c}>
          {c}
        </Badge>
      ))}
    </Group>
  );
}
