// The usr feature's import format: a USR file (`CONS#<n>_….usr`, root `user_info`), one record per file.
import iconv from 'iconv-lite';
import { registerFormat } from '../imports/formats';
import type { DirectFormat } from '../imports/format';
import { usrParseTask } from './usr.workers';
import type { UsrRecord } from './usr.parse';
import { applyUsr } from './usr.apply';

/** The root `<user_info`, after an XML declaration, comments and processing instructions. */
const ROOT_USR = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<user_info[\s>/]/i;

/** The head as text good enough for ASCII tags: UTF-16 decoded, every single-byte encoding read as Latin-1. */
function headText(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return iconv.decode(head, 'utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return iconv.decode(head, 'utf-16be');
  const s = head.toString('latin1');
  return s.startsWith('\u00ef\u00bb\u00bf') ? s.slice(3) : s;
}

/** A name ending in `.usr` (any case; `CONS#<n>_….usr` is the usual one) or a head whose root is `user_info`. */
export function detectUsr(head: Buffer, name: string): boolean {
  if (/\.usr$/i.test(name.trim())) return true;
  return ROOT_USR.test(headText(head));
}

export const usrFileFormat: DirectFormat<UsrRecord> = registerFormat<DirectFormat<UsrRecord>>({
  kind: 'usr.file',
  mode: 'direct',
  detect: detectUsr,
  parse: usrParseTask,
  apply: (parsed, ctx) => applyUsr(parsed, ctx),
});
