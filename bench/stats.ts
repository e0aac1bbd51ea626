// Percentiles, timing and the printed table of the benchmark.

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface Timing {
  p50: number;
  p95: number;
  n: number;
}

export function summarise(samples: number[]): Timing {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

/** Milliseconds spent in `fn` (synchronous or not). */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : '—');

/** Renders rows as a plain-text table with a header rule; the first column is left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * One bench row as every part prints it (issue «Tests and benchmarks that prove what they claim»): the product beside two
 * references written from scratch in bench/ — the floor (the bare index or FTS lookup any correct answer needs) and a
 * straightforward correct statement returning the same rows — each timed on queries not used to warm up.
 */
export interface CompareRow {
  name: string;
  product: Timing;
  floor: Timing | null;
  plain: Timing | null;
  /** What the row promises, e.g. `p95 ≤ 1.5 ms`; empty when the row is informative only. */
  target: string;
  /** Whether the target was met (null: no target). */
  met: boolean | null;
  /** Rows compared and found equal in full (ids, order, every field shown), or a note why not compared. */
  rows?: string;
}

const ratio = (a: number, b: number | undefined) => (b && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** The printed table for CompareRow: p50/p95 of product, floor and straightforward statement, with ratios at p95. */
export function compareTable(rows: CompareRow[]): string {
  return table(
    ['row', 'n', 'product p50', 'product p95', 'floor p95', 'plain p95', '÷ floor', '÷ plain', 'same rows', 'target', 'result'],
    rows.map((r) => [
      r.name,
      String(r.product.n),
      ms(r.product.p50),
      ms(r.product.p95),
      r.floor ? ms(r.floor.p95) : '—',
      r.plain ? ms(r.plain.p95) : '—',
      ratio(r.product.p95, r.floor?.p95),
      ratio(r.product.p95, r.plain?.p95),
      r.rows ?? '',
      r.target,
      r.met === null ? '' : r.met ? 'met' : 'MISSED',
    ]),
  );
}

/**
 * «Today» as the API has it: the calendar date in the РИЦ's time zone (the `timezone` setting, Moscow when unset) at
 * the clock's moment — written here from scratch so a baseline never takes the UTC date while the API takes the РИЦ's.
 */
export function ricToday(sql: { prepare(s: string): { get(...a: unknown[]): unknown } }, at: Date): string {
  const row = sql.prepare("SELECT value FROM settings WHERE key = 'timezone'").get() as { value: string } | undefined;
  let zone = 'Europe/Moscow';
  try {
    const v = row ? (JSON.parse(row.value) as unknown) : null;
    if (typeof v === 'string' && v) zone = v;
  } catch {
    // a broken setting: the API falls back to Moscow too
  }
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }
}

/** First difference between two answers (deep, in order), as a short text; null when equal. */
export function firstDifference(a: unknown, b: unknown, where = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${where || 'value'}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${where}: array vs object`;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], where ? `${where}.${k}` : k);
    if (d) return d;
  }
  return null;
}
