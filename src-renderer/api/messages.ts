// Russian texts for contract error codes and field reasons: main sends codes, the screen speaks Russian.
import type { ApiError, ApiIssue, ErrorCode } from '../../src-shared/errors';
import { requisiteMessage, type RequisiteField } from '../../src-shared/validation/requisites';
import { ApiCallError } from './transport';

const CODE_TEXT: Record<ErrorCode, string> = {
  BAD_INPUT: 'Проверьте заполнение полей',
  UNAUTHORIZED: 'Сеанс завершён: войдите заново',
  FORBIDDEN: 'Недостаточно прав для этого действия',
  NOT_FOUND: 'Запись не найдена: возможно, её удалили',
  CONFLICT: 'Данные изменились или уже существуют',
  UNKNOWN_METHOD: 'Программа и сервер разных версий: обновите программу',
  RATE_LIMITED: 'Слишком много попыток: подождите',
  INTERNAL: 'Внутренняя ошибка. Попробуйте ещё раз; если повторится — сообщите администратору',
};

const REQUISITE_FIELDS: Record<string, RequisiteField> = {
  inn: 'inn',
  kpp: 'kpp',
  ogrn: 'ogrn',
  bik: 'bik',
  account: 'account',
  corrAccount: 'corrAccount',
};

const REASON_TEXT: Record<string, string> = {
  required: 'Обязательное поле',
  too_small: 'Обязательное поле',
  too_big: 'Слишком длинное значение',
  phone: 'Телефон не распознан: например, +7 (423) 222-33-44',
  email: 'Неверный адрес электронной почты',
  date: 'Неверная дата (допустимы даты с 01.01.1990 по 31.12.2100)',
  future: 'Дата не может быть в будущем',
  past: 'Срок уже прошёл: выберите время позже',
  data_folder: 'Это папка базы данных программы: укажите другую папку',
  older_than_current: 'Уже подтверждено более поздней датой: более раннее подтверждение его не заменит',
  duplicate: 'Такое значение уже есть',
  date_taken: 'С этой даты уже действует другой контрагент',
  password_short: 'Пароль должен быть не короче 8 символов',
  wrong_password: 'Неверный текущий пароль',
  login: 'Логин: латинские буквы, цифры, точка, дефис, подчёркивание',
  employee: 'Сотрудник не найден или уволен',
  not_found: 'Значение не найдено в справочнике',
  system_code: 'Код системы: латинские буквы и цифры, например SKJP',
  last_admin: 'Нельзя лишить прав последнего администратора',
  code: 'Код: латинские строчные буквы, цифры и подчёркивание',
  mismatch: 'Запись относится к другому клиенту',
  reference: 'Ссылка на несуществующую запись',
  invalid_type: 'Неверное значение',
  invalid_value: 'Выберите значение из списка',
  regex: 'Неверное регулярное выражение',
  task_closed: 'Поручение уже закрыто: обновите карточку',
  queue_handled: 'Это письмо уже разобрано: другим сотрудником или в другом окне',
  host: 'Адрес сервера: имя вроде imap.example.ru или IP-адрес',
  date_order: 'Конец периода раньше начала',
  // Documents
  not_contract: 'Это не договор: выберите договор',
  other_client: 'Относится к другому клиенту',
  cancelled: 'Договор аннулирован',
  in_other_specification: 'Дистрибутив уже в другой действующей спецификации этого договора',
  lines_mismatch: 'Сумма не совпадает с суммой строк и НДС',
  no_counterparty: 'На эту дату у клиента нет контрагента: укажите реквизиты на вкладке «Реквизиты»',
  has_active_children: 'У договора есть действующие спецификации или соглашения: сначала аннулируйте их',
  after_return: 'Оригинал возвращён раньше этой даты',
  not_issued: 'Документ не выдан (черновик или аннулирован): возврат не отмечается',
  before_document: 'Раньше даты документа',
  before_start: 'Конец периода раньше начала',
  not_allowed: 'Для этого типа документа не заполняется',
  unknown_placeholder: 'В тексте есть подстановки, которые печать не умеет заполнить',
  vat_rate: 'Выберите ставку НДС из списка',
  vat_required: 'Счёт-фактура выставляется только с НДС: выберите «НДС в том числе» или «НДС сверху»',
  same_counterparty: 'Это тот же контрагент, что и до смены',
  // Backups
  no_scheduler: 'Сервер программы не запущен: копии по расписанию и по кнопке создаёт он',
  backup_running: 'Копия уже создаётся: дождитесь окончания',
  absolute_path: 'Укажите полный путь к папке на сервере, например /srv/backup/crm или D:\\Копии\\CRM',
  inside_store: 'Папка копий не может быть внутри папки файлов программы',
  not_writable: 'Сервер не может создать эту папку или писать в неё',
  // Print and exports over the server's budgets for one piece of work
  too_heavy: 'Слишком большой объём за один раз: сузьте период или выберите меньше документов',
  // Answer quality
  all_not_applicable: 'Оцените хотя бы одну категорию: проверка, где всё «не применимо», не имеет оценки',
  scorecard_changed: 'Критерии оценки изменились, пока вы проверяли: откройте сеанс заново',
  out_of_scale: 'Оценка вне шкалы категории',
  no_categories: 'В критериях оценки нет активных категорий: добавьте их в «Настройки → Качество ответов»',
  no_operator: 'Сеанс не сопоставлен с сотрудником: проверять некого',
  // Duplicates, merge, systems catalogue
  duplicate_client: 'Клиент с таким ИНН уже есть',
  same_client: 'Выберите другого клиента: клиента нельзя объединить с самим собой',
  merged: 'Клиент объединён с другим',
  system_number_taken: 'Этот номер уже у другой системы',
  system_code_taken: 'Система с таким кодом уже есть в справочнике',
  unknown_system: 'Такой системы нет в справочнике систем К+: выберите из списка',
  inactive_system: 'Система отмечена как неиспользуемая: выберите другую',
  system_in_use: 'Система уже указана у дистрибутивов: код не меняется и не удаляется (можно отметить её неиспользуемой)',
  task_linked: 'Поручение уже привязано к клиенту: обновите карточку',
  distribution_taken: 'Этот дистрибутив уже есть у другого клиента',
  no_kit: 'В заявке не указан комплект',
  unknown_system_number: 'Номер системы не найден в справочнике систем К+: заполните номер в «Настройки → Системы К+»',
  unknown_system_code: 'Код системы не найден в справочнике систем К+',
  unparsed: 'Комплект в заявке не распознан',
  // ЭДО through 1С
  node_code: 'Код узла: буквы, цифры, «_» и «-», как в настройке обмена в 1С',
  url: 'Адрес вида http://сервер/база/odata/standard.odata',
  guid: 'Идентификатор вида 0a1b2c3d-0000-1111-2222-333344445555',
  format_version: 'Версия формата вида 1.8',
  edo_type: 'В 1С передаются только счета, акты, УПД и счета-фактуры',
  edo_returned: 'Документ подписан по ЭДО: бумажная отметка его не заменяет. Снять отметку ЭДО можно кнопкой «Снять отметку»',
};

