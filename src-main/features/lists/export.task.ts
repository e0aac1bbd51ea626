// Worker task `lists.export`: the client list or the documents register as XLSX, rows read on the pool thread through its own read-only connection.
import { openDb, type Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { searchClients, type SearchFilters } from '../clients/clients.search';
import { listDocuments, type ListFilter } from '../documents/documents.repo';
import { sheetWorkbook, type Cell, type SheetColumn } from './sheet';
import { clientSheetColumns, documentSheetColumns, gbCellText } from './export.columns';
import { readGbSettings } from '../glavbukh/settings';
import type { ClientColumn, DocumentColumn } from '../../../src-shared/lists';

/** What to export; the handler adds the database file and today. */
export type ListExportBody =
  | { list: 'clients'; query: string; filters: SearchFilters; columns: ClientColumn[]; params: [string, string][] }
  | { list: 'documents'; filters: Omit<ListFilter, 'limit' | 'offset'>; columns: DocumentColumn[]; params: [string, string][] };

export type ListExportInput = { dbFile: string; today: string } & ListExportBody;

export interface ListExportOutput {
  bytes: Uint8Array;
  rows: number;
  /** The client list's text search hit its candidate cap: not every matching client is in the file. */
  limited?: boolean;
}

/** Every matching row: the list's own query without its screen limit. */
const ALL = 10_000_000;

function render(db: Db, input: ListExportInput): ListExportOutput {
  // One read transaction: the rows and the names they show from one state of the database.
  return db.$client.transaction((): ListExportOutput => {
    if (input.list === 'clients') {
      const { items, limited } = searchClients(db, input.query, ALL, input.filters, input.today);
      const stages = new Map((stmt(db, 'SELECT code, name FROM readiness_stages').all() as { code: string; name: string }[]).map((s) => [s.code, s.name]));
      const gb = readGbSettings(db);
      const names = new Map(gb.programmes.map((p) => [p.code, p.name]));
      const cols = clientSheetColumns(input.columns, stages, (b) => gbCellText(b, input.today, gb.expiringDays, names));
      const rows: Cell[][] = items.map((it) => cols.map((c) => c.value(it)));
      // A text search ranks a bounded number of candidates, as on screen: the file says so rather than look complete.
      const params: [string, string][] = limited
        ? [...input.params, ['Внимание', `Поиск по тексту выбирает не больше ${rows.length} лучших совпадений: уточните запрос или выгрузите по фильтрам без текста`]]
        : input.params;
      return { bytes: sheetWorkbook('Клиенты', cols as SheetColumn[], rows, params), rows: rows.length, limited };
    }
    const { items } = listDocuments(db, { ...input.filters, limit: ALL, offset: 0 }, input.today);
    const cols = documentSheetColumns(input.columns);
    const rows: Cell[][] = items.map((d) => cols.map((c) => c.value(d)));
    return { bytes: sheetWorkbook('Документы', cols as SheetColumn[], rows, input.params), rows: rows.length };
  }).deferred();
}

export function run(input: ListExportInput): ListExportOutput {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    return render(db, input);
  } finally {
    db.$client.close();
  }
}
