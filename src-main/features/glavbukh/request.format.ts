// The file of a Главбух certification request sent to the КЦ: typed rows in, bytes out — the one place a real template would replace ours.
//
// Our own layout (the КЦ's template is not public, see DOMAIN.md «Reports to the КЦ»): CSV, UTF-8 with a BOM, `;`
// between fields, CRLF line ends, a header row naming the columns. CSV rather than XLSX because the КЦ loads lists into
// its own system, a CSV is written in a few milliseconds inside the export's transaction (no worker, no window between
// the check and the file), and it is read back exactly. Every field is quoted, so an ИНН keeps its leading zero as text
// for a reader that honours quotes, and `;`, quotes and line breaks inside names survive. A field starting with `=`, `@`
// or a tab gets a leading apostrophe so a spreadsheet never runs it as a formula (a name or a note is free text from
// the card); `+7 …` phones and `-` are left as they are — they are data a spreadsheet shows as text when quoted.

import { csvField as field } from '../../files/csv';

export const GB_REQUEST_FORMAT = 'gb-request/1';

/** One client of the request as it leaves the program (also kept as JSON in gb_request_items.row). */
export interface GbRequestRow {
  /** 1-based. */
  n: number;
  clientId: number;
  name: string;
  inn: string;
  /** '' for an ИП. */
  kpp: string;
  contactName: string;
  contactPosition: string;
  email: string;
  phone: string;
  /** `SKJP_000123, …` */
  distributions: string;
  programme: string;
}

/** Column titles in file order, and the row field each one holds. */
export const GB_REQUEST_COLUMNS: readonly (readonly [keyof GbRequestRow, string])[] = [
  ['n', '№'],
  ['programme', 'Программа'],
  ['name', 'Наименование клиента'],
  ['inn', 'ИНН'],
  ['kpp', 'КПП'],
  ['contactName', 'ФИО ответственного лица'],
  ['contactPosition', 'Должность'],
  ['email', 'Электронная почта'],
  ['phone', 'Телефон'],
  ['distributions', 'Дистрибутивы'],
  ['clientId', 'Код клиента в РИЦ'],
];

const BOM = '\ufeff';

/** The request file: header row, then one line per row. */
export function writeGbRequest(rows: readonly GbRequestRow[]): Uint8Array {
  const lines = [GB_REQUEST_COLUMNS.map(([, title]) => field(title)).join(';')];
  for (const r of rows) lines.push(GB_REQUEST_COLUMNS.map(([k]) => field(r[k])).join(';'));
  return new Uint8Array(Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8'));
}

/** The file's name: programme, date and the request's number (`GB-2026-12-04-17.csv`). */
export function gbRequestFileName(programme: string, day: string, requestId: number): string {
  return `${programme}-${day}-${requestId}.csv`;
}
