// Unit tests of the document rules: planned return (end of month, leap years, the 31st) and its SQL twin, return states, VAT, templates.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addDaysIso, plannedReturnDate, plannedReturnSql, returnStatus, returnTrack } from '../../src-main/features/documents/return-rules';
import { totalsFromLines, totalsFromTotal, vatPhrase } from '../../src-main/features/documents/vat';
import { fillTemplate, templateBlocks, unknownPlaceholders } from '../../src-main/features/documents/templates';
import type { ReturnPeriod } from '../../src-shared/doc-types';

const days = (n: number): ReturnPeriod => ({ kind: 'days', days: n });
const MONTH_END: ReturnPeriod = { kind: 'month_end', days: null };
const NEXT_MONTH_END: ReturnPeriod = { kind: 'next_month_end', days: null };

describe('planned return date', () => {
  it('adds N days across months, years and February of leap and common years', () => {
    expect(plannedReturnDate('2026-11-27', days(10))).toBe('2026-12-07');
    expect(plannedReturnDate('2026-12-25', days(10))).toBe('2027-01-04');
    expect(plannedReturnDate('2024-02-20', days(10))).toBe('2024-03-01');
    expect(plannedReturnDate('2026-02-20', days(10))).toBe('2026-03-02');
    expect(plannedReturnDate('2026-01-31', days(0))).toBe('2026-01-31');
  });

  it('takes the end of the document month, February included', () => {
    expect(plannedReturnDate('2026-11-01', MONTH_END)).toBe('2026-11-30');
    expect(plannedReturnDate('2026-01-31', MONTH_END)).toBe('2026-01-31');
    expect(plannedReturnDate('2024-02-10', MONTH_END)).toBe('2024-02-29');
    expect(plannedReturnDate('2026-02-10', MONTH_END)).toBe('2026-02-28');
    expect(plannedReturnDate('2100-02-01', MONTH_END)).toBe('2100-02-28');
    expect(plannedReturnDate('2000-02-01', MONTH_END)).toBe('2000-02-29');
    expect(plannedReturnDate('2026-12-15', MONTH_END)).toBe('2026-12-31');
  });

  it('takes the end of the next month without rolling the 31st over a short month', () => {
    expect(plannedReturnDate('2026-01-31', NEXT_MONTH_END)).toBe('2026-02-28');
    expect(plannedReturnDate('2024-01-31', NEXT_MONTH_END)).toBe('2024-02-29');
    expect(plannedReturnDate('2026-03-31', NEXT_MONTH_END)).toBe('2026-04-30');
    expect(plannedReturnDate('2026-12-31', NEXT_MONTH_END)).toBe('2027-01-31');
    expect(plannedReturnDate('2026-08-31', NEXT_MONTH_END)).toBe('2026-09-30');
  });

  it('has no date for a type that is not returned', () => {
    expect(plannedReturnDate('2026-11-27', { kind: 'none', days: null })).toBeNull();
  });

  it('agrees with its SQL twin on every day of 2023–2028 for every kind', () => {
    const db = new Database(':memory:');
    const periods = [days(0), days(10), days(31), days(365), MONTH_END, NEXT_MONTH_END, { kind: 'none', days: null } as ReturnPeriod];
    const dates: string[] = [];
    for (let d = '2023-01-01'; d <= '2028-12-31'; d = addDaysIso(d, 1)) dates.push(d);
    db.exec('CREATE TABLE t (date TEXT)');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => dates.forEach((d) => ins.run(d)))();
    for (const p of periods) {
      const rows = db.prepare(`SELECT date, ${plannedReturnSql(p, 'date')} AS planned FROM t ORDER BY date`).all() as { date: string; planned: string | null }[];
      const differ = rows.filter((r) => r.planned !== plannedReturnDate(r.date, p));
      expect(differ.slice(0, 3), JSON.stringify(p)).toEqual([]);
      expect(rows.length).toBe(dates.length);
    }
    db.close();
  });
});

