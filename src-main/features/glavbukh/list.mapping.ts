// Column mapping of a certified list: the layout's signature, the mapping remembered for it, one guessed from header words.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { GB_LIST_FIELDS, type GbListField, type GbMapping } from '../../../src-shared/glavbukh';

/** A header cell as layouts compare it: trimmed, lower case, ё → е, spaces collapsed. */
export const normaliseHeader = (h: string): string => h.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

export const layoutSignature = (headers: string[]): string => headers.map(normaliseHeader).join('\u001f');

/**
 * Header words per field, tried in this order on each column: dates and the status before the number, so «Статус
 * сертификата» is the status and «Номер сертификата» the number.
 */
const WORDS: [GbListField, RegExp][] = [
  ['issued_on', /дата (выдачи|сертификац|присвоен)|выдан/],
  ['valid_until', /действ\S* до|срок действ|действует до|окончани|годен до|истекает/],
  ['status', /статус|состояние/],
  ['number', /сертификат|свидетельств/],
  ['programme', /программ/],
  ['kpp', /кпп/],
  ['inn', /инн/],
  ['distr', /дистрибутив|рег\S* ?номер|регистрационн|\bдистр\b/],
  ['contact', /фио|бухгалтер|главбух|контактн|ответственн|сотрудник/],
  ['name', /наименовани|организаци|клиент|контрагент|название|компани|предприяти/],
];

/** A mapping guessed from the header words: each field takes the first column that names it, a column one field. */
export function guessMapping(headers: string[]): GbMapping {
  const out: GbMapping = {};
  headers.forEach((raw, col) => {
    const h = normaliseHeader(raw).replace(/[«»"'.,:;()]/g, ' ').replace(/\s+/g, ' ').trim();
    if (h === '') return;
    for (const [field, re] of WORDS) {
      if (re.test(h)) {
        if (out[field] === undefined) out[field] = col;
        return;
      }
    }
  });
  return out;
}

/** What keeps a mapping from being usable (`number_missing`, `key_missing`, `column_out_of_range`). */
export function mappingErrors(m: GbMapping, columns: number): string[] {
  const errors: string[] = [];
  if (m.number === undefined) errors.push('number_missing');
  if (m.inn === undefined && m.distr === undefined && m.name === undefined) errors.push('key_missing');
  if (GB_LIST_FIELDS.some((f) => m[f] !== undefined && m[f]! >= columns)) errors.push('column_out_of_range');
  return errors;
}

/** Only known fields with column numbers (a remembered mapping is read back from JSON). */
function cleanMapping(v: unknown): GbMapping | null {
  if (!v || typeof v !== 'object') return null;
  const out: GbMapping = {};
  for (const f of GB_LIST_FIELDS) {
    const c = Object.prototype.hasOwnProperty.call(v, f) ? (v as Record<string, unknown>)[f] : undefined;
    if (typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < 1000) out[f] = c;
  }
  return out;
}

export function rememberedMapping(db: Db, headers: string[]): GbMapping | null {
  const row = stmt(db, 'SELECT mapping FROM gb_layouts WHERE signature = ?').get(layoutSignature(headers)) as { mapping: string } | undefined;
  if (!row) return null;
  try {
    return cleanMapping(JSON.parse(row.mapping));
  } catch {
    return null;
  }
}

export function rememberMapping(db: Db, headers: string[], m: GbMapping, employeeId: number | null, now: string): void {
  const clean: GbMapping = cleanMapping(m) ?? {};
  stmt(db, 'INSERT INTO gb_layouts (signature, mapping, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(signature) DO UPDATE SET mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = excluded.updated_at').run(
    layoutSignature(headers),
    JSON.stringify(clean),
    employeeId,
    now,
  );
}

export interface ResolvedMapping {
  mapping: GbMapping;
  source: 'remembered' | 'guessed' | 'given';
  errors: string[];
}

/** The given mapping, else the one remembered for the layout, else a guess. */
export function resolveMapping(db: Db, headers: string[], given?: GbMapping): ResolvedMapping {
  if (given) {
    const mapping = cleanMapping(given) ?? {};
    return { mapping, source: 'given', errors: mappingErrors(mapping, headers.length) };
  }
  const remembered = rememberedMapping(db, headers);
  if (remembered) return { mapping: remembered, source: 'remembered', errors: mappingErrors(remembered, headers.length) };
  const guessed = guessMapping(headers);
  return { mapping: guessed, source: 'guessed', errors: mappingErrors(guessed, headers.length) };
}
