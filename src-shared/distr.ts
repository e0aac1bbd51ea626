// K+ distributions (дистрибутивы): display format SYS_DISTR[_COMP], canonical keys, and parsing of search queries.

/** One installed K+ system: system code (e.g. `SKJP`), distribution number, computer number (1 when absent). */
export interface DistrRef {
  system: string;
  number: number;
  comp?: number;
}

/** Result of {@link parseDistrQuery}: the parts the user actually typed. */
export interface DistrQuery {
  /** Upper-case system code, when typed. */
  system?: string;
  number: number;
  /** Computer number, when typed. */
  comp?: number;
}

/** Width the distribution number is zero-padded to in lists (fact). */
export const DISTR_NUMBER_WIDTH = 6;
/** Width the computer number is zero-padded to in lists (fact). */
export const DISTR_COMP_WIDTH = 2;

/**
 * Longest distribution number (significant digits) a search query is taken for. Longer digit runs
 * are more likely phone numbers, ИНН etc. Numbers are padded to 6 digits, so 6 is the natural limit.
 */
const MAX_NUMBER_DIGITS = 6;
/** Longest computer number a search query is taken for. */
const MAX_COMP_DIGITS = 2;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function normComp(comp: number | undefined): number {
  return comp === undefined || comp === 0 ? 1 : comp;
}

/**
 * List form of a distribution: `SKJP_000123_02`; the number is padded to 6 digits, the computer
 * number to 2, and the computer number is omitted when it is 1 (or absent): `SKJP_000123`.
 */
export function formatDistr(d: DistrRef): string {
  const comp = normComp(d.comp);
  const base = `${d.system.trim().toUpperCase()}_${pad(d.number, DISTR_NUMBER_WIDTH)}`;
  return comp === 1 ? base : `${base}_${pad(comp, DISTR_COMP_WIDTH)}`;
}

/**
 * Canonical key of a distribution for maps, sets and unique indexes: always includes the computer
 * number (`SKJP_000123_01`), so keys of one system sort by number, then computer.
 */
export function distrKey(system: string, number: number, comp?: number): string {
  return `${system.trim().toUpperCase()}_${pad(number, DISTR_NUMBER_WIDTH)}_${pad(normComp(comp), DISTR_COMP_WIDTH)}`;
}

/**
 * Grammar of a query (after trimming and upper-casing):
 *   [#|№] [SYSTEM [sep]] NUMBER [sep COMP]
 * SYSTEM is 2–12 Latin letters; sep is any run of spaces with at most one of `_ - / . : # №`.
 */
const QUERY = /^[#№]?\s*(?:([A-Z]{2,12})\s*[_\-/.:#№]?\s*)?(\d+)(?:\s*[_\-/.:\s]\s*(\d+))?$/;

/**
 * Recognises a distribution typed in any common spelling: `SKJP_000123_02`, `SKJP 123-2`,
 * `skjp123`, `123`, `000123_02`, `123/2`, `SKJP#123`. Returns `null` when the text is not plausibly a
 * distribution (other words, no digits, a number longer than 6 significant digits, zero number or
 * computer). Only the parts present in the text are set in the result.
 */
export function parseDistrQuery(q: string): DistrQuery | null {
  const m = QUERY.exec(q.trim().toUpperCase());
  if (!m) return null;
  const [, system, numberText, compText] = m;
  if (numberText === undefined) return null;
  const significant = numberText.replace(/^0+/, '');
  if (significant === '' || significant.length > MAX_NUMBER_DIGITS) return null;
  const result: DistrQuery = { number: Number(significant) };
  if (system !== undefined) result.system = system;
  if (compText !== undefined) {
    const compSignificant = compText.replace(/^0+/, '');
    if (compSignificant === '' || compSignificant.length > MAX_COMP_DIGITS) return null;
    result.comp = Number(compSignificant);
  }
  return result;
}

/** A kit written the КЦ's way, with the system's *number* instead of its code: `1_000123_02` (hotline.txt, chat exports). */
export interface DistrNumberForm {
  systemNumber: number;
  number: number;
  comp?: number;
}

/** Longest system number taken: the КЦ numbers its systems with small integers. */
const MAX_SYSTEM_NUMBER_DIGITS = 4;

const NUMBER_FORM = /^(\d+)\s*[_\-/.:\s]\s*(\d+)(?:\s*[_\-/.:\s]\s*(\d+))?$/;

/**
 * Recognises the number form `1_000123_02`, `1 123-2`, `1_000123`. The distribution group must have 3 or more digits
 * (the КЦ pads it to 6): with two groups that tells it from a distribution and its computer (`000123_02`, as
 * {@link parseDistrQuery} reads it — a computer number has at most 2 digits), and with three it keeps phone
 * fragments (`347-25-03`) out. The two parsers never both accept a text. Returns `null` for anything else; the
 * system number still has to be looked up in the catalogue.
 */
export function parseDistrNumberForm(q: string): DistrNumberForm | null {
  const m = NUMBER_FORM.exec(q.trim());
  if (!m) return null;
  const [, sysText, numberText, compText] = m as unknown as [string, string, string, string | undefined];
  if (numberText.length < 3) return null;
  const sys = sysText.replace(/^0+/, '');
  const number = numberText.replace(/^0+/, '');
  if (sys === '' || sys.length > MAX_SYSTEM_NUMBER_DIGITS || number === '' || number.length > MAX_NUMBER_DIGITS) return null;
  const result: DistrNumberForm = { systemNumber: Number(sys), number: Number(number) };
  if (compText !== undefined) {
    const comp = compText.replace(/^0+/, '');
    if (comp === '' || comp.length > MAX_COMP_DIGITS) return null;
    result.comp = Number(comp);
  }
  return result;
}
