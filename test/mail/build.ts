// Test helper: builds RFC 822 messages of the shapes the КЦ sends (charsets, base64/QP/8bit, HTML-only, forwarded) and lead bodies.
import iconv from 'iconv-lite';
import { base64Lines, encodedWord, quotedPrintable, type Charset } from '../../src-main/demo/mime';

export type { Charset };
export type Cte = 'base64' | 'quoted-printable' | '8bit';

export interface MailSpec {
  subject: string;
  text?: string;
  html?: string;
  charset?: Charset;
  cte?: Cte;
  from?: string;
  messageId?: string | null;
  date?: string;
  /** Extra header lines, written as given. */
  headers?: string[];
}

let seq = 0;
export function uniqueMessageId(tag = 'test'): string {
  seq++;
  return `<${Date.now().toString(36)}.${process.pid}.${seq}.${Math.random().toString(36).slice(2)}@${tag}.example>`;
}

function encodeBody(text: string, charset: Charset, cte: Cte): string {
  const bytes = iconv.encode(text.replace(/\r?\n/g, '\r\n'), charset);
  if (cte === 'base64') return base64Lines(bytes);
  if (cte === 'quoted-printable') return quotedPrintable(bytes);
  return bytes.toString('latin1');
}

function part(type: 'plain' | 'html', body: string, charset: Charset, cte: Cte): string {
  return `Content-Type: text/${type}; charset="${charset}"\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n${encodeBody(body, charset, cte)}\r\n`;
}

function headerBlock(spec: MailSpec, charset: Charset): string[] {
  const h = [
    `From: ${spec.from ?? `${encodedWord('НПО ВМИ-КЦ', 'utf-8')} <zayavki@kc.example>`}`,
    'To: ric@ric.example',
    `Subject: ${encodedWord(spec.subject, charset)}`,
    `Date: ${spec.date ?? 'Thu, 26 Nov 2026 09:41:00 +0300'}`,
    'MIME-Version: 1.0',
  ];
  if (spec.messageId !== null) h.push(`Message-ID: ${spec.messageId ?? uniqueMessageId()}`);
  return [...h, ...(spec.headers ?? [])];
}

/** A message as bytes: plain, HTML-only, or both (multipart/alternative). Bytes stay as encoded (latin1 for 8bit). */
export function buildMail(spec: MailSpec): Buffer {
  const charset = spec.charset ?? 'utf-8';
  const cte = spec.cte ?? 'base64';
  const h = headerBlock(spec, charset);
  let body: string;
  if (spec.text != null && spec.html != null) {
    const b = `=_alt_${Math.random().toString(36).slice(2)}`;
    h.push(`Content-Type: multipart/alternative; boundary="${b}"`);
    body = `--${b}\r\n${part('plain', spec.text, charset, cte)}--${b}\r\n${part('html', spec.html, charset, cte)}--${b}--\r\n`;
    return Buffer.from(`${h.join('\r\n')}\r\n\r\n${body}`, 'latin1');
  }
  const [type, content] = spec.html != null ? (['html', spec.html] as const) : (['plain', spec.text ?? ''] as const);
  h.push(`Content-Type: text/${type}; charset="${charset}"`, `Content-Transfer-Encoding: ${cte}`);
  return Buffer.from(`${h.join('\r\n')}\r\n\r\n${encodeBody(content, charset, cte)}\r\n`, 'latin1');
}

/** Forwarded as an attachment: the original rides inside a message/rfc822 part. */
export function forwardAsAttachment(original: Buffer, subject: string, messageId?: string): Buffer {
  const b = `=_mix_${Math.random().toString(36).slice(2)}`;
  const head = [
    `From: ${encodedWord('Оператор', 'utf-8')} <operator@ric.example>`,
    'To: ric@ric.example',
    `Subject: ${encodedWord(subject, 'utf-8')}`,
    'Date: Thu, 26 Nov 2026 10:00:00 +0300',
    'MIME-Version: 1.0',
    `Message-ID: ${messageId ?? uniqueMessageId('fwd')}`,
    `Content-Type: multipart/mixed; boundary="${b}"`,
  ].join('\r\n');
  const note = part('plain', 'Пересылаю заявку, см. вложение.', 'utf-8', 'base64');
  return Buffer.concat([
    Buffer.from(`${head}\r\n\r\n--${b}\r\n${note}--${b}\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename="zayavka.eml"\r\n\r\n`, 'latin1'),
    original,
    Buffer.from(`\r\n--${b}--\r\n`, 'latin1'),
  ]);
}

/** Forwarded inline, as mail programs do: a note, the original header block and its text quoted with `> `. */
export function forwardInlineText(originalSubject: string, originalText: string, quote: boolean): string {
  const body = quote
    ? originalText
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')
    : originalText;
  return `Коллеги, заявка ниже.\n\n-------- Пересланное сообщение --------\nОт: НПО ВМИ-КЦ <zayavki@kc.example>\nТема: ${originalSubject}\nКому: ric@ric.example\n\n${body}\n`;
}

export interface LeadSpec {
  typeText: string;
  number: string;
  fields: [label: string, value: string][];
}

export function leadText(l: LeadSpec): string {
  const lines = ['Поступила заявка с сайта КонсультантПлюс.', '', ...l.fields.map(([k, v]) => `${k}: ${v}`), '', '-- ', 'НПО «ВМИ-КЦ», служба обработки заявок'];
  return lines.join('\n');
}

export function leadHtml(l: LeadSpec): string {
  const rows = l.fields.map(([k, v]) => `<tr><td><b>${k}:</b></td><td>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</td></tr>`).join('');
  return `<html><head><style>td{padding:2px}</style></head><body><p>Поступила заявка с сайта&nbsp;КонсультантПлюс.</p><table border=1>${rows}</table><p>НПО &laquo;ВМИ-КЦ&raquo;</p></body></html>`;
}

/** Deterministic pseudo-random numbers, so a failing variant can be reproduced from its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

export function shuffle<T>(rnd: () => number, list: readonly T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
