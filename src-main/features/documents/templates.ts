// Clause templates: {{placeholder}} filling, the check of unknown placeholders, and the line markup (title, heading, table slot, paragraph).
import { TEMPLATE_PLACEHOLDERS, type TemplatePlaceholder } from '../../../src-shared/doc-types';

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_PLACEHOLDERS);

/** Placeholders a template uses that the print data cannot fill (to refuse them when the template is saved). */
export function unknownPlaceholders(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) if (!KNOWN.has(m[1]!)) out.add(m[1]!);
  // A brace pair that is not a well-formed placeholder is a typo the author would not see until printing.
  const stray = body.replace(PLACEHOLDER, '').match(/\{\{|\}\}/g);
  if (stray) out.add(stray[0]);
  return [...out];
}

export type TemplateValues = Partial<Record<TemplatePlaceholder, string | null>>;

/** Replaces every placeholder; a value that is missing prints as a blank line to fill by hand. */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(PLACEHOLDER, (_m, name: string) => {
    const v = values[name as TemplatePlaceholder];
    return v == null || v === '' ? '____________' : v;
  });
}

export type TemplateBlock = { kind: 'title' | 'heading' | 'paragraph'; text: string } | { kind: 'slot'; name: string };

/** Splits a filled template into blocks: «# » title, «## » heading, «[[name]]» slot, any other non-empty line a paragraph. */
export function templateBlocks(filled: string): TemplateBlock[] {
  const out: TemplateBlock[] = [];
  for (const raw of filled.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const slot = /^\[\[([a-z_]+)\]\]$/.exec(line);
    if (slot) out.push({ kind: 'slot', name: slot[1]! });
    else if (line.startsWith('## ')) out.push({ kind: 'heading', text: line.slice(3).trim() });
    else if (line.startsWith('# ')) out.push({ kind: 'title', text: line.slice(2).trim() });
    else out.push({ kind: 'paragraph', text: line });
  }
  return out;
}
