// Whether a spreadsheet is a ГЛ call list: a CSV by its header row, an XLSX (whose text is compressed) by its name.
import { csvHeadHeaders, sheetKind } from '../imports/sheet/sheet';
import { looksLikeCallHeader } from './calls.mapping';

/** Words of a call list's file name («звонки», «вызовы», «calls», «ГЛ»), for an XLSX only. */
const CALL_NAME = /звон|вызов|обращени|call|(^|[^а-яёa-z])гл([^а-яёa-z]|$)/i;

export function detectCallList(head: Buffer, name: string): boolean {
  const kind = sheetKind(head, name);
  if (kind === 'csv') {
    const headers = csvHeadHeaders(head, name);
    return !!headers && looksLikeCallHeader(headers);
  }
  return kind === 'xlsx' && CALL_NAME.test(name.replace(/\.[^.]*$/, ''));
}
