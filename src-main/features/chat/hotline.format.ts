// The hotline.txt format (DOMAIN.md «hotline.txt»): the kits with Онлайн-диалог on as one line of `1_000123, 1_000124_02, …`.
import { formatDistr } from '../../../src-shared/distr';
import { kitNumberForm, type SystemCatalog } from '../../../src-shared/systems';
import type { HotlineWarning } from '../../../src-shared/hotline';

/** A kit in the base's terms, as the query gives it. */
export interface HotlineKit {
  systemCode: string;
  distrNumber: number;
  comp: number;
}

export interface HotlineFile {
  /** The whole file: codes joined by ", " on one line, no header, no line end. */
  text: string;
  /** The codes in file order. */
  codes: string[];
  /** Kits left out because their system has no number (or is not in the catalogue), one entry per system. */
  warnings: HotlineWarning[];
}

/** How many kits of a left-out system a warning names; the count says how many there are in all. */
const WARNING_EXAMPLES = 20;
export const HOTLINE_SEPARATOR = ', ';

interface Entry {
  system: number;
  distr: number;
  comp: number;
  text: string;
}

const before = (a: Entry, b: Entry) => a.system - b.system || a.distr - b.distr || a.comp - b.comp;

/**
 * Builds the file from the kits with the chat on. The order is the format's: system number, then distribution, then
 * computer. Kits usually come already in that order (the query sorts them), so they are only checked, in one pass,
 * and sorted when they are not.
 */
export function formatHotline(cat: SystemCatalog, kits: Iterable<HotlineKit>): HotlineFile {
  const entries: Entry[] = [];
  const left = new Map<string, HotlineWarning>();
  let sorted = true;
  for (const k of kits) {
    const r = kitNumberForm(cat, { system: k.systemCode, number: k.distrNumber, comp: k.comp });
    if (!r.ok) {
      const key = `${r.problem}:${r.code}`;
      let w = left.get(key);
      if (!w) left.set(key, (w = { problem: r.problem, systemCode: r.code, count: 0, kits: [] }));
      w.count++;
      if (w.kits.length < WARNING_EXAMPLES) w.kits.push(formatDistr({ system: k.systemCode, number: k.distrNumber, comp: k.comp }));
      continue;
    }
    const e: Entry = { system: cat.byCode(k.systemCode)!.number!, distr: k.distrNumber, comp: k.comp || 1, text: r.text };
    if (sorted && entries.length > 0 && before(entries[entries.length - 1]!, e) > 0) sorted = false;
    entries.push(e);
  }
  if (!sorted) entries.sort(before);
  const codes = entries.map((e) => e.text);
  const warnings = [...left.values()].sort((a, b) => a.systemCode.localeCompare(b.systemCode) || a.problem.localeCompare(b.problem));
  return { text: codes.join(HOTLINE_SEPARATOR), codes, warnings };
}

/** The codes of a hotline.txt as written (for what changed against the file a write replaces). */
export function parseHotline(text: string): string[] {
  return text
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}
