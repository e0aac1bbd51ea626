// fast-check arbitraries derived from the contract's zod schemas: well-formed shapes with hostile leaves, wrong types, extra and polluting keys.
import fc from 'fast-check';
import type { z } from 'zod';

/** Strings that broke or could break something: FTS syntax, NUL, lone surrogates, dates at the edges, paths, markup, sizes. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '"',
  '"unterminated',
  'NEAR(a b',
  'a OR b AND NOT c',
  '*',
  '%_%',
  "'; DROP TABLE clients;--",
  '\\',
  '../../../etc/passwd',
  '/etc/passwd',
  '<script>alert(1)</script>',
  '\uD800',
  '\u202Eevil',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀',
  '9999-12-31',
  '0001-01-01',
  '2026-02-30',
  '2026-13-01',
  '+010000-01-01',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  'SKJP_000123_02',
  '+7 (423) 222-33-44',
  '7707083893',
  'x'.repeat(5000),
  'ё'.repeat(100_001),
  '(?:a+)+$',
  '((((((((((a))))))))))',
];

export const HOSTILE_NUMBERS = [0, -1, 1, 2, 3, 7, 100, 2 ** 31, 2 ** 31 - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, -0.0, 1e-300];

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);
const hostileNumber = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.integer({ min: -5, max: 50 }), fc.double({ noNaN: true }));
/** Anything JSON can carry: the wrong type for a field. */
const wrongType = fc.oneof(fc.constant(null), fc.boolean(), hostileNumber, hostileString, fc.constant([]), fc.constant({}), fc.constant([[[[[[]]]]]]));

export function arbitraryFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return wrongType;
  const d = defOf(schema);
  const inner = (s: unknown) => arbitraryFor(s, depth + 1);
  const typed = ((): fc.Arbitrary<unknown> => {
    switch (d.type) {
      case 'string':
        return hostileString;
      case 'number':
        return hostileNumber;
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(d.entries as Record<string, string>));
      case 'literal':
        return fc.constantFrom(...(d.values as unknown[]));
      case 'optional':
      case 'nullable':
      case 'default':
        return fc.oneof(fc.constant(undefined), fc.constant(null), inner(d.innerType));
      case 'pipe':
        return inner(d.in);
      case 'union':
        return fc.oneof(...(d.options as unknown[]).map(inner));
      case 'array':
        return fc.oneof({ weight: 5, arbitrary: fc.array(inner(d.element), { maxLength: 4 }) }, { weight: 1, arbitrary: fc.constant(new Array(3000).fill(1)) });
      case 'record':
        return fc.dictionary(fc.oneof(inner(d.keyType), hostileString) as fc.Arbitrary<string>, inner(d.valueType), { maxKeys: 3 });
      case 'object': {
        const shape = d.shape as Record<string, unknown>;
        const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v)]));
        return fc.record(fields, { requiredKeys: [] });
      }
      default:
        return wrongType;
    }
  })();
  // Mostly the declared type, sometimes the wrong one.
  return fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: wrongType });
}

/** A whole input: the schema's shape with hostile leaves, plus extra keys that try prototype pollution, plus non-objects. */
export function hostileInput(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shaped = arbitraryFor(schema);
  const polluted = shaped.map((v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    // JSON.parse makes __proto__ an own key, as a request body would.
    return JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(v).slice(1)}`.replace(/,}$/, '}')) as unknown;
  });
  return fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 1, arbitrary: polluted }, { weight: 1, arbitrary: wrongType });
}
