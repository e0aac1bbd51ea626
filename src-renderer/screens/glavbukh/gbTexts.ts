// Russian texts of the Главбух screens: problem codes of a request check, rule fields, and the file download.
import type { GbProblem, GbProblemCode } from '../../../src-shared/glavbukh-requests';
import type { GbRuleField } from '../../../src-shared/glavbukh';
import { formatDate } from '../../../src-shared/format';
import { ApiCallError, getToken } from '../../api/transport';

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

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a request's stored file: through the desktop bridge, or GET /files/glavbukh/<id> in a browser. */
export async function downloadGbRequestFile(id: number, name: string): Promise<void> {
  const token = getToken();
  if (window.crm?.downloadGbRequest) {
    const r = await window.crm.downloadGbRequest(id, token);
    if (!r.ok) throw new ApiCallError(r.error);
    save(new Blob([r.data.bytes as Uint8Array<ArrayBuffer>]), r.data.name);
    return;
  }
  const res = await fetch(`files/glavbukh/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiCallError({ code: res.status === 404 ? 'NOT_FOUND' : res.status === 403 ? 'FORBIDDEN' : res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL' });
  save(await res.blob(), name);
}
