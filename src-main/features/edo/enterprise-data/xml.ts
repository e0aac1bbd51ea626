// A minimal deterministic XML element tree and serializer (tab indentation, escaped text) for the EnterpriseData writer.

export interface XmlEl {
  name: string;
  attrs?: [string, string][];
  /** A leaf's text, or children; never both. */
  text?: string;
  children?: XmlEl[];
}

/** An element with text, or nothing when the value is null/undefined (optional properties are left out). */
export function leaf(name: string, value: string | number | boolean | null | undefined): XmlEl[] {
  if (value == null) return [];
  return [{ name, text: String(value) }];
}

export function el(name: string, ...children: (XmlEl | XmlEl[])[]): XmlEl {
  return { name, children: children.flat() };
}

// Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Anything escapeXml changes; most values have none of it and are returned as they are.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes the five markup characters and CR; characters XML cannot carry become U+FFFD (a visible mark, not a lost field). */
export function escapeXml(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(INVALID, '\uFFFD').replace(/[&<>"'\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#13;';
    }
  });
}

const PADS = Array.from({ length: 16 }, (_, i) => '\t'.repeat(i));

/** One element and its subtree, indented by `depth` tabs. */
export function serializeEl(e: XmlEl, depth: number): string {
  const pad = PADS[depth] ?? '\t'.repeat(depth);
  const attrs = e.attrs ? e.attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('') : '';
  if (e.children && e.children.length > 0) {
    let s = `${pad}<${e.name}${attrs}>\n`;
    for (const c of e.children) s += serializeEl(c, depth + 1);
    return `${s}${pad}</${e.name}>\n`;
  }
  if (e.text != null && e.text !== '') return `${pad}<${e.name}${attrs}>${escapeXml(e.text)}</${e.name}>\n`;
  return `${pad}<${e.name}${attrs}/>\n`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The document with its XML declaration; same tree, same string. */
export function serializeXml(root: XmlEl): string {
  return `${XML_DECLARATION}${serializeEl(root, 0)}`;
}
