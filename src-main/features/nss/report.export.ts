// The НСС report as XLSX (clients or staff, a sheet of months, the filters) and as PDF — the same rows as the screen.
import * as XLSX from 'xlsx';
import { deflateZip } from '../reports/zip-deflate';
import { head } from '../print/forms/usr-reports.form';
import type { PdfWriter } from '../print/pdf/writer';
import { formatDate } from '../../../src-shared/format';
import type { NssClientRow, NssCycleView, NssMix, NssStaffRow } from '../../../src-shared/nss';
import type { NssReportResult } from './report.query';

export const MIX_LABELS: Record<NssMix, string> = { nss: 'НСС', standard: 'стандарт', mixed: 'смешанная', none: '—' };
export const CYCLE_LABELS: Record<NssCycleView, string> = { ahead: 'впереди', due: 'пора продлевать', overdue: 'просрочен', renewed: 'продлён', lapsed: 'не продлён' };

type Cell = XLSX.CellObject | undefined;
const s = (v: string | null | undefined): Cell => (v ? { t: 's', v } : undefined);
const n = (v: number | null): Cell => (v == null ? undefined : { t: 'n', v });

const CLIENT_HEAD = ['Клиент', 'СИО', 'Персональный менеджер', 'Схемы', 'Месяцев НСС', 'Контактов', 'В месяц', 'План в месяц', 'Месяцев ниже плана', 'ГЛ, звонков', 'ГЛ, минут', 'ЛК', 'Онлайн-диалог', 'ПМ', 'Визиты СИО', 'Семинары', 'Другие', 'Последний контакт', 'Дней без контакта', 'Наибольший перерыв', 'Перерыв больше плана', 'Цикл до', 'Цикл'];
const STAFF_HEAD = ['Сотрудник', 'Клиентов НСС', 'Контактов', 'Контактов в неделю', 'ГЛ, звонков', 'ГЛ, минут', 'ЛК', 'Онлайн-диалог', 'ПМ', 'Визиты СИО', 'Семинары', 'Другие', 'Перерыв больше плана', 'Циклов к продлению'];

export function clientCells(r: NssClientRow): (string | number | null)[] {
  return [r.name, r.sioName, r.pmName, MIX_LABELS[r.mix], r.months, r.contacts, r.perMonth, r.planPerMonth, r.monthsBelowPlan, r.glCalls, r.glMinutes, r.lk, r.chats, r.pmContacts, r.sioVisits, r.seminars, r.otherContacts, r.lastContactOn ? formatDate(r.lastContactOn) : null, r.daysSinceContact, r.maxGapDays, r.overGap ? 'да' : 'нет', r.cycleEndsOn ? formatDate(r.cycleEndsOn) : null, r.cycleView ? CYCLE_LABELS[r.cycleView] : null];
}

export function staffCells(r: NssStaffRow): (string | number | null)[] {
  return [r.name || 'Не назначен', r.clients, r.contacts, r.contactsPerWeek, r.glCalls, r.glMinutes, r.lk, r.chats, r.pmContacts, r.sioVisits, r.seminars, r.otherContacts, r.overGapClients, r.cyclesDue];
}

const cell = (v: string | number | null): Cell => (typeof v === 'number' ? n(v) : s(v));

function sheet(header: string[], rows: (string | number | null)[][]): XLSX.WorkSheet {
  const data: Cell[][] = [header.map((h) => ({ t: 's', v: h })), ...rows.map((r) => r.map(cell))];
  const ws = data as unknown as XLSX.WorkSheet;
  const ref = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: header.length - 1 } });
  ws['!ref'] = ref;
  ws['!cols'] = header.map((h, i) => ({ wch: i === 0 ? 40 : Math.max(10, Math.min(h.length + 2, 22)) }));
  ws['!autofilter'] = { ref };
  return ws;
}

export function nssWorkbook(r: NssReportResult, group: 'client' | 'sio' | 'pm', params: [string, string][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  if (group === 'client') XLSX.utils.book_append_sheet(wb, sheet(CLIENT_HEAD, r.clients.map(clientCells)), 'Клиенты');
  else XLSX.utils.book_append_sheet(wb, sheet(STAFF_HEAD, r.staff.map(staffCells)), group === 'sio' ? 'СИО' : 'Персональные менеджеры');
  XLSX.utils.book_append_sheet(wb, sheet(['Месяц', 'Клиентов НСС', 'Контактов', 'ГЛ, звонков', 'ЛК', 'Онлайн-диалог'], r.months.map((m) => [m.month, m.clients, m.contacts, m.glCalls, m.lk, m.chats])), 'По месяцам');
  const t = r.totals;
  params.push(['Клиентов НСС', String(t.clients)], ['Контактов', String(t.contacts)], ['Перерыв больше плана', String(t.overGapClients)], ['Циклов к продлению', String(t.cyclesDue)]);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Параметр', 'Значение'], ...params]), 'Параметры');
  return deflateZip(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array, 1);
}

const str = (v: string | number | null) => (v == null ? '—' : String(v));

export function drawNssReport(w: PdfWriter, r: NssReportResult, group: 'client' | 'sio' | 'pm', params: [string, string][], today: string): void {
  head(w, 'Отчёт НСС', params, today);
  const t = r.totals;
  w.text(`Клиентов НСС: ${t.clients}. Контактов: ${t.contacts} (${t.contactsPerWeek} в неделю). ГЛ: ${t.glCalls}, ЛК: ${t.lk}, онлайн-диалогов: ${t.chats}, семинаров: ${t.seminars}. Перерыв больше плана: ${t.overGapClients}. Циклов к продлению: ${t.cyclesDue}.`, { size: 9, after: 6 });
  if (group !== 'client') {
    w.table(
      STAFF_HEAD.map((title, i) => ({ title, width: i === 0 ? 4 : 1.2, align: i === 0 ? ('left' as const) : ('right' as const) })),
      r.staff.map((x) => staffCells(x).map(str)),
      { size: 7.5 },
    );
    return;
  }
  if (!r.clients.length) {
    w.text('Клиентов НСС по этим условиям нет.', { size: 9.5 });
    return;
  }
  const cols: [number, number][] = [[0, 4], [1, 2.2], [3, 1.3], [5, 1.1], [7, 1], [9, 1], [11, 0.8], [12, 1.1], [13, 0.8], [14, 1], [15, 1.1], [17, 1.6], [18, 1.1], [19, 1.2], [21, 1.5]];
  w.table(
    cols.map(([i, width]) => ({ title: CLIENT_HEAD[i]!, width, align: i === 0 || i === 1 || i === 3 ? ('left' as const) : ('right' as const) })),
    r.clients.map((x) => {
      const c = clientCells(x);
      return cols.map(([i]) => str(c[i] ?? null));
    }),
    { size: 7 },
  );
}
