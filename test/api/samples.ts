// Builds inputs from a method's zod schema: a valid sample, and malformed variants with the path they break.
import type { z } from 'zod';

/** The parts of zod 4's internal definition this generator reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Primitive values tried in order until the schema accepts one. They cover the house field kinds:
 * plain text and codes, passwords (≥ 8), ISO dates, phones, e-mails, ИНН with a valid check digit, a time zone, a time of day and a month (YYYY-MM).
 */
const PRIMITIVES: unknown[] = ['tester', 'password-123', '2026-11-01', '2026-11', '+7 (423) 222-33-44', 'user@example.ru', '7707083893', 1, 10, true, false, 'Europe/Moscow', '09:00', 'a'.repeat(64), '/srv/crm-import'];

/** Values of every JSON type plus a huge string; a variant uses those the field schema rejects. */
export const HUGE = 'x'.repeat(200_000);
const WRONG: { label: string; value: unknown }[] = [
  { label: 'number', value: 12345 },
  { label: 'string', value: 'not-a-valid-value' },
  { label: 'boolean', value: true },
  { label: 'array', value: [] },
  { label: 'object', value: { nested: 1 } },
  { label: 'null', value: null },
  { label: 'huge string', value: HUGE },
  // Real calendar days outside the contract's date window (1990…2100): a date field must refuse them.
  { label: 'date 9999-12-31', value: '9999-12-31' },
  { label: 'date 1900-01-01', value: '1900-01-01' },
];

/** Strips wrappers that do not change the shape: optional, nullable, default, prefault, readonly, pipe input. */
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    const d = defOf(cur);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(d.type) && d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else return cur;
  }
  return cur;
}

const accepts = (s: z.ZodType, v: unknown) => s.safeParse(v).success;
const isRequired = (s: z.ZodType) => !accepts(s, undefined);

/** A value the schema accepts, filling only required fields; `undefined` when none was found. */
export function sample(schema: z.ZodType): unknown {
  const inner = unwrap(schema);
  const d = defOf(inner);
  let candidate: unknown;
  if (d.type === 'object' && d.shape) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(d.shape)) if (isRequired(field)) out[key] = sample(field);
    // Cross-field rules (`refine`) may ask for an optional field: fill the fields their issues point at.
    for (let i = 0; i < 3; i++) {
      const r = schema.safeParse(out);
      const missing = r.success ? [] : r.error.issues.map((x) => String(x.path[0] ?? '')).filter((k) => d.shape![k] && out[k] === undefined);
      if (missing.length === 0) break;
      for (const k of missing) out[k] = sample(unwrap(d.shape[k]!));
    }
    candidate = out;
  } else if (d.type === 'array' && d.element) {
    candidate = accepts(schema, []) ? [] : [sample(d.element)];
  } else {
    const options = [...Object.values(d.entries ?? {}), ...(d.values ?? []), ...PRIMITIVES];
    candidate = options.find((v) => accepts(schema, v));
  }
  return candidate;
}

export interface Malformed {
  /** Human-readable case name for the test title. */
  label: string;
  input: unknown;
  /** Dotted path an issue must point at ('' for the whole input). */
  path: string;
}

/**
 * Malformed variants of a valid sample: the whole input of a wrong type, and for every field (nested
 * objects and array elements included) each wrong value that the field's own schema rejects. A field
 * that is required also gets its removal.
 */
export function malformed(schema: z.ZodType): Malformed[] {
  const base = sample(schema);
  const out: Malformed[] = [
    { label: 'an array instead of an object', input: [base], path: '' },
    { label: 'a string instead of an object', input: 'text', path: '' },
    { label: 'a number instead of an object', input: 42, path: '' },
  ].filter((c) => !accepts(schema, c.input));
  walk(schema, base, [], (path, field, set) => {
    for (const w of WRONG) {
      if (!accepts(field, w.value)) out.push({ label: `${path.join('.')} = ${w.label}`, input: set(w.value), path: path.join('.') });
    }
    if (isRequired(field)) out.push({ label: `${path.join('.')} missing`, input: set(undefined), path: path.join('.') });
  });
  return out;
}

type Visit = (path: string[], field: z.ZodType, set: (v: unknown) => unknown) => void;

/** Visits every field under an object schema; `set` returns a copy of the root input with that field replaced. */
function walk(schema: z.ZodType, value: unknown, path: string[], visit: Visit, root = value, depth = 0): void {
  const d = defOf(unwrap(schema));
  if (depth > 4 || d.type !== 'object' || !d.shape) return;
  for (const [key, field] of Object.entries(d.shape)) {
    const fieldPath = [...path, key];
    visit(fieldPath, field, (v) => replaceAt(root, fieldPath, v));
    // Recurse with a filled-in sample so that only the nested field is wrong.
    const inner = defOf(unwrap(field));
    if (inner.type === 'object') {
      const nested = sample(field);
      const rootWith = replaceAt(root, fieldPath, nested);
      walk(field, nested, fieldPath, visit, rootWith, depth + 1);
    } else if (inner.type === 'array' && inner.element && defOf(unwrap(inner.element)).type === 'object') {
      const element = sample(inner.element);
      const rootWith = replaceAt(root, fieldPath, [element]);
      walk(inner.element, element, [...fieldPath, '0'], visit, rootWith, depth + 1);
    }
  }
}

function replaceAt(root: unknown, path: string[], v: unknown): unknown {
  if (path.length === 0) return v;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) };
  const next = replaceAt((copy as Record<string, unknown>)[head], rest, v);
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[head];
  else (copy as Record<string, unknown>)[head] = next;
  return copy;
}
