// The Главбух certification badge shared by the client card header and the client list: «Главбух: сертифицирован до 31.12.2027».
import { Badge } from '@mantine/core';
import { gbBadgeState, type GbBadge } from '../../../src-shared/glavbukh';
import { gbBadgeShort, gbBadgeText } from './gbBadgeText';

/** One colour per state (UI.md): certified green, ending soon amber, expired red, requested neutral. */
const COLORS = { certified: 'green', expiring: 'yellow', expired: 'red', requested: 'gray', revoked: 'gray' } as const;

/** The current certificates of a client (revoked ones are never badges); nothing when there are none. */
/** `short`: the list column's form (several programmes show their codes), or `name` beside a client's name («Главбух до 31.12.2027»); the full words in the tooltip. */
export function GbBadges({ badges, today, expiringDays, size = 'xs', short = false }: { badges: GbBadge[]; today: string; expiringDays: number; size?: 'xs' | 'sm'; short?: boolean | 'name' }) {
  return (
    <>
      {badges
        .filter((b) => b.status !== 'revoked')
        .map((b) => {
          const state = gbBadgeState(b, today, expiringDays);
          return (
            <Badge
              key={b.programme}
              size={size}
              variant="light"
              color={COLORS[state]}
              radius="sm"
              tt="none"
              fw={600}
              data-testid="gb-badge"
              data-state={state}
              title={short ? `${gbBadgeText(b, today, expiringDays)}${b.number ? `, № ${b.number}` : ''}` : b.number ? `Сертификат № ${b.number}` : undefined}
            >
              {short === 'name' ? `${b.name ?? b.programme} ${gbBadgeShort(b, today, expiringDays).toLowerCase()}` : short ? `${badges.length > 1 ? `${b.programme}: ` : ''}${gbBadgeShort(b, today, expiringDays)}` : gbBadgeText(b, today, expiringDays)}
            </Badge>
          );
        })}
    </>
  );
}
