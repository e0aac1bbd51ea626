// Guessing the charset of a single-part Russian message that does not declare one (old mailers send raw windows-1251 or koi8-r).
import iconv from 'iconv-lite';

function qpDecode(s: string): Buffer {
  const clean = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    if (clean[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(clean.slice(i + 1, i + 3))) {
      out.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Buffer.from(out);
}

/** Lower-case Cyrillic letters are the bulk of Russian text; the right charset produces the most of them. */
function score(text: string): number {
  let n = 0;
  for (const ch of text) if (ch >= 'а' && ch <= 'я') n++;
  return n - 5 * (text.match(/\uFFFD/g)?.length ?? 0);
}

/**
 * The body of a single-part message decoded by the best of utf-8, windows-1251 and koi8-r, or null when
 * the message is multipart or declares a charset (then mailparser's reading stands).
 */
export function guessBody(raw: Buffer): { text: string; html: boolean } | null {
  const text = raw.toString('latin1');
  const sep = text.search(/\r?\n\r?\n/);
  if (sep < 0) return null;
  const head = text.slice(0, sep).replace(/\r?\n[ \t]+/g, ' ');
  const ct = /^content-type:\s*([^\r\n]*)/im.exec(head)?.[1] ?? 'text/plain';
  if (!/^\s*text\/(plain|html)/i.test(ct) || /charset\s*=/i.test(ct)) return null;
  const cte = (/^content-transfer-encoding:\s*([^\s;]+)/im.exec(head)?.[1] ?? '').toLowerCase();
  const bodyLatin = text.slice(sep).replace(/^\r?\n\r?\n/, '');
  const bytes = cte === 'base64' ? Buffer.from(bodyLatin, 'base64') : cte === 'quoted-printable' ? qpDecode(bodyLatin) : Buffer.from(bodyLatin, 'latin1');
  let best: { text: string; score: number } | null = null;
  for (const cs of ['utf-8', 'windows-1251', 'koi8-r']) {
    const t = iconv.decode(bytes, cs);
    const s = score(t);
    if (!best || s > best.score) best = { text: t, score: s };
  }
  return best && best.score > 0 ? { text: best.text, html: /^\s*text\/html/i.test(ct) } : null;
}
