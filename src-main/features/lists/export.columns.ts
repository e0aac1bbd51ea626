// The columns of the list exports: the screen's column keys mapped to a title, a width and a cell of the row, in Russian as the screen shows them.
import type { ClientListItem } from '../../../src-shared/types';
import type { DocumentListItem } from '../../../src-shared/doc-types';
import { DOCUMENT_TYPE_LABELS, RETURN_STATE_LABELS } from '../../../src-shared/doc-types';
import type { ClientStatus } from '../../../src-shared/api/common';
import { COLUMN_LABELS, type ClientColumn, type DocumentColumn } from '../../../src-shared/lists';
import type { Cell } from './sheet';
import { formatDate } from '../../../src-shared/format';
import { gbBadgeState, type GbBadge } from '../../../src-shared/glavbukh';

interface Col<T> {
  title: string;
  width: number;
  value: (row: T) => Cell;
}

export const CLIENT_STATUS_NAMES: Record<ClientStatus, string> = { prospect: 'Потенциальный', active: 'Действующий', suspended: 'Приостановлен', closed: 'Закрыт' };
const SCHEME_NAMES: Record<string, string> = { nss: 'НСС', standard: 'Стандарт', mixed: 'Смешанная' };

/** A badge as the list shows it, for a cell (`today` and the settings' days decide «истекает»). */
export function gbCellText(badges: GbBadge[], today: string, expiringDays: number, names: Map<string, string>): string | null {
  if (!badges.length) return null;
  return badges
    .map((b) => {
      const name = names.get(b.programme) ?? b.programme;
      const until = b.validUntil ? formatDate(b.validUntil) : '';
      const state = gbBadgeState(b, today, expiringDays);
      if (state === 'requested') return `${name}: заявка`;
      if (state === 'expired') return `${name}: истёк ${until}`.trim();
      if (state === 'expiring') return `${name}: истекает ${until}`.trim();
      return until ? `${name}: сертифицирован до ${until}` : `${name}: сертифицирован`;
    })
    .join('; ');
}

export function clientSheetColumns(keys: readonly ClientColumn[], stages: Map<string, string>, gbText: (b: GbBadge[]) => string | null = () => null): Col<ClientListItem>[] {
  const all: Record<ClientColumn, Omit<Col<ClientListItem>, 'title'>> = {
    name: { width: 48, value: (c) => (c.isKey ? `${c.name} (ключевой)` : c.name) },
    inn: { width: 14, value: (c) => c.inn },
    city: { width: 18, value: (c) => c.city },
    phone: { width: 20, value: (c) => c.phone },
    sio: { width: 28, value: (c) => c.sioName },
    scheme: { width: 12, value: (c) => (c.schemes ? SCHEME_NAMES[c.schemes] : null) },
    ready: { width: 28, value: (c) => c.ready.map((code) => stages.get(code) ?? code).join(', ') },
    gb: { width: 34, value: (c) => gbText(c.gb) },
    status: { width: 16, value: (c) => CLIENT_STATUS_NAMES[c.status] },
  };
  return keys.map((k) => ({ title: COLUMN_LABELS.clients[k]!, ...all[k] }));
}

export function documentSheetColumns(keys: readonly DocumentColumn[]): Col<DocumentListItem>[] {
  const all: Record<DocumentColumn, Omit<Col<DocumentListItem>, 'title'>> = {
    type: { width: 22, value: (d) => DOCUMENT_TYPE_LABELS[d.type] },
    number: { width: 16, value: (d) => d.number },
    date: { width: 11, value: (d) => ({ date: d.date }) },
    client: { width: 44, value: (d) => d.clientName },
    contract: { width: 16, value: (d) => d.parentNumber },
    amount: { width: 14, value: (d) => (d.amountKop ? d.amountKop / 100 : null) },
    sio: { width: 28, value: (d) => d.sio?.fullName },
    planned: { width: 12, value: (d) => (d.plannedReturn ? { date: d.plannedReturn } : null) },
    state: { width: 24, value: (d) => (d.returnState === 'not_tracked' ? 'Не отслеживается' : RETURN_STATE_LABELS[d.returnState]) },
  };
  return keys.map((k) => ({ title: COLUMN_LABELS.documents[k]!, ...all[k] }));
}
