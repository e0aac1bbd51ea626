// THE one table from 1С ЭДО states (`Состояние` of РегистрСведений.СостоянияДокументовЭДО) to ours, and the rules around it.

/** Our ЭДО timeline: handed to 1С, accepted by 1С (it has a number), sent, delivered, signed, rejected, annulled. */
export type EdoState = 'handed' | 'accepted' | 'sent' | 'delivered' | 'signed' | 'rejected' | 'annulled' | 'unknown';

/**
 * 1С value → our state. The full enumeration (Перечисление.СостоянияДокументовЭДО of the БЭД library) is not
 * public; what is confirmed where:
 * - `ОбменЗавершен`, `ОжидаетсяПодтверждение`: read from a real БП 3.0 in a public Laravel integration
 *   (docs «Sync статусов ЭДО из 1С», OneCEdoStatusSyncService), where both count as «sent».
 * - `ОжидаетсяПодтверждениеОператора`: in the same integration's list of «sent» states.
 * - `ТребуетсяПодписание`: the same integration's stand-in for a document not sent yet.
 * - `ОжидаетсяОтправка`, `ОжидаетсяИзвещение`, `ОтклоненПолучателем`, `Аннулирован`: DOMAIN.md and the 1С peer; the
 *   1С ЭДО handbook (its.1c.ru edohandbook/46) describes the same steps (sent → notice of receipt → the
 *   recipient's signature or rejection; annulment).
 * - The rest are 1С's names as users report them, unconfirmed in public code: kept because mapping them is
 *   harmless — a wrong guess shows a state one step off, never marks a document returned (only `signed` does,
 *   and it needs a signing date or `ОбменЗавершен`).
 * Anything else is `unknown`, shown and logged as 1С wrote it.
 */
export const ONEC_EDO_STATES: Readonly<Record<string, EdoState>> = Object.freeze({
  // 1С has the document but has not sent it.
  НеСформирован: 'accepted',
  ТребуетсяУтверждение: 'accepted',
  ТребуетсяПодписание: 'accepted',
  ОжидаетсяПодписание: 'accepted',
  ТребуетсяОтправка: 'accepted',
  ОжидаетсяОтправка: 'accepted',
  // Sent to the operator / the recipient, no receipt yet.
  ОжидаетсяПодтверждениеОператора: 'sent',
  ОжидаетсяИзвещение: 'sent',
  // The recipient has it and the sender waits for its signature (the step after the notice of receipt).
  ОжидаетсяПодтверждение: 'delivered',
  ОжидаетсяАннулирование: 'delivered',
  ОжидаетсяИсправление: 'delivered',
  // The regulation is complete: for documents with a response title this is the recipient's signature.
  ОбменЗавершен: 'signed',
  ОтклоненПолучателем: 'rejected',
  Отклонен: 'rejected',
  Аннулирован: 'annulled',
});

export interface EdoRaw {
  /** `Состояние` as 1С wrote it ('' when there is no register row). */
  state1c: string;
  /** `ДатаПодписания` of the outgoing ЭДО document; null / '' / `0001-01-01…` = not signed. */
  signedAt?: string | null;
  /** `ДатаИзменения` of the state row, the fallback signing date for `ОбменЗавершен` without ДатаПодписания. */
  changedAt?: string | null;
}

export interface EdoVerdict {
  state: EdoState;
  /** 1С's string, always kept (the screen shows it for `unknown`, the log for all). */
  raw: string;
  /** `YYYY-MM-DD` the document counts as returned on, only for `signed`. */
  signedOn: string | null;
  /** False for a 1С state missing from the table. */
  known: boolean;
}

function day(v: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(v ?? '');
  return m && !m[1]!.startsWith('0001-') ? m[1]! : null;
}

/**
 * Our state for what 1С reports. Precedence: annulled and rejected win (an annulment after signing makes the
 * document awaited again; a rejection is a refusal to sign); otherwise a signing date means signed whatever the
 * state string says (also for a state we do not know); otherwise the table; otherwise `unknown` with the raw string.
 */
export function edoStateOf(raw: EdoRaw): EdoVerdict {
  const text = raw.state1c.trim();
  const mapped = Object.prototype.hasOwnProperty.call(ONEC_EDO_STATES, text) ? ONEC_EDO_STATES[text] : undefined;
  const known = mapped !== undefined;
  if (mapped === 'annulled' || mapped === 'rejected') return { state: mapped, raw: text, signedOn: null, known };
  const signedOn = day(raw.signedAt);
  if (signedOn) return { state: 'signed', raw: text, signedOn, known };
  if (mapped === 'signed') {
    const fallback = day(raw.changedAt);
    // Completed without any date we can use: say signed only when a date exists, else keep it delivered.
    return fallback ? { state: 'signed', raw: text, signedOn: fallback, known } : { state: 'delivered', raw: text, signedOn: null, known };
  }
  if (mapped) return { state: mapped, raw: text, signedOn: null, known };
  return { state: 'unknown', raw: text, signedOn: null, known: false };
}
