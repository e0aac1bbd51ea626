// The words of a Главбух badge: «Главбух: сертифицирован до 31.12.2027», «истекает …», «истёк …», «заявка».
import { formatDate } from '../../../src-shared/format';
import { gbBadgeState, type GbBadge } from '../../../src-shared/glavbukh';

/** The list column's short form (the column is titled with the programme): «До 31.12.2027», «Истекает …», «Истёк …», «Заявка». */
export function gbBadgeShort(b: GbBadge, today: string, expiringDays: number): string {
  const full = gbBadgeText(b, today, expiringDays);
  const rest = full.slice(full.indexOf(': ') + 2).replace(/^сертифицирован до /, 'до ');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

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
