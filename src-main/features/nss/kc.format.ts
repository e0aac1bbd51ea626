// The monthly НСС report file sent to the КЦ: typed rows in, bytes out, and our own file read back — the one place a real template would replace ours.
//
// Our own layout (the КЦ's template is not public, see DOMAIN.md «Reports to the КЦ»), the same as the Главбух request:
// CSV, UTF-8 with a BOM, `;` between fields, CRLF line ends, a header row naming the columns in Russian, every field
// quoted (an ИНН keeps its leading zero), the formula guard of src-main/files/csv.ts (a text field starting with `=`,
// `@`, `+`, `-` or a tab gets a leading apostrophe; phones and numbers are left as they are). Dates are ISO
// (YYYY-MM-DD), the КЦ loads them into its own system. **No totals line**: a loader would take it for one more client;
// the totals are kept beside the file in the archive (nss_kc_reports.totals) and the check proves the rows of the file
// sum to the month's figures (kc.check.ts). Kits: `SKJP_000123, SKJP_000124_02` (formatDistr), sorted.
import { csvField, readCsv, unguard } from '../../files/csv';
import type { NssKcRow } from '../../../src-shared/nss';

export const NSS_KC_FORMAT = 'nss-kc/1';

/** The columns in file order: the row field and its title. `clientId` is not a column (the КЦ knows clients by ИНН+КПП). */
export const NSS_KC_COLUMNS: readonly (readonly [Exclude<keyof NssKcRow, 'clientId'>, string])[] = [
  ['inn', 'ИНН'],
  ['kpp', 'КПП'],
  ['name', 'Наименование клиента'],
  ['kits', 'Комплекты НСС'],
  ['nssKits', 'Количество комплектов НСС'],
  ['contacts', 'Контактов за месяц'],
  ['glCalls', 'Обращений на горячую линию'],
  ['lk', 'Письменных консультаций'],
  ['chats', 'Онлайн-диалогов'],
  ['seminars', 'Посещений семинаров'],
  ['sioVisits', 'Визитов СИО'],
  ['pmContacts', 'Контактов персонального менеджера'],
  ['lastContactOn', 'Дата последнего контакта'],
  ['sio', 'СИО'],
  ['pm', 'Персональный менеджер'],
  ['cycleEndsOn', 'Окончание цикла НСС'],
];

const NUMERIC = new Set<keyof NssKcRow>(['nssKits', 'contacts', 'glCalls', 'lk', 'chats', 'seminars', 'sioVisits', 'pmContacts']);
const BOM = '\ufeff';

/** The text of the file (no BOM): header, then one line per row, CRLF after each. */
export function nssKcText(rows: readonly NssKcRow[]): string {
  const lines: string[] = new Array<string>(rows.length + 1);
  lines[0] = NSS_KC_COLUMNS.map(([, title]) => csvField(title)).join(';');
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    lines[i + 1] = NSS_KC_COLUMNS.map(([k]) => csvField(r[k])).join(';');
  }
  return lines.join('\r\n') + '\r\n';
}

/** The file's bytes: UTF-8 with a BOM. */
export function writeNssKc(rows: readonly NssKcRow[]): Uint8Array {
  return new Uint8Array(Buffer.from(BOM + nssKcText(rows), 'utf8'));
}

/** `НСС-КЦ-2026-11-<id>.csv` */
export const nssKcFileName = (month: string, id: number | string) => `НСС-КЦ-${month}-${id}.csv`;

export class NssKcFormatError extends Error {}

/**
 * Reads a file of this format back into rows (clientId 0: the file does not carry it). Refuses a file whose header is
 * not ours or whose line has another number of fields, or a figure that is not a whole number.
 */
export function parseNssKc(bytes: Uint8Array): Omit<NssKcRow, 'clientId'>[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const [header, ...lines] = readCsv(text);
  if (!header || header.join(';') !== NSS_KC_COLUMNS.map(([, t]) => t).join(';')) throw new NssKcFormatError('header');
  return lines.map((cells, n) => {
    if (cells.length !== NSS_KC_COLUMNS.length) throw new NssKcFormatError(`line ${n + 2}: ${cells.length} fields`);
    const row: Record<string, string | number> = {};
    NSS_KC_COLUMNS.forEach(([k], i) => {
      const v = cells[i]!;
      if (NUMERIC.has(k)) {
        if (!/^\d+$/.test(v)) throw new NssKcFormatError(`line ${n + 2}: ${k}`);
        row[k] = Number(v);
      } else row[k] = unguard(v);
    });
    return row as Omit<NssKcRow, 'clientId'>;
  });
}
