// Column mapping of a ГЛ call list: guessed from header words, remembered per layout in settings (`nss.calls.layouts`).
import type { Db } from '../../db/connection';
import { readJsonSetting, writeJsonSetting } from '../../db/settings';
import { NSS_CALL_FIELDS, type NssCallField, type NssCallMapping } from '../../../src-shared/nss-calls';
import { layoutSignature, normaliseHeader } from '../glavbukh/list.mapping';

/** The settings key of the remembered layouts: { signature: mapping } (no table of its own; at most MAX_LAYOUTS kept). */
export const NSS_CALL_LAYOUTS_KEY = 'nss.calls.layouts';
const MAX_LAYOUTS = 50;

/**
 * Header words per field, tried in this order on each column: the date-time column before the date and the time, the
 * duration before the time («Время разговора» is a duration), the kit before the phone («Номер дистрибутива»).
 */
const WORDS: [NssCallField, RegExp][] = [
  ['datetime', /(дата.*время|дата-время|date ?time|timestamp|начало звонка|начало вызова|^начало$)/],
  ['duration', /длительн|продолжительн|время разговора|duration|(?<![а-яё])длит(?![а-яё])|разговор \(|talk time|^сек|секунд/],
  ['date', /^дата|date|^день/],
  ['time', /^время|time|^час/],
  ['kit', /дистрибутив|(?<![а-яё])дистр(?![а-яё])|комплект|(?<![а-яё])кит(?![а-яё])|\bkit\b|distr|рег\S* ?номер/],
  ['phone', /телефон|номер абонента|абонент|^номер$|phone|caller|звонящ|(?<![а-яё])аон(?![а-яё])|(?<![а-яё])тел(?![а-яё])/],
  ['employee', /оператор|сотрудник|консультант|исполнитель|принял|ответил|employee|operator|agent|специалист|фио/],
];

/** Normalised header words: the Главбух normalisation, punctuation out. */
const wordsOf = (raw: string) => normaliseHeader(raw).replace(/[«»"'.,:;]/g, ' ').replace(/\s+/g, ' ').trim();

/** A mapping guessed from the header words: each field takes the first column that names it, a column one field. */
export function guessCallMapping(headers: string[]): NssCallMapping {
  const out: NssCallMapping = {};
  headers.forEach((raw, col) => {
    const h = wordsOf(raw);
    if (h === '') return;
    for (const [field, re] of WORDS) {
      if (re.test(h)) {
        if (out[field] === undefined) out[field] = col;
        return;
      }
    }
  });
  // A date-time column makes separate date/time columns unnecessary; a lone date with a time inside stays the date.
  return out;
}

/** Whether a header row reads as a call list: a date (or date-time), a phone or a kit, and a duration or an operator. */
export function looksLikeCallHeader(headers: string[]): boolean {
  // A certified list names certificates and ИНН; a call list never does.
  if (headers.some((h) => /сертификат|свидетельств|(?<![а-яё])инн(?![а-яё])|(?<![а-яё])кпп(?![а-яё])/.test(wordsOf(h)))) return false;
  const m = guessCallMapping(headers);
  return (m.date !== undefined || m.datetime !== undefined) && (m.phone !== undefined || m.kit !== undefined) && (m.duration !== undefined || m.employee !== undefined);
}

/** What keeps a mapping from being usable: `date_missing`, `client_key_missing`, `column_out_of_range`. */
export function callMappingErrors(m: NssCallMapping, columns: number): string[] {
  const errors: string[] = [];
  if (m.date === undefined && m.datetime === undefined) errors.push('date_missing');
  if (m.phone === undefined && m.kit === undefined) errors.push('client_key_missing');
  if (NSS_CALL_FIELDS.some((f) => m[f] !== undefined && m[f]! >= columns)) errors.push('column_out_of_range');
  return errors;
}

function cleanMapping(v: unknown): NssCallMapping | null {
  if (!v || typeof v !== 'object') return null;
  const out: NssCallMapping = {};
  for (const f of NSS_CALL_FIELDS) {
    const c = Object.prototype.hasOwnProperty.call(v, f) ? (v as Record<string, unknown>)[f] : undefined;
    if (typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < 1000) out[f] = c;
  }
  return out;
}

export function rememberedCallMapping(db: Db, headers: string[]): NssCallMapping | null {
  const layouts = readJsonSetting(db, NSS_CALL_LAYOUTS_KEY);
  const sig = layoutSignature(headers);
  return Object.prototype.hasOwnProperty.call(layouts, sig) ? cleanMapping(layouts[sig]) : null;
}

export function rememberCallMapping(db: Db, headers: string[], m: NssCallMapping): void {
  const layouts = readJsonSetting(db, NSS_CALL_LAYOUTS_KEY);
  const sig = layoutSignature(headers);
  delete layouts[sig];
  const kept = Object.entries(layouts).slice(-(MAX_LAYOUTS - 1));
  writeJsonSetting(db, NSS_CALL_LAYOUTS_KEY, Object.fromEntries([...kept, [sig, cleanMapping(m) ?? {}]]));
}

export interface ResolvedCallMapping {
  mapping: NssCallMapping;
  source: 'remembered' | 'guessed' | 'given';
  errors: string[];
}

/** The given mapping, else the one remembered for the layout, else a guess. */
export function resolveCallMapping(db: Db, headers: string[], given?: NssCallMapping): ResolvedCallMapping {
  if (given) {
    const mapping = cleanMapping(given) ?? {};
    return { mapping, source: 'given', errors: callMappingErrors(mapping, headers.length) };
  }
  const remembered = rememberedCallMapping(db, headers);
  if (remembered) return { mapping: remembered, source: 'remembered', errors: callMappingErrors(remembered, headers.length) };
  const guessed = guessCallMapping(headers);
  return { mapping: guessed, source: 'guessed', errors: callMappingErrors(guessed, headers.length) };
}