/** Texts for a reason at a particular field, where the general one would mislead. */
const FIELD_REASON_TEXT: Record<string, string> = {
  'number:revoked': 'Сертификат с этим номером отозван',
  'requestNumber:duplicate': 'По заявке с этим номером уже есть поручение',
  'amountKop:too_small': 'Сумма не может быть отрицательной',
  'priceKop:too_small': 'Цена не может быть отрицательной',
  'distributions:required': 'Выберите хотя бы один дистрибутив: спецификация без дистрибутивов не сохраняется',
  'parentId:required': 'Выберите договор',
  'seminarId:full': 'Мест нет: на семинар записано столько, сколько он вмещает',
  'fio:duplicate': 'Этот человек уже записан на семинар',
  'capacity:below_registered': 'Записано больше людей, чем столько мест',
  'id:attended': 'На семинаре уже отмечены пришедшие',
  'endsOn:not_after_start': 'Окончание должно быть позже начала',
  'contactId:not_of_client': 'Это контактное лицо другого клиента',
  'distributionIds:not_of_client': 'Комплект принадлежит другому клиенту',
  'specificationId:not_of_client': 'Это не спецификация этого клиента',
  'id:renewed': 'Цикл уже продлён',
  'id:lapsed': 'Цикл отмечен как не продлённый',
  'month:future': 'Этот месяц ещё не наступил',
  'usrUpdate:only_visit': 'Обновление USR отмечается только у визита СИО',
};

export function issueText(issue: ApiIssue): string {
  const last = issue.path.split('.').pop() ?? '';
  const field = REQUISITE_FIELDS[last];
  if (field && ['length', 'digits', 'checksum', 'format', 'bik'].includes(issue.reason)) {
    return requisiteMessage(field === 'ogrn' && issue.reason === 'length' ? 'ogrn' : field, { code: issue.reason });
  }
  const text = FIELD_REASON_TEXT[`${last}:${issue.reason}`] ?? REASON_TEXT[issue.reason] ?? 'Неверное значение';
  // The record the issue is about («Клиент с таким ИНН уже есть: ООО «Ромашка»»); screens that can, show it as a link.
  return issue.ref ? `${text}: ${issue.ref.name}` : text;
}

/** Field path → Russian message, for showing next to form fields. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiCallError) for (const i of err.error.issues ?? []) out[i.path] ??= issueText(i);
  return out;
}

export function errorText(err: unknown): string {
  if (!(err instanceof ApiCallError)) return CODE_TEXT.INTERNAL;
  const e: ApiError = err.error;
  if (e.code === 'RATE_LIMITED' && e.retryAfterMs) return `Слишком много неудачных попыток. Повторите через ${Math.ceil(e.retryAfterMs / 1000)} с`;
  if (e.code === 'INTERNAL' && e.detail === 'network') return 'Нет связи с сервером. Проверьте сеть';
  if (e.issues?.length) {
    const first = e.issues[0]!;
    return e.code === 'CONFLICT' || first.reason === 'too_heavy' ? issueText(first) : `${CODE_TEXT[e.code]}: ${issueText(first)}`;
  }
  return CODE_TEXT[e.code];
}
