// Russian words of a certified list's review: mapped fields, row states, problems.
import type { GbListField, GbRowState, GbMatchBy } from '../../../src-shared/glavbukh';

export const FIELD_TEXT: Record<GbListField, string> = {
  number: 'Номер сертификата',
  inn: 'ИНН',
  kpp: 'КПП',
  name: 'Наименование',
  distr: 'Дистрибутив',
  issued_on: 'Дата выдачи',
  valid_until: 'Действителен до',
  status: 'Статус',
  contact: 'ФИО',
  programme: 'Программа',
};

export const ROW_STATE_TEXT: Record<GbRowState, { label: string; color: string }> = {
  matched: { label: 'Найден', color: 'green' },
  same: { label: 'Уже в базе', color: 'gray' },
  ambiguous: { label: 'Неоднозначно', color: 'orange' },
  unmatched: { label: 'Не найден', color: 'red' },
  duplicate: { label: 'Номер занят', color: 'red' },
  invalid: { label: 'Ошибка', color: 'red' },
};

export const MATCH_BY_TEXT: Record<GbMatchBy, string> = {
  inn_kpp: 'по ИНН и КПП',
  inn: 'по ИНН',
  distr: 'по дистрибутиву',
  name: 'по наименованию',
  hand: 'вручную',
};

export const ROW_PROBLEM_TEXT: Record<string, string> = {
  number_missing: 'нет номера сертификата',
  date_invalid: 'дата не распознана',
  status_unknown: 'статус не распознан',
  programme_unknown: 'такой программы нет в настройках',
};

export const MAPPING_ERROR_TEXT: Record<string, string> = {
  number_missing: 'Укажите столбец с номером сертификата',
  key_missing: 'Укажите хотя бы один столбец, по которому искать клиента: ИНН, дистрибутив или наименование',
  column_out_of_range: 'Выбран столбец, которого нет в этом списке',
};

export const rowProblemText = (code: string | null) => (code ? (ROW_PROBLEM_TEXT[code] ?? code) : '');
