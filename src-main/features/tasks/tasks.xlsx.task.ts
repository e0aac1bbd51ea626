// Worker task `tasks.reportXlsx`: the tasks report as a workbook — leads by employee and by result, questions by employee, and the report's rows as they are.
import * as XLSX from 'xlsx';
import type { ContactResult, TaskKind, TaskReport, TaskReportRow } from '../../../src-shared/mail-types';
import {
  CONTACT_RESULT_LABELS,
  LEAD_KINDS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  pivot,
  resultsSeen,
  total,
  type ReportBucket,
} from '../../../src-shared/task-report';
import { TASK_STATUSES } from '../../../src-shared/mail-types';

type Cell = string | number | null;

interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Column widths in characters. */
  widths: number[];
}

const QUESTION: readonly TaskKind[] = ['question'];
const minutes = (v: number | null) => (v == null ? null : Math.round(v));
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

function leadsByEmployee(rows: readonly TaskReportRow[]): Sheet {
  const line = (b: ReportBucket): Cell[] => [
    b.label,
    b.count,
    ...LEAD_KINDS.map((k) => b.byKind[k] ?? 0),
    (b.byStatus.new ?? 0) + (b.byStatus.in_work ?? 0),
    b.late,
    minutes(b.firstContactAvgMin),
    minutes(b.firstContactMaxMin),
  ];
  return {
    name: 'Заявки по сотрудникам',
    header: ['Сотрудник', 'Всего', ...LEAD_KINDS.map((k) => TASK_KIND_LABELS[k]), 'Открыто', 'Просрочено', 'До первого контакта, мин (среднее)', 'До первого контакта, мин (макс.)'],
    rows: [...pivot(rows, 'assignee', LEAD_KINDS).map(line), line(total(rows, LEAD_KINDS))],
    widths: [32, 8, 12, 12, 15, 9, 12, 22, 22],
  };
}

function leadsByResult(rows: readonly TaskReportRow[]): Sheet {
  const results = resultsSeen(rows, LEAD_KINDS);
  const label = (r: ContactResult | 'none') => (r === 'none' ? 'Без результата (открыто)' : CONTACT_RESULT_LABELS[r]);
  const byKind = pivot(rows, 'kind', LEAD_KINDS);
  const line = (b: ReportBucket): Cell[] => [b.label, ...results.map((r) => b.byResult[r] ?? 0), b.count];
  return {
    name: 'Заявки по результатам',
    header: ['Вид заявки', ...results.map(label), 'Всего'],
    rows: [...byKind.map(line), line(total(rows, LEAD_KINDS))],
    widths: [20, ...results.map(() => 16), 8],
  };
}

function questionsByEmployee(rows: readonly TaskReportRow[], imported: TaskReport['importedQuestions']): Sheet {
  const line = (b: ReportBucket): Cell[] => [
    b.label,
    b.count,
    ...TASK_STATUSES.map((s) => b.byStatus[s] ?? 0),
    b.late,
    minutes(b.firstContactAvgMin),
    minutes(b.closeAvgMin),
  ];
  return {
    name: 'Вопросы',
    header: ['Сотрудник', 'Всего', ...TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s]), 'Просрочено', 'До первого контакта, мин (среднее)', 'До ответа, мин (среднее)'],
    rows: [
      ...pivot(rows, 'assignee', QUESTION).map(line),
      line(total(rows, QUESTION)),
      // Questions known only from the КЦ's export: on the clients' timelines, not tasks of anyone.
      ...(imported.count > 0 ? [[`Из выгрузки «Задать вопрос», без поручения (без клиента: ${imported.withoutClient})`, imported.count]] : []),
    ],
    widths: [32, 8, 9, 10, 11, 11, 12, 22, 18],
  };
}

function rawRows(rows: readonly TaskReportRow[]): Sheet {
  return {
    name: 'Данные',
    header: ['Вид', 'Статус', 'Результат', 'Сотрудник', 'Количество', 'Просрочено', 'До первого контакта, мин (среднее)', 'До первого контакта, мин (макс.)', 'До закрытия, мин (среднее)'],
    rows: rows.map((r) => [
      TASK_KIND_LABELS[r.kind],
      TASK_STATUS_LABELS[r.status],
      r.result ? CONTACT_RESULT_LABELS[r.result] : '',
      r.assignee?.fullName ?? 'Не назначено',
      r.count,
      r.late,
      minutes(r.firstContactAvgMin),
      minutes(r.firstContactMaxMin),
      minutes(r.closeAvgMin),
    ]),
    widths: [16, 12, 26, 32, 11, 11, 22, 22, 20],
  };
}

function toWorksheet(s: Sheet, title: string): XLSX.WorkSheet {
  // A title line, an empty line, then the table with its header row.
  const ws = XLSX.utils.aoa_to_sheet([[title], [], s.header, ...s.rows.map((r) => r.map((c) => c ?? ''))]);
  ws['!cols'] = s.widths.map((wch) => ({ wch }));
  ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 2, c: 0 }, e: { r: 2 + s.rows.length, c: s.header.length - 1 } }) };
  return ws;
}

/** The workbook as base64 and a file name naming the period. */
export function run(report: TaskReport): { fileName: string; base64: string } {
  const period = `${ddmmyyyy(report.from)}–${ddmmyyyy(report.to)}`;
  const wb = XLSX.utils.book_new();
  const sheets = [leadsByEmployee(report.rows), leadsByResult(report.rows), questionsByEmployee(report.rows, report.importedQuestions ?? { count: 0, withoutClient: 0 }), rawRows(report.rows)];
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, toWorksheet(s, `${s.name} за ${period}`), s.name);
  wb.Props = { Title: `Заявки и вопросы за ${period}`, Author: 'РИЦ CRM' };
  const base64 = XLSX.write(wb, { type: 'base64', bookType: 'xlsx', compression: true }) as string;
  return { fileName: `Заявки и вопросы ${report.from} — ${report.to}.xlsx`, base64 };
}