describe('return state', () => {
  const planned = '2026-11-30';
  it('is in time when brought on or before the planned day, late after it, with the days late', () => {
    expect(returnStatus('issued', planned, '2026-11-30', '2026-12-10')).toEqual({ state: 'returned_in_time', daysOverdue: 0 });
    expect(returnStatus('issued', planned, '2026-11-02', '2026-12-10')).toEqual({ state: 'returned_in_time', daysOverdue: 0 });
    expect(returnStatus('issued', planned, '2026-12-03', '2026-12-10')).toEqual({ state: 'returned_late', daysOverdue: 3 });
  });

  it('is awaited up to and on the planned day and overdue from the next day, counting days', () => {
    expect(returnStatus('issued', planned, null, '2026-11-30')).toEqual({ state: 'awaited', daysOverdue: 0 });
    expect(returnStatus('issued', planned, null, '2026-12-01')).toEqual({ state: 'overdue', daysOverdue: 1 });
    expect(returnStatus('issued', planned, null, '2027-03-01')).toEqual({ state: 'overdue', daysOverdue: 91 });
  });

  it('does not track drafts, cancelled documents and types that are not returned', () => {
    expect(returnStatus('draft', planned, null, '2027-01-01').state).toBe('not_tracked');
    expect(returnStatus('cancelled', planned, null, '2027-01-01').state).toBe('not_tracked');
    expect(returnStatus('issued', null, null, '2027-01-01').state).toBe('not_tracked');
    expect([returnTrack('issued', planned, null), returnTrack('issued', planned, '2026-11-30'), returnTrack('issued', planned, '2026-12-01')]).toEqual([1, 2, 3]);
  });
});

describe('VAT', () => {
  it('extracts VAT contained in a total and adds it on top of lines, to the kopeck', () => {
    expect(totalsFromTotal(1_234_56, 'included', 22)).toEqual({ net: 1_234_56, vat: 222_63, total: 1_234_56 });
    expect(totalsFromLines(1_000_00, 'on_top', 22)).toEqual({ net: 1_000_00, vat: 220_00, total: 1_220_00 });
    expect(totalsFromTotal(1_220_00, 'on_top', 22)).toEqual({ net: 1_000_00, vat: 220_00, total: 1_220_00 });
    expect(totalsFromLines(999_99, 'none', 0)).toEqual({ net: 999_99, vat: 0, total: 999_99 });
    expect(totalsFromTotal(105_00, 'included', 5).vat).toBe(5_00);
  });

  it('words the VAT line for documents with and without an amount', () => {
    expect(vatPhrase('none', 0, 0)).toBe('НДС не облагается.');
    expect(vatPhrase('included', 22, 222_63)).toBe('В том числе НДС\u00a022\u00a0%: 222,63\u00a0₽.');
    expect(vatPhrase('on_top', 20, null)).toBe('НДС\u00a020\u00a0% начисляется сверх стоимости.');
  });
});

describe('templates', () => {
  it('finds placeholders print cannot fill and stray braces', () => {
    expect(unknownPlaceholders('{{client.name}} {{counterparty.inn}} {{date}}')).toEqual([]);
    expect(unknownPlaceholders('{{client.nmae}} и {{ our.name }}')).toEqual(['client.nmae']);
    expect(unknownPlaceholders('Текст {{client.name} без конца')).toEqual(['{{']);
  });

  it('fills values, leaves a line for a missing one and splits the markup into blocks', () => {
    const text = fillTemplate('# ДОГОВОР № {{document.number}}\n## Раздел\n\nИНН {{counterparty.inn}}, КПП {{counterparty.kpp}}\n[[distributions]]', {
      'document.number': 'Д-2026-0001',
      'counterparty.inn': '2536100018',
    });
    expect(templateBlocks(text)).toEqual([
      { kind: 'title', text: 'ДОГОВОР № Д-2026-0001' },
      { kind: 'heading', text: 'Раздел' },
      { kind: 'paragraph', text: 'ИНН 2536100018, КПП ____________' },
      { kind: 'slot', name: 'distributions' },
    ]);
  });
});
