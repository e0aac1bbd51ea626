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

/** Escapes the five markup characters and CR; characters XML cannot carry become U+FFFD (a visible mark, not a lost field). */
export function escapeXml(s: string): string {
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

function write(e: XmlEl, depth: number, out: string[]): void {
  const pad = '\t'.repeat(depth);
  const attrs = (e.attrs ?? []).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  if (e.children && e.children.length > 0) {
    out.push(`${pad}<${e.name}${attrs}>\n`);
    for (const c of e.children) write(c, depth + 1, out);
    out.push(`${pad}</${e.name}>\n`);
  } else if (e.text != null && e.text !== '') {
    out.push(`${pad}<${e.name}${attrs}>${escapeXml(e.text)}</${e.name}>\n`);
  } else {
    out.push(`${pad}<${e.name}${attrs}/>\n`);
  }
}

/** The document with its XML declaration; same tree, same string. */
export function serializeXml(root: XmlEl): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, out);
  return out.join('');
}
