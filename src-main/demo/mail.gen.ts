// Raw RFC 822 messages as the КЦ sends them (see specimens/mail): UTF-8 base64, windows-1251 HTML, koi8-r quoted-printable.
import iconv from 'iconv-lite';
import { base64Lines, encodedWord, quotedPrintable, type Charset } from './mime';

export type { Charset };

export interface DemoMail {
  subject: string;
  /** `Label: value` lines of the body (after the opening sentence). */
  fields: [label: string, value: string][];
  /** The sentence that opens the body. */
  intro: string;
  signature: string | null;
  from: { name: string; address: string };
  messageId: string;
  /** When the КЦ sent it. */
  sentAt: Date;
  layout: 'plain-base64' | 'html-1251' | 'koi8-qp';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The Date header in Moscow time, as the КЦ's server writes it: `Thu, 26 Nov 2026 09:41:00 +0300`. */
export function mailDate(at: Date): string {
  const m = new Date(at.getTime() + 3 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[m.getUTCDay()]}, ${m.getUTCDate()} ${MONTHS[m.getUTCMonth()]} ${m.getUTCFullYear()} ${p(m.getUTCHours())}:${p(m.getUTCMinutes())}:${p(m.getUTCSeconds())} +0300`;
}

function plainBody(m: DemoMail): string {
  // A long value (the question itself) goes under its label, as in the «Задать вопрос» specimen.
  const lines = [m.intro, '', ...m.fields.map(([k, v]) => (v.includes('\n') ? `${k}:\r\n${v.split('\n').join('\r\n')}` : `${k}: ${v}`))];
  if (m.signature) lines.push('', '-- ', m.signature);
  return `${lines.join('\r\n')}\r\n`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function htmlBody(m: DemoMail): string {
  const rows = m.fields.map(([k, v]) => `<tr><td><b>${esc(k)}:</b></td><td>${esc(v).split('\n').join('<br>')}</td></tr>`).join('');
  const sig = m.signature ? `<p>${esc(m.signature)}</p>` : '';
  return `<html><body><p>${esc(m.intro)}</p><table border=1>${rows}</table>${sig}</body></html>`;
}

function headers(m: DemoMail, charset: Charset): string[] {
  return [
    `Subject: ${encodedWord(m.subject, charset)}`,
    `From: ${encodedWord(m.from.name, 'utf-8')} <${m.from.address}>`,
    'To: zayavki@ric-demo.example',
    `Date: ${mailDate(m.sentAt)}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
  ];
}

/** KOI8-R has no guillemets, «№» or dashes: its senders write "", N and -, as in the specimen. */
function koiSafe(m: DemoMail): DemoMail {
  const t = (v: string) => v.replace(/[«»„“”]/g, '"').replace(/№/g, 'N').replace(/[—–]/g, '-');
  return { ...m, subject: t(m.subject), intro: t(m.intro), signature: m.signature && t(m.signature), fields: m.fields.map(([k, v]) => [t(k), t(v)]) };
}

/** The message as bytes, in one of the three layouts of the specimens. */
export function buildMail(m: DemoMail): Buffer {
  if (m.layout === 'html-1251') {
    const b = `===============${m.messageId.replace(/\D/g, '').slice(0, 19).padEnd(19, '7')}==`;
    const part = (type: string, text: string) =>
      `--${b}\r\nContent-Type: text/${type}; charset="windows-1251"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(iconv.encode(text, 'windows-1251'))}\r\n`;
    const head = [...headers(m, 'windows-1251'), `Content-Type: multipart/alternative;\r\n boundary="${b}"`];
    return Buffer.from(`${head.join('\r\n')}\r\n\r\n${part('plain', plainBody(m))}${part('html', htmlBody(m))}--${b}--\r\n`, 'latin1');
  }
  const charset: Charset = m.layout === 'koi8-qp' ? 'koi8-r' : 'utf-8';
  if (charset === 'koi8-r') m = koiSafe(m);
  const bytes = iconv.encode(plainBody(m), charset);
  const cte = m.layout === 'koi8-qp' ? 'quoted-printable' : 'base64';
  const head = [...headers(m, charset), `Content-Type: text/plain; charset="${charset}"`, `Content-Transfer-Encoding: ${cte}`];
  const body = cte === 'base64' ? base64Lines(bytes) : quotedPrintable(bytes);
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}\r\n`, 'latin1');
}

/**
 * A message the mail program cut short: it declares a multipart body whose parts never come (the boundary
 * is missing), as happens when a forward is interrupted. The parser sends it to the queue as broken MIME.
 */
export function brokenMail(subject: string, from: { name: string; address: string }, messageId: string, sentAt: Date): Buffer {
  const head = [
    `Subject: ${encodedWord(subject, 'utf-8')}`,
    `From: ${encodedWord(from.name, 'utf-8')} <${from.address}>`,
    'To: zayavki@ric-demo.example',
    `Date: ${mailDate(sentAt)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="----=_Part_4471_1939381064.1764143960331"',
  ];
  const body = base64Lines(iconv.encode('Поступила заявка с сайта КонсультантПлюс.\r\n\r\nТип заявки: Прайс-лист\r\nНомер заявки: ', 'utf-8')).slice(0, 90);
  return Buffer.from(`${head.join('\r\n')}\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n${body}\r\n`, 'latin1');
}
