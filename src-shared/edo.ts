// ЭДО through 1С: the states of a document handed to 1С, their Russian names, and the output types of the ЭДО API.

/**
 * Our ЭДО states: `queued` (waiting for the next exchange), `handed` (written to 1С, not acknowledged yet),
 * `accepted` (1С has it, with its number), then what 1С's ЭДО reports; `unknown` is a 1С state we have no mapping
 * for (shown as 1С wrote it); `failed` is a send that 1С refused or that keeps failing (retried with backoff).
 */
export const EDO_STATES = ['queued', 'handed', 'accepted', 'sent', 'delivered', 'signed', 'rejected', 'annulled', 'unknown', 'failed'] as const;
export type EdoDocState = (typeof EDO_STATES)[number];

export const EDO_STATE_LABELS: Record<EdoDocState, string> = {
  queued: 'В очереди в 1С',
  handed: 'Передан в 1С',
  accepted: 'Принят 1С',
  sent: 'Отправлен клиенту',
  delivered: 'Доставлен',
  signed: 'Подписан',
  rejected: 'Отклонён',
  annulled: 'Аннулирован',
  unknown: 'Состояние 1С',
  failed: 'Ошибка передачи',
};

/** Timeline entries besides the states. */
export const EDO_EVENT_KINDS = [...EDO_STATES, 'queued_again', 'return_marked', 'return_taken_back', 'error'] as const;
export type EdoEventKind = (typeof EDO_EVENT_KINDS)[number];

export const EDO_EVENT_LABELS: Record<EdoEventKind, string> = {
  ...EDO_STATE_LABELS,
  queued_again: 'Изменён — будет передан снова',
  return_marked: 'Возврат отмечен (ЭДО)',
  return_taken_back: 'Отметка возврата по ЭДО снята',
  error: 'Ошибка',
};

/** The queue screen's groups: what waits to go, what 1С has not acknowledged, what 1С has, what fails. */
export const EDO_QUEUE_GROUPS = ['pending', 'sent', 'acknowledged', 'failing'] as const;
export type EdoQueueGroup = (typeof EDO_QUEUE_GROUPS)[number];

/** Which group a state falls in (a changed document waiting to be sent again is `pending` whatever its state). */
export const EDO_GROUP_OF: Record<EdoDocState, EdoQueueGroup> = {
  queued: 'pending',
  handed: 'sent',
  accepted: 'acknowledged',
  sent: 'acknowledged',
  delivered: 'acknowledged',
  signed: 'acknowledged',
  rejected: 'acknowledged',
  annulled: 'acknowledged',
  unknown: 'acknowledged',
  failed: 'failing',
};

/** Document types that can go to 1С (contracts and specifications stay paper). */
export const EDO_DOCUMENT_TYPES = ['invoice', 'act', 'upd', 'invoice_factura'] as const;

export const ONEC_TRANSPORTS = ['folder', 'odata'] as const;
export type OnecTransport = (typeof ONEC_TRANSPORTS)[number];

export interface OnecConnectionRow {
  id: number;
  name: string;
  sendVia: OnecTransport;
  enabled: boolean;
  folder: string | null;
  ourCode: string | null;
  peerCode: string | null;
  zip: boolean;
  formatVersion: string;
  odataUrl: string | null;
  odataUser: string | null;
  /** Whether a password is stored (it is never sent to screens). */
  hasPassword: boolean;
  organizationRef: string | null;
  intervalSec: number;
  resendSec: number;
}

/** The health panel of a connection, like the mailboxes'. */
export interface OnecHealth {
  connectionId: number;
  name: string;
  enabled: boolean;
  sendVia: OnecTransport;
  /** Whether signing states are read (OData configured); otherwise signing is marked by hand. */
  readsStates: boolean;
  lastRoundAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  sentNo: number;
  receivedNo: number;
  ackedNo: number;
  refused: number;
  /** Documents per queue group. */
  counts: Record<EdoQueueGroup, number>;
  /** Age in ms of the oldest document waiting to go or to be acknowledged (0 when none). */
  lagMs: number;
}

export interface EdoQueueRow {
  documentId: number;
  type: string;
  number: string;
  date: string;
  clientId: number;
  clientName: string;
  connectionId: number;
  state: EdoDocState;
  /** 1С's raw state (shown for `unknown`). */
  stateRaw: string | null;
  group: EdoQueueGroup;
  /** The document changed after it went and will be sent again. */
  changed: boolean;
  onecNumber: string | null;
  signedOn: string | null;
  reason: string | null;
  error: string | null;
  attempts: number;
  queuedAt: string;
  updatedAt: string;
}

export interface EdoEventRow {
  id: number;
  at: string;
  kind: EdoEventKind;
  raw: string | null;
  detail: string | null;
  employee: string | null;
}

export interface EdoDocumentInfo {
  row: EdoQueueRow | null;
  events: EdoEventRow[];
  /** Whether the client's documents go through ЭДО. */
  clientEdo: ClientEdoSetting | null;
}

export interface ClientEdoSetting {
  enabled: boolean;
  operator: string | null;
  edoId: string | null;
  updatedAt: string;
}
