// Shared pieces of the ЭДО screens: the state badge (one colour per state), the lag text and the transport names.
import { Badge, Tooltip } from '@mantine/core';
import { EDO_STATE_LABELS, type EdoDocState, type EdoQueueGroup, type OnecTransport } from '../../../src-shared/edo';
import { formatMinutes } from '../tasks/taskFormat';

export const TRANSPORT_LABELS: Record<OnecTransport, string> = {
  folder: 'Папка обмена (EnterpriseData)',
  odata: 'OData',
};

export const GROUP_LABELS: Record<EdoQueueGroup, string> = {
  pending: 'В очереди',
  sent: 'Передано',
  acknowledged: 'Принято 1С',
  failing: 'Ошибки',
};

const STATE_COLOR: Record<EdoDocState, string> = {
  queued: 'gray',
  handed: 'indigo',
  accepted: 'blue',
  sent: 'blue',
  delivered: 'cyan',
  signed: 'green',
  rejected: 'red',
  annulled: 'orange',
  unknown: 'yellow',
  failed: 'red',
};

/** The state in Russian; for a 1С state we have no mapping for, 1С's own words. */
export function edoStateText(state: EdoDocState, raw: string | null): string {
  return state === 'unknown' && raw ? `${EDO_STATE_LABELS.unknown}: ${raw}` : EDO_STATE_LABELS[state];
}

export function EdoStateBadge({ state, raw, changed }: { state: EdoDocState; raw: string | null; changed?: boolean }) {
  const badge = (
    <Badge size="sm" variant="light" color={STATE_COLOR[state]} tt="none" data-testid="edo-state" data-state={state}>
      {edoStateText(state, raw)}
      {changed ? ' · изменён' : ''}
    </Badge>
  );
  return changed ? <Tooltip label="Документ изменён после передачи: будет передан в 1С снова">{badge}</Tooltip> : badge;
}

export function lagText(ms: number): string {
  if (ms <= 0) return '—';
  if (ms < 60_000) return `${Math.round(ms / 1000)} с`;
  return formatMinutes(ms / 60_000);
}
