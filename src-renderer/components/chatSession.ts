// Russian wording of chat sessions shared by the chat screen and the client card: the kit, the duration, problem flags.
import { formatDistr } from '../../src-shared/distr';
import { plural } from '../../src-shared/format';

/** The kit in the base's form (`SKJP_000123_02`) when the catalogue knows the system, else the КЦ's (`99_000123_02`). */
export function chatKitText(k: { systemCode: string | null; systemNumber: number; distrNumber: number; comp: number }): string {
  if (k.systemCode) return formatDistr({ system: k.systemCode, number: k.distrNumber, comp: k.comp });
  const base = `${k.systemNumber}_${String(k.distrNumber).padStart(6, '0')}`;
  return k.comp === 1 ? base : `${base}_${String(k.comp).padStart(2, '0')}`;
}

/** «12 мин 35 с», «1 ч 05 мин»; empty when the session has no finish. */
export function durationText(sec: number | null | undefined): string {
  if (sec == null) return '';
  if (sec < 60) return `${sec} с`;
  const m = Math.floor(sec / 60);
  if (m < 60) return `${m} мин ${String(sec % 60).padStart(2, '0')} с`;
  return `${Math.floor(m / 60)} ч ${String(m % 60).padStart(2, '0')} мин`;
}

export const CHAT_FLAG_TEXT: Record<string, string> = {
  unknown_system_number: 'Номер системы не найден в справочнике систем К+',
};

/** «3 сессии» */
export function sessionsText(n: number): string {
  return `${n} ${plural(n, 'сессия', 'сессии', 'сессий')}`;
}
