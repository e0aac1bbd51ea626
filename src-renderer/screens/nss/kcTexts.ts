// Russian texts of the monthly НСС report to the КЦ: problem codes, figure names, month labels, the file download.
import type { NssKcFigure } from '../../../src-shared/nss';
import { downloadStoredFile } from '../../api/storedFile';

export const KC_PROBLEM_TEXT: Record<string, string> = {
  no_inn: 'Не указан ИНН',
  bad_inn: 'ИНН указан неверно (контрольная сумма или число цифр)',
  no_kpp: 'Не указан КПП организации',
  bad_kpp: 'КПП указан неверно (9 знаков)',
  no_kits: 'Нет комплектов НСС на последний день месяца',
  kits_not_nss: 'Число комплектов НСС не сходится со схемами на последний день месяца',
  no_sio: 'Не назначен СИО',
  totals: 'Итоги файла не сходятся с суммой строк',
};

export const KC_FIGURE_TEXT: Record<NssKcFigure | string, string> = {
  nssKits: 'Комплектов НСС',
  contacts: 'Контактов',
  glCalls: 'Обращений на ГЛ',
  lk: 'Письменных консультаций',
  chats: 'Онлайн-диалогов',
  seminars: 'Семинаров',
  sioVisits: 'Визитов СИО',
  pmContacts: 'Контактов ПМ',
};

const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

/** «Октябрь 2026» for 2026-10. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1] ?? ''} ${y}`;
}

/** The last `n` months up to the current one, newest first (YYYY-MM). */
export function recentMonths(n: number, now = new Date()): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** «2026-10-31» as «31.10.2026»; '' stays ''. */
export const day = (iso: string) => (iso ? iso.split('-').reverse().join('.') : '');

/** Saves a report's kept file: through the desktop bridge, or GET /files/nss-kc/<id> in a browser. */
export const downloadNssKcFile = (id: number, name: string): Promise<void> => downloadStoredFile('nss-kc', id, name, window.crm?.downloadNssKc?.bind(window.crm));
