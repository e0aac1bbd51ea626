// Tests of the K+ systems catalogue's conversions: number ↔ code, unknown numbers reported, kits typed in either spelling.
import { describe, expect, it } from 'vitest';
import { findKit, kitFromNumbers, kitNumberForm, parseKit, systemByNumber, systemCatalog, systemName, type KplusSystem } from '../../src-shared/systems';

const cat = systemCatalog([
  { id: 1, number: 1, code: 'SKJP', name: 'Юрист', active: true },
  { id: 2, number: 3, code: 'BUHS', name: 'Бухгалтер', active: true },
  { id: 3, number: null, code: 'ROS', name: null, active: true },
] satisfies KplusSystem[]);

describe('system numbers', () => {
  it('turns a known number into the base code', () => {
    expect(systemByNumber(cat, 3)).toMatchObject({ ok: true, system: { code: 'BUHS' } });
    expect(kitFromNumbers(cat, 1, 777, 2)).toEqual({ ok: true, kit: { system: 'SKJP', number: 777, comp: 2 }, system: cat.byCode('SKJP') });
    expect(kitFromNumbers(cat, 1, 777, null)).toMatchObject({ ok: true, kit: { comp: 1 } });
  });

  it('reports an unknown number as such, with the number, and guesses nothing', () => {
    expect(systemByNumber(cat, 2)).toEqual({ ok: false, problem: 'unknown_system_number', systemNumber: 2 });
    expect(kitFromNumbers(cat, 99, 123)).toEqual({ ok: false, problem: 'unknown_system_number', systemNumber: 99 });
  });

  it('writes the number form for the КЦ, and says when a system has no number or no entry', () => {
    expect(kitNumberForm(cat, { system: 'SKJP', number: 123, comp: 2 })).toEqual({ ok: true, text: '1_000123_02' });
    expect(kitNumberForm(cat, { system: 'buhs', number: 45, comp: 1 })).toEqual({ ok: true, text: '3_000045' });
    expect(kitNumberForm(cat, { system: 'ROS', number: 1 })).toEqual({ ok: false, problem: 'system_without_number', code: 'ROS' });
    expect(kitNumberForm(cat, { system: 'XXX', number: 1 })).toEqual({ ok: false, problem: 'unknown_system_code', code: 'XXX' });
  });

  it('names a system, or shows its code while the catalogue has no name', () => {
    expect(systemName(cat, 'SKJP')).toBe('Юрист');
    expect(systemName(cat, 'ROS')).toBe('ROS');
    expect(systemName(cat, 'NOPE')).toBe('NOPE');
  });
});

describe('kits as people paste them', () => {
  it.each([
    ['SKJP_000777_02', { system: 'SKJP', number: 777, comp: 2 }, true],
    ['SKJP 777-2', { system: 'SKJP', number: 777, comp: 2 }, true],
    ['skjp777', { system: 'SKJP', number: 777, comp: 1 }, false],
    ['1_000777_02', { system: 'SKJP', number: 777, comp: 2 }, true],
    ['1 777-2', { system: 'SKJP', number: 777, comp: 2 }, true],
    ['3_000045', { system: 'BUHS', number: 45, comp: 1 }, false],
  ])('%j is a kit', (text, kit, compGiven) => {
    expect(parseKit(cat, text)).toMatchObject({ kind: 'kit', kit, compGiven });
  });

  it('keeps what cannot be converted, with the reason', () => {
    expect(parseKit(cat, '5_000777_02')).toEqual({ kind: 'unknown_system_number', systemNumber: 5, number: 777, comp: 2 });
    expect(parseKit(cat, 'QWE_000777')).toEqual({ kind: 'unknown_system_code', code: 'QWE', number: 777 });
    expect(parseKit(cat, '000777_02')).toEqual({ kind: 'partial', number: 777, comp: 2 });
    expect(parseKit(cat, 'ООО Ромашка')).toBeNull();
  });

  it('finds a kit inside a longer value', () => {
    expect(findKit(cat, 'СПС: SKJP 123-2 (сетевая)')).toMatchObject({ kind: 'kit', kit: { system: 'SKJP', number: 123, comp: 2 } });
    expect(findKit(cat, 'комплект 1_000123_02')).toMatchObject({ kind: 'kit', kit: { system: 'SKJP', number: 123, comp: 2 } });
    expect(findKit(cat, 'комплект 8_000123')).toMatchObject({ kind: 'unknown_system_number', systemNumber: 8 });
    expect(findKit(cat, 'нет комплекта')).toBeNull();
  });
});
