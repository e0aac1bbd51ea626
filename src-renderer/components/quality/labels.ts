// Russian names of the scorecard scales and the text of a value on its scale, shared by the quality screens.
import type { QualityScale } from '../../../src-shared/quality';

export const SCALE_LABELS: Record<QualityScale, string> = { yes_no: 'Да / нет', '1_3': '1–3', '1_5': '1–5' };

/** The points of a scale as buttons show them; yes/no is 1 = да, 0 = нет. */
export function scalePoints(scale: QualityScale): { value: number; label: string }[] {
  if (scale === 'yes_no')
    return [
      { value: 1, label: 'Да' },
      { value: 0, label: 'Нет' },
    ];
  const max = scale === '1_3' ? 3 : 5;
  return Array.from({ length: max }, (_, i) => ({ value: i + 1, label: String(i + 1) }));
}

export function ratingText(scale: QualityScale, v: number | null): string {
  if (v == null) return 'н/п';
  return scale === 'yes_no' ? (v ? 'да' : 'нет') : String(v);
}

/** Score colour: the app's states — green good, amber middling, red poor. */
export const scoreColor = (s: number | null) => (s == null ? 'gray' : s >= 80 ? 'green' : s >= 50 ? 'yellow' : 'red');

export const formatScore = (s: number | null) => (s == null ? '—' : s.toLocaleString('ru-RU', { maximumFractionDigits: 1 }));

/** Seconds as 4:05 or 1:02:03. */
export function formatDuration(sec: number | null): string {
  if (sec == null) return '—';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
