// The K+ systems catalogue as data: lookups by number and code, and the conversions every format module makes through it.
import { DISTR_COMP_WIDTH, DISTR_NUMBER_WIDTH, parseDistrNumberForm, parseDistrQuery } from './distr';

/** One K+ system: its number in the КЦ's files, its code in the base, its name. */
export interface KplusSystem {
  id: number;
  number: number | null;
  code: string;
  name: string | null;
  active: boolean;
}

/** A kit in the base's terms: system code, distribution number, computer number (1 when absent). */
export interface Kit {
  system: string;
  number: number;
  comp: number;
}

export interface SystemCatalog {
  readonly list: readonly KplusSystem[];
  byNumber(n: number): KplusSystem | undefined;
  byCode(code: string): KplusSystem | undefined;
}

export function systemCatalog(list: readonly KplusSystem[]): SystemCatalog {
  const numbers = new Map<number, KplusSystem>();
  const codes = new Map<string, KplusSystem>();
  for (const s of list) {
    if (s.number != null) numbers.set(s.number, s);
    codes.set(s.code.toUpperCase(), s);
  }
  return { list, byNumber: (n) => numbers.get(n), byCode: (code) => codes.get(code.trim().toUpperCase()) };
}

/**
 * A system number from a КЦ file turned into the base's code. An unknown number is reported as such — never guessed
 * (a wrong system would tie the record to someone else's kit) and never dropped (the caller lists it as a problem).
 */
export type SystemByNumber = { ok: true; system: KplusSystem } | { ok: false; problem: 'unknown_system_number'; systemNumber: number };

export function systemByNumber(cat: SystemCatalog, systemNumber: number): SystemByNumber {
  const system = cat.byNumber(systemNumber);
  return system ? { ok: true, system } : { ok: false, problem: 'unknown_system_number', systemNumber };
}

/** A kit named the КЦ's way (`sys`, `distr`, `comp` of a chat export, `1_000123_02` of hotline.txt) in the base's terms. */
export type KitByNumber = { ok: true; kit: Kit; system: KplusSystem } | { ok: false; problem: 'unknown_system_number'; systemNumber: number };

export function kitFromNumbers(cat: SystemCatalog, systemNumber: number, number: number, comp?: number | null): KitByNumber {
  const r = systemByNumber(cat, systemNumber);
  if (!r.ok) return r;
  return { ok: true, kit: { system: r.system.code, number, comp: comp == null || comp === 0 ? 1 : comp }, system: r.system };
}

/** The КЦ's spelling of a kit for files it reads (hotline.txt): `1_000123` or `1_000123_02`; a system without a number is reported. */
export type KitNumberForm = { ok: true; text: string } | { ok: false; problem: 'unknown_system_code' | 'system_without_number'; code: string };

export function kitNumberForm(cat: SystemCatalog, kit: { system: string; number: number; comp?: number | null }): KitNumberForm {
  const system = cat.byCode(kit.system);
  if (!system) return { ok: false, problem: 'unknown_system_code', code: kit.system };
  if (system.number == null) return { ok: false, problem: 'system_without_number', code: system.code };
  const comp = kit.comp == null || kit.comp === 0 ? 1 : kit.comp;
  const base = `${system.number}_${String(kit.number).padStart(DISTR_NUMBER_WIDTH, '0')}`;
  return { ok: true, text: comp === 1 ? base : `${base}_${String(comp).padStart(DISTR_COMP_WIDTH, '0')}` };
}

/**
 * A kit typed or pasted by a person, in either spelling: `SKJP_000777_02`, `SKJP 777-2` (code form) or `1_000777_02`
 * (number form, through the catalogue). `partial` is a bare number (with a computer) that names no system.
 */
export type ParsedKit =
  /** `compGiven`: the text named the computer (a kit without one may mean any computer of that distribution). */
  | { kind: 'kit'; kit: Kit; system: KplusSystem; compGiven: boolean }
  | { kind: 'partial'; number: number; comp?: number }
  | { kind: 'unknown_system_number'; systemNumber: number; number: number; comp?: number }
  | { kind: 'unknown_system_code'; code: string; number: number; comp?: number };

export function parseKit(cat: SystemCatalog, text: string): ParsedKit | null {
  const byNumber = parseDistrNumberForm(text);
  if (byNumber) {
    const r = kitFromNumbers(cat, byNumber.systemNumber, byNumber.number, byNumber.comp);
    if (r.ok) return { kind: 'kit', kit: r.kit, system: r.system, compGiven: byNumber.comp !== undefined };
    return { kind: 'unknown_system_number', systemNumber: byNumber.systemNumber, number: byNumber.number, ...(byNumber.comp ? { comp: byNumber.comp } : {}) };
  }
  const q = parseDistrQuery(text);
  if (!q) return null;
  if (!q.system) return { kind: 'partial', number: q.number, ...(q.comp ? { comp: q.comp } : {}) };
  const system = cat.byCode(q.system);
  if (!system) return { kind: 'unknown_system_code', code: q.system, number: q.number, ...(q.comp ? { comp: q.comp } : {}) };
  return { kind: 'kit', kit: { system: system.code, number: q.number, comp: q.comp ?? 1 }, system, compGiven: q.comp !== undefined };
}

/** A kit written anywhere in a longer value («СПС: SKJP 123-2», «1_000123_02 (сетевая)»): the first one that parses to a kit or a system. */
export function findKit(cat: SystemCatalog, value: string): ParsedKit | null {
  const whole = parseKit(cat, value);
  if (whole && whole.kind !== 'partial') return whole;
  const tokens = value.toUpperCase().match(/[A-Z]{2,12}[\s_#№-]*\d{1,9}(?:[_/-]\d{1,2})?|\d{1,4}[_\s-]\d{1,9}(?:[_/-]\d{1,2})?/g) ?? [];
  for (const t of tokens) {
    const r = parseKit(cat, t);
    if (r && r.kind !== 'partial') return r;
  }
  return null;
}

/** What a list or a print form shows for a system: its name, or the code while the catalogue has no name for it. */
export function systemName(cat: SystemCatalog, code: string): string {
  return cat.byCode(code)?.name ?? code;
}

/** «SKJP — Юрист» for selects, where the code helps a person who knows the codes. */
export function systemOptionLabel(s: KplusSystem): string {
  return s.name ? `${s.code} — ${s.name}` : s.code;
}

/** A catalogue row as the settings screen lists it. */
export interface KplusSystemRow extends KplusSystem {
  /** Distributions in the base with this system. */
  distributions: number;
}
