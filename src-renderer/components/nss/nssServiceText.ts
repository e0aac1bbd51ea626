// Russian wording of НСС cycles and seminars: view states with their colours, seminar formats and the cycle timeline events.
import { formatDate } from '../../../src-shared/format';
import type { NssCycleView, NssSeminarFormat } from '../../../src-shared/nss';
import { NSS_CYCLE_EVENT_KINDS } from '../../../src-shared/nss-service';

export const CYCLE_VIEW_TEXT: Record<NssCycleView, string> = {
  ahead: 'Впереди',
  due: 'Пора продлевать',
  overdue: 'Просрочен',
  renewed: 'Продлён',
  lapsed: 'Не продлён',
};
/** One colour per state across the app: overdue red, due soon amber, done green, neutral grey. */
export const CYCLE_VIEW_COLOR: Record<NssCycleView, string> = { ahead: 'blue', due: 'yellow', overdue: 'red', renewed: 'green', lapsed: 'gray' };

export const SEMINAR_FORMAT_TEXT: Record<NssSeminarFormat, string> = { online: 'Онлайн', offline: 'Очно' };

export const NSS_CYCLE_EVENT_TITLE = 'Цикл НСС';
export const isNssCycleEvent = (kind: string) => (NSS_CYCLE_EVENT_KINDS as readonly string[]).includes(kind);

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const period = (d: Record<string, unknown>) => `${formatDate(str(d.startsOn)) || '?'} – ${formatDate(str(d.endsOn)) || '?'}`;

/** The sentence for a cycle event, or null for another kind. */
export function nssCycleEventText(kind: string, data: Record<string, unknown> | null | undefined): string | null {
  if (!isNssCycleEvent(kind)) return null;
  const d = data ?? {};
  switch (kind) {
    case 'nss_cycle_created': {
      const kits = Array.isArray(d.kits) && d.kits.length ? `, комплекты: ${d.kits.filter((k) => typeof k === 'string').join(', ')}` : '';
      return `Новый цикл НСС ${period(d)}${kits}`;
    }
    case 'nss_cycle_renewed':
      return `Цикл НСС продлён${d.late ? ' с опозданием' : ''}: следующий цикл ${period(d)}`;
    default:
      return `Цикл НСС ${period(d)} не продлён${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
  }
}
