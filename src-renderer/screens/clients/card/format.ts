// Display formats of the client card: dates 27.11.2026, date-times 27.11.2026 14:05, today's ISO date.
import { isValidIsoDate } from '../../../../src-shared/api/common';

/** ISO date or timestamp → 27.11.2026 (the date part is taken as written, without time-zone shifts). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** UTC timestamp → local 27.11.2026 14:05. */
export { formatDateTime as fmtDateTime } from '../../../../src-shared/format';

/** Today on this workstation as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Whole days from `fromIso` to `toIso` (both YYYY-MM-DD). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** 27.11.2026 (also 27.11.26, 27/11/2026, 2026-11-27) → 2026-11-27; null when it is not a real date in DATE_MIN…DATE_MAX. */
export function parseRuDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(t);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
    if (y < 100) y += 2000;
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // The server's own rule: a real day within the contract's date window.
  return isValidIsoDate(iso) ? iso : null;
}

/** ISO date plus whole days, as YYYY-MM-DD. */
export function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
