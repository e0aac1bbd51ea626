// Russian words for import statuses, file kinds and per-record problem codes (formats add their codes here).
import type { ImportProblem } from '../../../src-shared/imports';

export const STATUS_TEXT: Record<string, { label: string; color: string }> = {
  pending: { label: 'В очереди', color: 'gray' },
  applied: { label: 'Загружен', color: 'green' },
  opened: { label: 'Архив открыт', color: 'green' },
  staged: { label: 'Ждёт проверки', color: 'blue' },
  duplicate: { label: 'Уже загружен', color: 'gray' },
  discarded: { label: 'Отложен', color: 'gray' },
  unknown_format: { label: 'Неизвестный формат', color: 'red' },
  malformed: { label: 'Файл повреждён', color: 'red' },
  too_large: { label: 'Слишком большой', color: 'red' },
  timeout: { label: 'Не успел разобраться', color: 'orange' },
  failed: { label: 'Ошибка', color: 'red' },
  too_old: { label: 'Устаревший формат', color: 'red' },
  stored: { label: 'Сохранён', color: 'green' },
  unknown_kit: { label: 'Комплект не найден', color: 'orange' },
  not_usr: { label: 'Не USR-файл', color: 'red' },
  xls_unsupported: { label: 'Старый формат Excel', color: 'red' },
  not_spreadsheet: { label: 'Не таблица', color: 'red' },
  empty: { label: 'Пустой файл', color: 'red' },
};

export const statusOf = (s: string) => STATUS_TEXT[s] ?? { label: s, color: 'gray' };

export const KIND_TEXT: Record<string, string> = {
  zip: 'ZIP-архив',
  'chat.sessions': 'Сессии Онлайн-диалога',
  'chat.questions': 'Вопросы «Задать вопрос»',
  'usr.file': 'USR-файл',
  'glavbukh.list': 'Список сертифицированных (Главбух)',
  'nss.calls': 'Звонки горячей линии (НСС)',
};

export const kindText = (k: string | null) => (k ? (KIND_TEXT[k] ?? k) : '—');

export const PROBLEM_TEXT: Record<string, string> = {
  parse_error: 'не удалось разобрать',
  not_stored: 'файл не найден в хранилище',
  apply_error: 'ошибка записи: ничего из файла не записано',
  internal: 'внутренняя ошибка',
  zip_too_deep: 'архив в архиве в архиве',
  zip_budget: 'архивы этой загрузки вместе слишком велики',
  interrupted: 'обработка прервана остановкой программы: загрузите файл ещё раз',
  hidden_entry: 'служебный файл архива пропущен',
  already_staged: 'этот файл уже ждёт проверки',
  malformed: 'файл повреждён',
  too_large: 'слишком большой',
  unknown_system_number: 'неизвестный номер системы',
  unknown_kit: 'комплект не найден в базе',
  finish_before_start: 'окончание раньше начала',
  empty_kit: 'не указан комплект',
  bad_kit: 'комплект не распознан',
  missing_start: 'не указано начало сессии',
  bad_date: 'неверная дата',
  duplicate_record: 'повтор записи',
  no_text: 'нет текста',
  no_kit: 'не указан комплект',
  text_truncated: 'текст вопроса слишком длинный, сохранено начало',
  fio_truncated: 'ФИО слишком длинное, сохранено начало',
  email_truncated: 'адрес эл. почты слишком длинный, сохранено начало',
  phone_truncated: 'телефон слишком длинный, сохранено начало',
  too_old: 'устаревший формат файла, номер формата',
  not_usr: 'это не USR-файл',
  system_number_mismatch: 'номер системы в файле не совпадает со справочником систем К+',
  bank_without_kit: 'информационный банк не относится ни к одному комплекту файла',
  xls_unsupported: 'файл в старом формате Excel (.xls): сохраните его как .xlsx',
  not_spreadsheet: 'это не таблица XLSX или CSV',
  empty: 'в таблице нет строк',
  left_out: 'строка не загружена по решению проверявшего',
};

/** Details that are codes (why a file was refused), in words; any other detail (a kit, a value) is shown as it is. */
export const DETAIL_TEXT: Record<string, string> = {
  not_xml: 'не XML',
  root: 'корневой элемент не user_info',
  no_root: 'нет корневого элемента',
  doctype: 'объявление DTD не допускается',
  too_deep: 'слишком глубокая вложенность',
  no_kit: 'в файле нет ни одного комплекта',
  encoding: 'неизвестная кодировка',
  xml: 'ошибка разметки XML',
};

export function problemText(p: ImportProblem): string {
  const where = p.record != null ? `Запись ${p.record}: ` : '';
  const detail = p.detail ? (DETAIL_TEXT[p.detail] ?? p.detail) : null;
  return `${where}${PROBLEM_TEXT[p.code] ?? p.code}${detail ? ` (${detail})` : ''}`;
}

export const SOURCE_TEXT: Record<string, string> = { upload: 'Загрузка', folder: 'Папка', cli: 'Командная строка' };
