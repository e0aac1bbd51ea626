// Mail parsing: MIME of any shape to subjects and texts (decodeMail), then the kind, request number and fields by the rules (classify).
import crypto from 'node:crypto';
import { simpleParser, type ParsedMail, type AddressObject } from 'mailparser';
import type { MailFields, MailField } from '../../../src-shared/mail-types';
import { blankDecoded, compilePattern, type Classification, type DecodedMail, type RuleDef } from './parsed';
import { extractFields, htmlToText, labelMap, splitLabel, type LabelMap } from './labels';
import { guessBody } from './charset';

export type { Classification, DecodedMail, RuleDef };

const MAX_DEPTH = 3;

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address || v.name) return { address: v.address ? v.address.toLowerCase() : null, name: v.name || null };
    }
  }
  return { address: null, name: null };
}

/** Inline subjects read from one body at most (a forwarded chain has a few). */
const MAX_INLINE_SUBJECTS = 20;

/** Subjects of messages forwarded inline: `Subject:` / `Тема:` lines of the forwarded header block, quote marks allowed. */
export function inlineSubjects(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = splitLabel(line);
    if (!m) continue;
    const label = m.label.toLowerCase();
    const value = m.value.trim();
    if ((label === 'subject' || label === 'тема') && value) out.push(value);
    if (out.length >= MAX_INLINE_SUBJECTS) break;
  }
  return out;
}

function brokenStructure(parsed: ParsedMail, raw: Buffer): string | null {
  if (parsed.headers.size === 0) return 'no_headers';
  const ct = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (ct?.value?.toLowerCase().startsWith('multipart/')) {
    const boundary = ct.params?.boundary;
    if (!boundary) return 'multipart_without_boundary';
    if (!raw.includes(`--${boundary}`)) return 'boundary_missing';
  }
  return null;
}

async function decodeInto(raw: Buffer, depth: number, out: DecodedMail): Promise<ParsedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, keepCidLinks: true });
  const plain = (parsed.text ?? '').trim();
  const html = parsed.html ? htmlToText(parsed.html) : '';
  if (parsed.subject) out.subjects.push(parsed.subject.trim());
  for (const body of [plain, html]) {
    if (!body) continue;
    out.texts.push(body);
    out.subjects.push(...inlineSubjects(body));
  }
  // A message forwarded as an attachment: read it as well.
  if (depth < MAX_DEPTH) {
    for (const att of parsed.attachments) {
      if (att.contentType === 'message/rfc822' && att.content) {
        await decodeInto(att.content, depth + 1, out).catch(() => undefined);
      }
    }
  }
  return parsed;
}

export async function decodeMail(raw: Buffer): Promise<DecodedMail> {
  const out = blankDecoded('');
  let parsed: ParsedMail | null = null;
  try {
    parsed = await decodeInto(raw, 0, out);
  } catch (err) {
    out.broken = `parse_error: ${(err as Error).message}`.slice(0, 300);
  }
  const header = parsed?.messageId?.trim();
  out.messageId = header && header.length <= 900 ? header : `<${crypto.createHash('sha256').update(raw).digest('hex')}@no-message-id>`;
  if (parsed) {
    out.subject = parsed.subject?.trim() || null;
    const from = firstAddress(parsed.from);
    out.from = from.address;
    out.fromName = from.name;
    out.sentAt = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;
    out.broken ??= brokenStructure(parsed, raw);
    if (!out.broken && out.texts.length > 0 && out.texts.every((t) => t.includes('\uFFFD'))) {
      const guessed = guessBody(raw);
      if (guessed && !guessed.text.includes('\uFFFD')) {
        const body = guessed.html ? htmlToText(guessed.text) : guessed.text.trim();
        out.texts = [body];
        out.subjects.push(...inlineSubjects(body));
      } else out.broken = 'undecodable_text';
    }
    if (!out.broken && out.texts.length === 0 && parsed.attachments.length === 0 && !out.subject) out.broken = 'empty';
  }
  out.subjects = [...new Set(out.subjects.map((s) => s.slice(0, 1000)))];
  return out;
}


interface Compiled {
  subject: RegExp[];
  type: RegExp[];
  labels: LabelMap;
}


const compiled = new WeakMap<RuleDef, Compiled>();
function compile(rule: RuleDef): Compiled {
  let c = compiled.get(rule);
  if (!c) {
    const rx = (list: string[]) => list.map(compilePattern).filter((r): r is RegExp => r !== null);
    c = { subject: rx(rule.subjectPatterns), type: rx(rule.typePatterns), labels: labelMap(rule.labels) };
    compiled.set(rule, c);
  }
  return c;
}

/** Fields from every candidate body: the richest body first, gaps filled from the others. */
function fieldsFrom(texts: string[], labels: LabelMap): MailFields {
  const all = texts.map((t) => extractFields(t, labels));
  all.sort((a, b) => Object.keys(b).length - Object.keys(a).length);
  const out: MailFields = {};
  for (const f of all) {
    for (const [k, v] of Object.entries(f) as [MailField, string][]) if (out[k] === undefined) out[k] = v;
  }
  return out;
}

const SUBJECT_NUMBER = /(?:№|\bN|\bNo\.?|#)\s*(\d{3,})/u;

export function classify(mail: DecodedMail, rules: RuleDef[]): Classification {
  const active = rules.filter((r) => r.enabled).sort((a, b) => a.sort - b.sort || a.id - b.id);
  if (mail.broken) {
    return { matched: false, reason: 'broken_mime', rule: null, kind: null, requestNumber: null, fields: {} };
  }
  for (const rule of active) {
    const c = compile(rule);
    let number: string | null = null;
    let hit = false;
    for (const subject of mail.subjects) {
      for (const re of c.subject) {
        const m = re.exec(subject);
        if (m) {
          hit = true;
          number = m.groups?.number ?? null;
          break;
        }
      }
      if (hit) break;
    }
    const fields = fieldsFrom(mail.texts, c.labels);
    if (!hit && fields.type) hit = c.type.some((re) => re.test(fields.type!));
    if (!hit) continue;
    if (!number) number = fields.number ?? null;
    if (!number) {
      for (const s of mail.subjects) {
        const m = SUBJECT_NUMBER.exec(s);
        if (m) {
          number = m[1]!;
          break;
        }
      }
    }
    if (rule.requireAny.length > 0 && !rule.requireAny.some((f) => fields[f])) {
      return { matched: false, reason: 'no_fields', rule, kind: rule.kind, requestNumber: number, fields };
    }
    return { matched: true, rule, kind: rule.kind, requestNumber: number, fields };
  }
  // No rule: still read what can be read, for the person who opens it in the queue.
  const union: Partial<Record<MailField, string[]>> = {};
  for (const r of active) for (const [k, v] of Object.entries(r.labels) as [MailField, string[]][]) union[k] = [...(union[k] ?? []), ...v];
  return { matched: false, reason: 'no_rule', rule: null, kind: null, requestNumber: null, fields: fieldsFrom(mail.texts, labelMap(union)) };
}
