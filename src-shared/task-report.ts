// Russian names of task codes and the pivots of the tasks report, shared by the report screen and its XLSX export.
import type { AttemptOutcome, ContactResult, TaskKind, TaskReportRow, TaskStatus } from './mail-types';
import { CONTACT_RESULTS, TASK_STATUSES } from './mail-types';

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  lead_price: 'Прайс-лист',
  lead_demo: 'Демоверсия',
  lead_trial: 'Пробный доступ',
  question: 'Вопрос',
  other: 'Прочее',
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  new: 'Новое',
  in_work: 'В работе',
  done: 'Выполнено',
  declined: 'Отклонено',
};

export const CONTACT_RESULT_LABELS: Record<ContactResult, string> = {
  sold: 'Продажа',
  demo_installed: 'Установлена демоверсия',
  trial_given: 'Предоставлен пробный доступ',
  price_sent: 'Отправлен прайс-лист',
  answered: 'Дан ответ',
  callback_later: 'Перезвонить позже',
  refused: 'Отказ',
  no_answer: 'Не дозвонились',
  wrong_contact: 'Неверные контакты',
  duplicate: 'Повторная заявка',
  other: 'Другое',
};

export const ATTEMPT_OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  no_answer: 'Не отвечает',
  busy: 'Занято',
  callback: 'Просили перезвонить',
  left_message: 'Оставлено сообщение',
  unavailable: 'Нет на месте',
  other: 'Другое',
};

export const LEAD_KINDS = ['lead_price', 'lead_demo', 'lead_trial'] as const satisfies readonly TaskKind[];
export const isLead = (k: TaskKind): boolean => (LEAD_KINDS as readonly TaskKind[]).includes(k);

/** «45 мин», «2 ч 05 мин», «3 дн 4 ч» — durations of the report and the task card. */
export function formatMinutes(min: number | null | undefined): string {
  if (min == null || !Number.isFinite(min)) return '';
  const m = Math.max(0, Math.round(min));
  if (m < 60) return `${m} мин`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} ч ${String(m % 60).padStart(2, '0')} мин`;
  return `${Math.floor(h / 24)} дн ${h % 24} ч`;
}

/** One line of a pivot: the tasks of one employee (or kind, result, status) with counts and times. */
export interface ReportBucket {
  key: string;
  label: string;
  count: number;
  /** Still open past the deadline, or closed after it. */
  late: number;
  byKind: Partial<Record<TaskKind, number>>;
  byStatus: Partial<Record<TaskStatus, number>>;
  byResult: Partial<Record<ContactResult | 'none', number>>;
  firstContactAvgMin: number | null;
  firstContactMaxMin: number | null;
  closeAvgMin: number | null;
}

const NOBODY = 'Не назначено';

export type PivotBy = 'assignee' | 'kind' | 'status' | 'result';

function keyOf(r: TaskReportRow, by: PivotBy): { key: string; label: string } {
  switch (by) {
    case 'assignee':
      return r.assignee ? { key: `e${r.assignee.id}`, label: r.assignee.fullName } : { key: 'none', label: NOBODY };
    case 'kind':
      return { key: r.kind, label: TASK_KIND_LABELS[r.kind] };
    case 'status':
      return { key: r.status, label: TASK_STATUS_LABELS[r.status] };
    case 'result':
      return r.result ? { key: r.result, label: CONTACT_RESULT_LABELS[r.result] } : { key: 'none', label: 'Без результата (открыто)' };
  }
}

const add = <K extends string>(rec: Partial<Record<K, number>>, k: K, n: number) => {
  rec[k] = (rec[k] ?? 0) + n;
};

/**
 * Groups the report's rows by one dimension. A row's averages cover its tasks that reached first contact
 * (or closing); within one row the status is fixed, so either all of its tasks count or none do, and the
 * merged average is weighted by the row's count.
 */
export function pivot(rows: readonly TaskReportRow[], by: PivotBy, kinds?: readonly TaskKind[]): ReportBucket[] {
  const acc = new Map<string, ReportBucket & { fcW: number; fcSum: number; clW: number; clSum: number }>();
  for (const r of rows) {
    if (kinds && !kinds.includes(r.kind)) continue;
    const { key, label } = keyOf(r, by);
    let b = acc.get(key);
    if (!b) {
      b = { key, label, count: 0, late: 0, byKind: {}, byStatus: {}, byResult: {}, firstContactAvgMin: null, firstContactMaxMin: null, closeAvgMin: null, fcW: 0, fcSum: 0, clW: 0, clSum: 0 };
      acc.set(key, b);
    }
    b.count += r.count;
    b.late += r.late;
    add(b.byKind, r.kind, r.count);
    add(b.byStatus, r.status, r.count);
    add(b.byResult, r.result ?? 'none', r.count);
    if (r.firstContactAvgMin != null) {
      b.fcW += r.count;
      b.fcSum += r.firstContactAvgMin * r.count;
    }
    if (r.firstContactMaxMin != null) b.firstContactMaxMin = Math.max(b.firstContactMaxMin ?? 0, r.firstContactMaxMin);
    if (r.closeAvgMin != null) {
      b.clW += r.count;
      b.clSum += r.closeAvgMin * r.count;
    }
  }
  const round = (v: number) => Math.round(v * 10) / 10;
  const out = [...acc.values()].map(({ fcW, fcSum, clW, clSum, ...b }) => ({
    ...b,
    firstContactAvgMin: fcW ? round(fcSum / fcW) : null,
    closeAvgMin: clW ? round(clSum / clW) : null,
  }));
  // Employees by name (the unassigned last); codes in their declared order.
  const order: readonly string[] = by === 'status' ? TASK_STATUSES : by === 'result' ? [...CONTACT_RESULTS, 'none'] : [];
  return out.sort((a, b) =>
    by === 'assignee'
      ? Number(a.key === 'none') - Number(b.key === 'none') || a.label.localeCompare(b.label, 'ru')
      : by === 'kind'
        ? a.label.localeCompare(b.label, 'ru')
        : order.indexOf(a.key) - order.indexOf(b.key),
  );
}

/** The totals line of a pivot. */
export function total(rows: readonly TaskReportRow[], kinds?: readonly TaskKind[]): ReportBucket {
  const [all] = pivot(
    rows.map((r) => ({ ...r, assignee: null })),
    'assignee',
    kinds,
  );
  return { ...(all ?? emptyBucket()), key: 'total', label: 'Итого' };
}

function emptyBucket(): ReportBucket {
  return { key: 'total', label: 'Итого', count: 0, late: 0, byKind: {}, byStatus: {}, byResult: {}, firstContactAvgMin: null, firstContactMaxMin: null, closeAvgMin: null };
}

/** Results that occur among the given kinds, in the declared order (the columns of the results table). */
export function resultsSeen(rows: readonly TaskReportRow[], kinds: readonly TaskKind[]): (ContactResult | 'none')[] {
  const seen = new Set(rows.filter((r) => kinds.includes(r.kind)).map((r) => r.result ?? 'none'));
  return ([...CONTACT_RESULTS, 'none'] as const).filter((r) => seen.has(r));
}
