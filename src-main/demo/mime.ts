// MIME encoders for building raw messages as the КЦ sends them (demo mail and the mail tests share them).
import iconv from 'iconv-lite';

export type Charset = 'utf-8' | 'windows-1251' | 'koi8-r';

/** RFC 2047 encoded words, each under the 75-character limit (UTF-8 split on character edges). */
export function encodedWord(text: string, charset: Charset): string {
  const bytes = iconv.encode(text, charset);
  const words: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + 36);
    if (charset === 'utf-8') while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    words.push(`=?${charset}?B?${bytes.subarray(start, end).toString('base64')}?=`);
    start = end;
  }
  return words.join('\r\n ');
}

/** Base64 body in 76-character lines. */
export function base64Lines(bytes: Buffer): string {
  return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
}

/** Quoted-printable body (RFC 2045): soft breaks before 76 characters, CRLF line ends. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('latin1').split('\n')) {
    let out = '';
    let len = 0;
    const raw = Buffer.from(line.replace(/\r$/, ''), 'latin1');
    for (let i = 0; i < raw.length; i++) {
      const b = raw[i]!;
      const last = i === raw.length - 1;
      const plain = (b >= 33 && b <= 126 && b !== 61) || (b === 32 && !last);
      const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (len + piece.length > 75) {
        out += '=\r\n';
        len = 0;
      }
      out += piece;
      len += piece.length;
    }
    lines.push(out);
  }
  return lines.join('\r\n');
}
