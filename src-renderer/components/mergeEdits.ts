// Three-way merge of a form's edits with a newer saved version: different fields merge, the same field changed on both sides is a clash.
/** Field equality for form values (strings, lists of rows): by their JSON. */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const same = sameValue;

export interface Merged<T> {
  /** The user's values with the other side's changes to fields the user did not touch. */
  values: T;
  /** Fields both sides changed to different values: the user's value is kept until the user chooses. */
  clashes: (keyof T & string)[];
}

/** base: the version the form was filled from; mine: what the user typed; theirs: the newer saved version. */
export function mergeEdits<T extends object>(base: T, mine: T, theirs: T): Merged<T> {
  const values = { ...mine };
  const clashes: (keyof T & string)[] = [];
  for (const key of Object.keys(theirs) as (keyof T & string)[]) {
    const b = base[key];
    const m = mine[key];
    const t = theirs[key];
    if (same(m, t) || same(t, b)) continue;
    if (same(m, b)) values[key] = t;
    else clashes.push(key);
  }
  return { values, clashes };
}
