// A counterparty's requisites as forms hold them: the field list, checks as you type and the mapping to the contract's shape.
import { accountError, bikError, innError, kppError, ogrnError, required } from '../../screens/clients/card/validators';

export const CP_FIELDS = [
  'fullName',
  'shortName',
  'inn',
  'kpp',
  'ogrn',
  'legalAddress',
  'bankName',
  'bik',
  'corrAccount',
  'account',
  'directorName',
  'directorPosition',
  'signerName',
  'signerBasis',
] as const;
export type CpField = (typeof CP_FIELDS)[number];

/** Reads one requisite from whatever shape the form keeps them in (flat `inn` or prefixed `cp_inn`). */
export type CpGet = (field: CpField) => string;

/**
 * Messages for the requisites, keyed `${prefix}${field}` so a form can keep them under its own names.
 * Accounts are only checked once the БИК is valid: they are checked together with it.
 */
export function counterpartyErrors(get: CpGet, prefix = ''): Record<string, string | null> {
  const bik = get('bik');
  const bikBad = bikError(bik);
  return {
    [`${prefix}fullName`]: required(get('fullName')),
    [`${prefix}inn`]: innError(get('inn'), true),
    [`${prefix}kpp`]: kppError(get('kpp')),
    [`${prefix}ogrn`]: ogrnError(get('ogrn')),
    [`${prefix}bik`]: bikBad ?? (!bik.trim() && (get('account').trim() || get('corrAccount').trim()) ? 'Укажите БИК банка: счета проверяются вместе с ним' : null),
    [`${prefix}corrAccount`]: bikBad ? null : accountError('corrAccount', get('corrAccount'), bik),
    [`${prefix}account`]: bikBad ? null : accountError('account', get('account'), bik),
  };
}

const text = (s: string) => s.trim() || null;

/** The requisites as the contract takes them: name and ИНН trimmed, the rest trimmed or null when empty. */
export function counterpartyInput(get: CpGet): { fullName: string; inn: string } & Partial<Record<CpField, string | null>> {
  return {
    fullName: get('fullName').trim(),
    inn: get('inn').trim(),
    ...Object.fromEntries(CP_FIELDS.filter((f) => f !== 'fullName' && f !== 'inn').map((f) => [f, text(get(f))])),
  };
}
