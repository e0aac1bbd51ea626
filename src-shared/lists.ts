// Lists people work with: the lists that keep saved filters and column choices, and the columns each list offers.
export const LISTS = ['clients', 'documents'] as const;
export type ListName = (typeof LISTS)[number];

/** Columns of the client list in their natural order; «name» is always shown. */
export const CLIENT_COLUMNS = ['name', 'inn', 'city', 'phone', 'sio', 'scheme', 'ready', 'gb', 'status'] as const;
export type ClientColumn = (typeof CLIENT_COLUMNS)[number];

export const DOCUMENT_COLUMNS = ['type', 'number', 'date', 'client', 'contract', 'amount', 'sio', 'planned', 'state'] as const;
export type DocumentColumn = (typeof DOCUMENT_COLUMNS)[number];

export const COLUMN_LABELS: Record<ListName, Record<string, string>> = {
  clients: { name: 'Наименование', inn: 'ИНН', city: 'Город', phone: 'Телефон', sio: 'СИО', scheme: 'Схема', ready: 'Готовность', gb: 'Главбух', status: 'Статус' },
  documents: { type: 'Тип', number: 'Номер', date: 'Дата', client: 'Клиент', contract: 'Договор', amount: 'Сумма', sio: 'СИО', planned: 'Вернуть до', state: 'Состояние' },
};

export interface SavedFilter {
  id: number;
  list: ListName;
  name: string;
  /** As the screen saved them; the screen checks them again when applying (an older program may have saved them). */
  filters: Record<string, unknown>;
}

/** What a bulk action on clients did: how many changed, and which were already so (no entry for those). */
export interface BulkResult {
  changed: number;
  unchanged: number;
}
