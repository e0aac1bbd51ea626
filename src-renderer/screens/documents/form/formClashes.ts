// How the document form names its fields and shows their values when an edit clashes with a newer saved version.
import { formatDate } from '../../../../src-shared/format';
import { DOCUMENT_STATUS_LABELS } from '../DocBadges';
import type { FormContext } from './DocumentForm';
import type { FormValues } from './formModel';

const LABELS: Record<string, string> = {
  date: 'Дата документа',
  form: 'Форма договора',
  parentId: 'Договор',
  amount: 'Сумма',
  vatMode: 'НДС',
  vatRate: 'Ставка НДС',
  subject: 'Предмет / услуга',
  periodFrom: 'Период с',
  periodTo: 'Период по',
  signerCode: 'Подписывает от РИЦ',
  sioId: 'СИО',
  comment: 'Комментарий',
  status: 'Статус',
  dists: 'Дистрибутивы',
  lines: 'Строки',
  agreementKind: 'Вид соглашения',
  changeFrom: 'Новый контрагент действует с',
  cp_fullName: 'Полное наименование',
  cp_shortName: 'Краткое наименование',
  cp_inn: 'ИНН',
  cp_kpp: 'КПП',
  cp_ogrn: 'ОГРН / ОГРНИП',
  cp_legalAddress: 'Юридический адрес',
  cp_bankName: 'Банк',
  cp_bik: 'БИК',
  cp_corrAccount: 'Корреспондентский счёт',
  cp_account: 'Расчётный счёт',
  cp_directorName: 'Руководитель (ФИО)',
  cp_directorPosition: 'Должность руководителя',
  cp_signerName: 'Подписант (ФИО)',
  cp_signerBasis: 'Подписант действует на основании',
};

export function clashLabel(key: keyof FormValues): string {
  return LABELS[key] ?? key;
}

export function clashValue(key: keyof FormValues, value: unknown, ctx: FormContext, employees: { id: number; fullName: string }[]): string {
  if (value == null || value === '') return '';
  if (key === 'date' || key === 'periodFrom' || key === 'periodTo' || key === 'changeFrom') return formatDate(String(value));
  if (key === 'status') return DOCUMENT_STATUS_LABELS[value as FormValues['status']] ?? String(value);
  if (key === 'sioId') return employees.find((e) => String(e.id) === value)?.fullName ?? String(value);
  if (key === 'parentId') return ctx.contracts.find((c) => String(c.id) === value)?.number ?? String(value);
  if (key === 'signerCode') return ctx.signers.find((s) => s.code === value)?.name ?? String(value);
  if (key === 'dists') return `${Object.keys(value as object).length} шт.`;
  if (key === 'lines') return (value as FormValues['lines']).map((l) => `${l.name} × ${l.qty}`).join('; ');
  return String(value);
}
