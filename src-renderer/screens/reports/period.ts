// Report periods: ISO dates of this workstation's calendar and the quick choices (this month, last month, …).

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export interface Period {
  from: string;
  to: string;
}

export type PresetKey = 'today' | 'week' | 'month' | 'lastMonth' | 'days30' | 'quarter';

export const PRESET_LABELS: Record<PresetKey, string> = {
  today: 'Сегодня',
  week: 'Эта неделя',
  month: 'Этот месяц',
  lastMonth: 'Прошлый месяц',
  days30: '30 дней',
  quarter: 'Квартал',
};

export function preset(key: PresetKey, now = new Date()): Period {
  const y = now.getFullYear();
  const m = now.getMonth();
  switch (key) {
    case 'today':
      return { from: iso(now), to: iso(now) };
    case 'week': {
      // Weeks start on Monday.
      const start = new Date(y, m, now.getDate() - ((now.getDay() + 6) % 7));
      return { from: iso(start), to: iso(now) };
    }
    case 'month':
      return { from: iso(new Date(y, m, 1)), to: iso(now) };
    case 'lastMonth':
      return { from: iso(new Date(y, m - 1, 1)), to: iso(new Date(y, m, 0)) };
    case 'days30':
      return { from: iso(new Date(y, m, now.getDate() - 29)), to: iso(now) };
    case 'quarter':
      return { from: iso(new Date(y, m - (m % 3), 1)), to: iso(now) };
  }
}
