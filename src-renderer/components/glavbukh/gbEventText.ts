// Russian wording of the Главбух timeline events (gb_requested / gb_certified / gb_updated / gb_revoked) from the data certs.ts writes.
import { formatDate } from '../../../src-shared/format';
import { GB_EVENT_KINDS } from '../../../src-shared/glavbukh';

export const GB_EVENT_TITLE = 'Главбух';
export const isGbEvent = (kind: string) => (GB_EVENT_KINDS as readonly string[]).includes(kind);

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const STATUS: Record<string, string> = { requested: 'заявка', certified: 'сертифицирован', expired: 'истёк', revoked: 'отозван' };
const SOURCE: Record<string, string> = { import: 'из списка сертифицированных', request: 'по заявке', manual: 'вручную' };

/** The sentence for a certification event, or null for another kind. */
export function gbEventText(kind: string, data: Record<string, unknown> | null | undefined): string | null {
  if (!isGbEvent(kind)) return null;
  const d = data ?? {};
  const programme = str(d.programme) === 'GB' || !str(d.programme) ? 'Главбух' : str(d.programme)!;
  const number = str(d.number) ? ` № ${str(d.number)}` : '';
  const until = str(d.validUntil) ? ` до ${formatDate(str(d.validUntil))}` : '';
  const source = SOURCE[str(d.source) ?? ''] ? `, ${SOURCE[str(d.source)!]}` : '';
  switch (kind) {
    case 'gb_requested':
      return `Заявка на сертификацию «${programme}»${source}`;
    case 'gb_certified':
      return `Сертификат «${programme}»${number}${until}${source}`;
    case 'gb_revoked':
      return `Сертификат «${programme}»${number} отозван${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    default: {
      const was = STATUS[str(d.was) ?? ''];
      const now = STATUS[str(d.status) ?? ''];
      const change = was && now && was !== now ? `, статус: ${was} → ${now}` : now ? `, статус: ${now}` : '';
      return `Изменён сертификат «${programme}»${number}${until}${change}${source}`;
    }
  }
}
