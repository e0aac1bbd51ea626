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

/** The exchange's error codes (main writes `code` or `code: 1С's message`). */
const ERROR_CODES: Record<string, string> = {
  no_our_requisites: 'Не заполнены реквизиты нашей организации',
  status: 'Документ не выдан (черновик или аннулирован)',
  type: 'Этот тип документа в 1С не передаётся',
  no_counterparty: 'У клиента нет контрагента на дату документа',
  no_inn: 'У контрагента клиента не указан ИНН',
  auth: '1С не приняла логин или пароль',
  not_found: 'В 1С не найден объект',
  bad_request: '1С отказалась принять данные',
  server: 'Ошибка на стороне 1С',
  network: 'Нет связи с 1С',
  timeout: '1С не ответила вовремя',
  bad_response: '1С ответила не по формату',
  error: 'Ошибка',
  incoming: 'Входящее сообщение 1С отклонено',
};

/** An exchange error in Russian, with 1С's own words (or the technical detail) kept after it. */
export function edoErrorText(raw: string | null): string {
  if (!raw) return '';
  const m = /^([a-z_]+)(?::\s*([\s\S]*))?$/.exec(raw);
  const known = m ? ERROR_CODES[m[1]!] : undefined;
  if (!known) return raw;
  return m![2] ? `${known}: ${m![2]}` : known;
}

/** A timeline entry's detail in Russian: signing dates, message numbers, retries; 1С's own words as they are. */
export function edoDetailText(detail: string | null, formatDate: (iso: string) => string): string {
  if (!detail) return '';
  let m: RegExpExecArray | null;
  if ((m = /^signed (\d{4}-\d{2}-\d{2})$/.exec(detail))) return `подписан ${formatDate(m[1]!)}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(detail)) return formatDate(detail);
  if ((m = /^message (\d+)$/.exec(detail))) return `сообщение обмена № ${m[1]}`;
  if (detail === 'retry') return 'повтор по кнопке';
  if ((m = /^transport: (folder|odata)$/.exec(detail))) return `способ обмена сменили (был ${m[1] === 'folder' ? 'обмен через каталог' : 'OData'}): 1С не подтвердила получение, документ передаётся заново`;
  if (detail === 'annulled') return 'аннулирован в 1С';
  if ((m = /^already returned (\d{4}-\d{2}-\d{2}) \((paper|edo)\)$/.exec(detail)))
    return `уже отмечен возврат ${formatDate(m[1]!)} (${m[2] === 'edo' ? 'ЭДО' : 'оригинал'}): отметка не изменена`;
  if ((m = /^document is (\w+)$/.exec(detail))) return `документ ${m[1] === 'draft' ? 'не выдан' : m[1] === 'cancelled' ? 'аннулирован' : m[1]}: возврат не отмечен`;
  return edoErrorText(detail);
}

/** The register's compact ЭДО mark: a small coloured «ЭДО» with the state in its tooltip. */
export function EdoMark({ state }: { state: EdoDocState }) {
  return (
    <Tooltip label={`ЭДО: ${EDO_STATE_LABELS[state]}`}>
      <Badge size="xs" variant="dot" color={STATE_COLOR[state]} tt="none" ml={4} data-testid="edo-mark" data-state={state} aria-label={`ЭДО: ${EDO_STATE_LABELS[state]}`}>
        ЭДО
      </Badge>
    </Tooltip>
  );
}
