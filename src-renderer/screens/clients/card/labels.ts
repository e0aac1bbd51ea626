// Russian names of the card's codes (client statuses live in StatusBadges): contact roles, network types, distribution states, schemes.
import type { ContactRole, Scheme } from '../../../../src-shared/api/common';
import { CONTACT_ROLES, NETWORK_TYPES, DISTR_STATES, SCHEMES } from '../../../../src-shared/api/common';

export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
  director: 'Руководитель',
  chief_accountant: 'Главный бухгалтер',
  lpr: 'ЛПР',
  key_user: 'Ключевой пользователь',
  accountant: 'Бухгалтер',
  lawyer: 'Юрист',
  it: 'ИТ-специалист',
};

export const NETWORK_TYPE_LABELS: Record<(typeof NETWORK_TYPES)[number], string> = {
  local: 'Локальная',
  network: 'Сетевая',
  flash: 'Флэш',
  online: 'Онлайн',
  internet: 'Интернет-версия',
};

export const DISTR_STATE_LABELS: Record<(typeof DISTR_STATES)[number], string> = {
  active: 'Сопровождается',
  suspended: 'Приостановлен',
  closed: 'Снят',
};

export const SCHEME_LABELS: Record<Scheme, string> = {
  nss: 'НСС',
  standard: 'Стандартная',
};

/** `{value, label}` lists for Select and MultiSelect. */
export const options = <K extends string>(codes: readonly K[], labels: Record<K, string>) => codes.map((value) => ({ value, label: labels[value] }));
export const CONTACT_ROLE_OPTIONS = options(CONTACT_ROLES, CONTACT_ROLE_LABELS);
export const NETWORK_TYPE_OPTIONS = options(NETWORK_TYPES, NETWORK_TYPE_LABELS);
export const DISTR_STATE_OPTIONS = options(DISTR_STATES, DISTR_STATE_LABELS);
export const SCHEME_OPTIONS = options(SCHEMES, SCHEME_LABELS);

/** Label of a code that may come from a newer server than this screen knows. */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return labels[code] ?? code;
}
