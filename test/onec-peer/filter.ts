// The subset of OData `$filter` the 1С peer understands: eq/ne, and/or/not, substringof, guid/cast/datetime literals.
export type Row = Record<string, unknown>;

export class FilterError extends Error {}

type Literal =
  | { kind: 'string' | 'guid' | 'datetime'; v: string }
  | { kind: 'cast'; v: string; type: string }
  | { kind: 'number'; v: number }
  | { kind: 'bool'; v: boolean };

interface Options {
  /** Fields whose `eq` is refused (some real publications refuse `ИНН eq '…'`). */
  refuseEq: ReadonlySet<string>;
  /** Composite-typed fields: a bare guid'…' does not compare with them. */
  composite: ReadonlySet<string>;
}

const TOKEN = /\s*(?:(guid|datetime)'([^']*)'|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\p{L}_])|([(),])|([\p{L}_][\p{L}\p{N}_/]*))/uy;

function tokenize(src: string): (string | Literal)[] {
  const out: (string | Literal)[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) throw new FilterError(`Ошибка разбора $filter в позиции ${at}`);
    if (m[1]) out.push({ kind: m[1] as 'guid' | 'datetime', v: m[2]! });
    else if (m[3] !== undefined) out.push({ kind: 'string', v: m[3].replace(/''/g, "'") });
    else if (m[4]) out.push({ kind: 'number', v: Number(m[4]) });
    else out.push(m[5] ?? m[6]!);
  }
  return out;
}

/** Compiles a filter into a predicate over rows; throws FilterError (the server answers 400) on what 1С refuses. */
export function parseFilter(src: string, opts: Options): (r: Row) => boolean {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const word = (w: string) => typeof peek() === 'string' && (peek() as string).toLowerCase() === w;
  const expect = (w: string) => {
    if (peek() !== w) throw new FilterError(`Ошибка разбора $filter: ожидалось «${w}»`);
    i++;
  };
  const ident = (): string => {
    const t = toks[i++];
    if (typeof t !== 'string' || /^[(),]$/.test(t)) throw new FilterError('Ошибка разбора $filter: ожидалось имя поля');
    return t;
  };
  const literal = (): Literal => {
    const t = toks[i];
    if (t !== undefined && typeof t !== 'string') {
      i++;
      return t;
    }
    if (word('true') || word('false')) return { kind: 'bool', v: (toks[i++] as string).toLowerCase() === 'true' };
    if (word('cast')) {
      i++;
      expect('(');
      const g = toks[i++];
      if (!g || typeof g === 'string' || g.kind !== 'guid') throw new FilterError('cast ожидает guid');
      expect(',');
      const ty = toks[i++];
      if (!ty || typeof ty === 'string' || ty.kind !== 'string') throw new FilterError('cast ожидает имя типа');
      expect(')');
      return { kind: 'cast', v: g.v, type: ty.v };
    }
    throw new FilterError('Ошибка разбора $filter: ожидалось значение');
  };
  const compare = (field: string, lit: Literal, r: Row): boolean => {
    const val = r[field];
    switch (lit.kind) {
      case 'guid':
        return String(val ?? '').toLowerCase() === lit.v.toLowerCase();
      case 'cast':
        return String(val ?? '').toLowerCase() === lit.v.toLowerCase() &&
          (!(`${field}_Type` in r) || String(r[`${field}_Type`]).endsWith(lit.type.replace(/^StandardODATA\./, '')));
      case 'string':
        return String(val ?? '') === lit.v;
      case 'datetime':
        return String(val ?? '') === lit.v;
      case 'number':
        return Number(val) === lit.v;
      case 'bool':
        return val === lit.v;
    }
  };
  const primary = (): ((r: Row) => boolean) => {
    if (peek() === '(') {
      i++;
      const inner = or();
      expect(')');
      return inner;
    }
    if (word('substringof')) {
      i++;
      expect('(');
      const needle = literal();
      if (needle.kind !== 'string') throw new FilterError('substringof ожидает строку');
      expect(',');
      const field = ident();
      expect(')');
      const n = needle.v.toLowerCase();
      return (r) => String(r[field] ?? '').toLowerCase().includes(n);
    }
    const field = ident();
    const op = (toks[i++] as string | undefined)?.toLowerCase();
    if (op !== 'eq' && op !== 'ne') throw new FilterError(`Ошибка разбора $filter: оператор «${String(op)}» не поддерживается`);
    const lit = literal();
    if (op === 'eq' && opts.refuseEq.has(field)) throw new FilterError(`Недопустимое сравнение по полю ${field}`);
    if (opts.composite.has(field) && lit.kind === 'guid') throw new FilterError(`Несовместимые типы при сравнении поля ${field}`);
    if ((field === 'Ref_Key' || field.endsWith('_Key')) && lit.kind === 'string') {
      throw new FilterError(`Несовместимые типы при сравнении поля ${field}: ожидалось guid'…'`);
    }
    return op === 'eq' ? (r) => compare(field, lit, r) : (r) => !compare(field, lit, r);
  };
  const unary = (): ((r: Row) => boolean) => {
    if (word('not')) {
      i++;
      const p = unary();
      return (r) => !p(r);
    }
    return primary();
  };
  const and = (): ((r: Row) => boolean) => {
    let p = unary();
    while (word('and')) {
      i++;
      const a = p;
      const b = unary();
      p = (r) => a(r) && b(r);
    }
    return p;
  };
  const or = (): ((r: Row) => boolean) => {
    let p = and();
    while (word('or')) {
      i++;
      const a = p;
      const b = and();
      p = (r) => a(r) || b(r);
    }
    return p;
  };
  const pred = or();
  if (i !== toks.length) throw new FilterError('Ошибка разбора $filter: лишний текст');
  return pred;
}
