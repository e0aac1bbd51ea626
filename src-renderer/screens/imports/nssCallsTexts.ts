// Russian words of a ГЛ call list's review: mapped fields, row states, problems, the duration's reading.
import type { NssCallField, NssCallMatchBy, NssCallRowState, NssCallsReview } from '../../../src-shared/nss-calls';

export const CALL_FIELD_TEXT: Record<NssCallField, string> = {
  date: 'Дата',
  time: 'Время',
  datetime: 'Дата и время',
  phone: 'Телефон',
  kit: 'Дистрибутив',
  employee: 'Оператор',
  duration: 'Длительность',
};

export const CALL_STATE_TEXT: Record<NssCallRowState, { label: string; color: string }> = {
  matched: { label: 'Найден', color: 'green' },
  ambiguous: { label: 'Неоднозначно', color: 'orange' },
  unmatched: { label: 'Не найден', color: 'red' },
  duplicate: { label: 'Уже есть', color: 'gray' },
  invalid: { label: 'Ошибка', color: 'red' },
};

export const CALL_MATCH_BY_TEXT: Record<NssCallMatchBy, string> = {
  kit: 'по дистрибутиву',
  phone: 'по телефону',
  hand: 'вручную',
};

const PROBLEM_TEXT: Record<string, string> = {
  date_missing: 'нет даты',
  date_invalid: 'дата не распознана',
  time_invalid: 'время не распознано',
  duration_invalid: 'длительность не распознана',
};
export const callProblemText = (code: string | null) => (code ? (PROBLEM_TEXT[code] ?? 'ошибка в строке') : '');

export const CALL_MAPPING_ERROR_TEXT: Record<string, string> = {
  date_missing: 'Укажите столбец с датой (или с датой и временем)',
  client_key_missing: 'Укажите столбец, по которому искать клиента: телефон или дистрибутив',
  column_out_of_range: 'Выбран столбец, которого нет в этом списке',
};

export const DURATION_UNIT_TEXT: Record<NonNullable<NssCallsReview['durationUnit']>, string> = {
  seconds: 'в секундах',
  minutes: 'в минутах',
  clock: 'как мм:сс или чч:мм:сс',
};

/** 90 → «1:30», 3723 → «1:02:03». */
export function durationText(sec: number | null): string {
  if (sec == null) return '—';
  const h = Math.floor(sec / 3600);
  const m = Math.floor(sec / 60) % 60;
  const s = String(sec % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
