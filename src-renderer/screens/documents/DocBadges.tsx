// Badges of documents: the return state (one colour per state) with the planned or actual date, and the document status.
import { Badge } from '@mantine/core';
import { RETURN_STATE_LABELS, type DocumentListItem, type DocumentStatus, type DocumentType } from '../../../src-shared/doc-types';
import { formatDate, formatDays } from '../../../src-shared/format';
import { agree } from '../../../src-shared/doc-gender';
import { stateColor } from './docUi';

type Item = Pick<DocumentListItem, 'type' | 'returnState' | 'plannedReturn' | 'returnedAt' | 'daysOverdue'>;

/** «Просрочен на 5 дней», «Ожидается до 12.12.2026», «Возвращена в срок 03.12.2026» (in the gender of the document's type). */
export function returnStateText(d: Item): string {
  switch (d.returnState) {
    case 'overdue':
      return `${agree(d.type, 'Просрочен')} на ${formatDays(d.daysOverdue)}`;
    case 'awaited':
      return `Ожидается до ${formatDate(d.plannedReturn)}`;
    case 'returned_in_time':
      return `${agree(d.type, 'Возвращён')} в срок ${formatDate(d.returnedAt)}`;
    case 'returned_late':
      return `${agree(d.type, 'Возвращён')} ${formatDate(d.returnedAt)}, позже на ${formatDays(d.daysOverdue)}`;
    case 'not_tracked':
      return RETURN_STATE_LABELS.not_tracked;
  }
}

/** The same in a narrow table column; the full text is in the tooltip. */
function shortText(d: Item): string {
  switch (d.returnState) {
    case 'overdue':
      return `${agree(d.type, 'Просрочен')} ${d.daysOverdue}\u00a0дн.`;
    case 'returned_late':
      return `${agree(d.type, 'Возвращён')}, позже на ${d.daysOverdue}\u00a0дн.`;
    case 'returned_in_time':
      return `${agree(d.type, 'Возвращён')} в срок`;
    default:
      return RETURN_STATE_LABELS[d.returnState];
  }
}

export function ReturnStateBadge({ d, today, short = false }: { d: Item; today: string; short?: boolean }) {
  const color = stateColor(d.returnState, d.plannedReturn, today);
  return (
    <Badge
      size="sm"
      radius="sm"
      tt="none"
      fw={600}
      variant={d.returnState === 'not_tracked' ? 'outline' : 'light'}
      color={color}
      data-state={d.returnState}
      data-testid="return-state"
      title={returnStateText(d)}
    >
      {short ? shortText(d) : returnStateText(d)}
    </Badge>
  );
}

const STATUS_LABELS: Record<DocumentStatus, string> = { draft: 'Черновик', issued: 'Выдан', cancelled: 'Аннулирован' };
export const DOCUMENT_STATUS_LABELS = STATUS_LABELS;

/** Only the unusual statuses are shown: an issued document is the normal case. */
export function StatusBadge({ status, type }: { status: DocumentStatus; type: DocumentType }) {
  if (status === 'issued') return null;
  return (
    <Badge size="sm" radius="sm" tt="none" fw={600} variant="outline" color="gray" data-testid="doc-status">
      {agree(type, STATUS_LABELS[status])}
    </Badge>
  );
}
