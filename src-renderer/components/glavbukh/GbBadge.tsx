// The Главбух certification badge shared by the client card header and the client list: «Главбух: сертифицирован до 31.12.2027».
import { Badge } from '@mantine/core';
import { formatDate } from '../../../src-shared/format';
import { gbBadgeState, type GbBadge } from '../../../src-shared/glavbukh';

/** One colour per state (UI.md): certified green, ending soon amber, expired red, requested neutral. */
const COLORS = { certified: 'green', expiring: 'yellow', expired: 'red', requested: 'gray', revoked: 'gray' } as const;

export function gbBadgeText(b: GbBadge, today: string, expiringDays: number): string {
  const name = b.name ?? b.programme;
  const until = b.validUntil ? formatDate(b.validUntil) : '';
  switch (gbBadgeState(b, today, expiringDays)) {
    case 'requested':
      return `${name}: заявка`;
    case 'expired':
      return `${name}: истёк ${until}`.trim();
    case 'expiring':
      return `${name}: истекает ${until}`.trim();
    case 'revoked':
      return `${name}: отозван`;
    default:
      return until ? `${name}: сертифицирован до ${until}` : `${name}: сертифицирован`;
  }
}

/** The current certificates of a client (revoked ones are never badges); nothing when there are none. */
export function GbBadges({ badges, today, expiringDays, size = 'xs' }: { badges: GbBadge[]; today: string; expiringDays: number; size?: 'xs' | 'sm' }) {
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
              title={b.number ? `Сертификат № ${b.number}` : undefined}
            >
              {gbBadgeText(b, today, expiringDays)}
            </Badge>
          );
        })}
    </>
  );
}
