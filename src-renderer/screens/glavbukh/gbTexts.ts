// Russian texts of the Главбух screens: problem codes of a request check, rule fields, and the file download.
import type { GbProblem, GbProblemCode } from '../../../src-shared/glavbukh-requests';
import type { GbRuleField } from '../../../src-shared/glavbukh';
import { formatDate } from '../../../src-shared/format';
import { downloadStoredFile } from '../../api/storedFile';

export const PROBLEM_TEXT: Record<GbProblemCode, string> = {
  name_missing: 'Не указано наименование',
  inn_missing: 'Не указан ИНН',
  inn_malformed: 'ИНН должен содержать 10 или 12 цифр',
  inn_checksum: 'ИНН: контрольная сумма не сходится',
  kpp_missing: 'Не указан КПП организации',
  kpp_malformed: 'КПП указан неверно (9 знаков)',
  contact_missing: 'Нет контактного лица с нужной ролью',
  contact_no_name: 'У контактного лица не указаны ФИО',
  email_missing: 'Нет электронной почты (ни у контактного лица, ни общей)',
  phone_missing: 'Нет телефона (ни у контактного лица, ни общего)',
  distribution_missing: 'Нет действующего дистрибутива',
  already_certified: 'Уже сертифицирован',
  request_open: 'Уже есть заявка, ожидающая сертификата',
};

export function problemText(p: GbProblem): string {
  if (p.code === 'already_certified' && p.certificate) {
    const no = p.certificate.number ? ` № ${p.certificate.number}` : '';
    return `Уже сертифицирован${no}${p.certificate.validUntil ? ` до ${formatDate(p.certificate.validUntil)}` : ''}: уберите клиента из заявки`;
  }
  if (p.code === 'request_open') return `${PROBLEM_TEXT.request_open}: уберите клиента из заявки`;
  return PROBLEM_TEXT[p.code];
}

/** Problems fixed by leaving the client out rather than on the card. */
export const LEAVE_OUT: readonly GbProblemCode[] = ['already_certified', 'request_open'];

export const RULE_FIELD_TEXT: Record<GbRuleField, string> = {
  name: 'Наименование',
  inn: 'ИНН (с контрольной суммой)',
  kpp: 'КПП (для организаций)',
  contact: 'ФИО контактного лица',
  email: 'Электронная почта',
  phone: 'Телефон',
  distribution: 'Действующий дистрибутив',
};

/** Saves a request's stored file: through the desktop bridge, or GET /files/glavbukh/<id> in a browser. */
export const downloadGbRequestFile = (id: number, name: string): Promise<void> => downloadStoredFile('glavbukh', id, name, window.crm?.downloadGbRequest?.bind(window.crm));
