// Dates and names as USR files write them: `YYYY.MM.DD` (also `DD.MM.YYYY` and ISO), `HH:MM[:SS]`, `CONS#<n>_….usr`.

/** A real calendar date from `YYYY.MM.DD`, `YYYY-MM-DD[T…]`, `YYYY/MM/DD` or `DD.MM.YYYY` → YYYY-MM-DD; null when impossible. */
export function parseUsrDate(value: string): string | null {
  const v = value.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:[T ][\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
    if (!m) return null;
    [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  }
  if (y < 1990 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCDate() !== d || t.getUTCMonth() !== mo - 1) return null;
  return t.toISOString().slice(0, 10);
}

/** `H:MM[:SS]` → `HH:MM:SS`; null when absent or not a time. */
export function parseUsrTime(value: string | undefined): string | null {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(value ?? '');
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}:${String(s).padStart(2, '0')}`;
}

/** The system number of a name `CONS#<n>_….usr` (any case, any folder before it); null for other names. */
export function usrNameSystemNumber(name: string): number | null {
  const m = /(?:^|[\\/])cons#(\d{1,4})_[^\\/]*\.usr$/i.exec(name);
  return m ? Number(m[1]) : null;
}
