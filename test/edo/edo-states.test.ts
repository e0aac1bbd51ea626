// The one table of 1С ЭДО states and its precedence rules (signing date, annulment, rejection, unknown states).
import { describe, expect, it } from 'vitest';
import { ONEC_EDO_STATES, edoStateOf, type EdoState } from '../../src-main/features/edo/states';

describe('edoStateOf', () => {
  it('maps the 1С states seen in public integrations', () => {
    const cases: [string, EdoState][] = [
      ['ТребуетсяПодписание', 'accepted'],
      ['ОжидаетсяОтправка', 'accepted'],
      ['ОжидаетсяПодтверждениеОператора', 'sent'],
      ['ОжидаетсяИзвещение', 'sent'],
      ['ОжидаетсяПодтверждение', 'delivered'],
      ['ОтклоненПолучателем', 'rejected'],
      ['Аннулирован', 'annulled'],
    ];
    for (const [raw, state] of cases) expect(edoStateOf({ state1c: raw })).toEqual({ state, raw, signedOn: null, known: true });
  });

  it('a signing date means signed whatever the state; the sentinel and empty dates do not', () => {
    expect(edoStateOf({ state1c: 'ОжидаетсяИзвещение', signedAt: '2026-12-03T14:05:00' })).toMatchObject({ state: 'signed', signedOn: '2026-12-03' });
    expect(edoStateOf({ state1c: 'Новое', signedAt: '2026-12-03T00:00:00' })).toEqual({ state: 'signed', raw: 'Новое', signedOn: '2026-12-03', known: false });
    expect(edoStateOf({ state1c: 'ОжидаетсяПодтверждение', signedAt: '0001-01-01T00:00:00' }).state).toBe('delivered');
    expect(edoStateOf({ state1c: 'ОжидаетсяПодтверждение', signedAt: '' }).state).toBe('delivered');
    expect(edoStateOf({ state1c: 'ОжидаетсяПодтверждение', signedAt: 'вчера' }).state).toBe('delivered');
  });

  it('annulment and rejection win over a signing date', () => {
    expect(edoStateOf({ state1c: 'Аннулирован', signedAt: '2026-12-03T14:05:00' })).toEqual({ state: 'annulled', raw: 'Аннулирован', signedOn: null, known: true });
    expect(edoStateOf({ state1c: 'ОтклоненПолучателем', signedAt: '2026-12-03T14:05:00' }).state).toBe('rejected');
  });

  it('ОбменЗавершен without ДатаПодписания is signed on ДатаИзменения, or stays delivered without any date', () => {
    expect(edoStateOf({ state1c: 'ОбменЗавершен', changedAt: '2026-12-04T09:00:00' })).toMatchObject({ state: 'signed', signedOn: '2026-12-04' });
    expect(edoStateOf({ state1c: 'ОбменЗавершен', signedAt: '2026-12-03T23:59:59', changedAt: '2026-12-04T09:00:00' }).signedOn).toBe('2026-12-03');
    expect(edoStateOf({ state1c: 'ОбменЗавершен' })).toEqual({ state: 'delivered', raw: 'ОбменЗавершен', signedOn: null, known: true });
  });

  it('an unknown or empty state is kept as it is, never dropped; object keys are not states', () => {
    expect(edoStateOf({ state1c: 'КакоеТоНовоеСостояние' })).toEqual({ state: 'unknown', raw: 'КакоеТоНовоеСостояние', signedOn: null, known: false });
    expect(edoStateOf({ state1c: '' })).toEqual({ state: 'unknown', raw: '', signedOn: null, known: false });
    for (const k of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(edoStateOf({ state1c: k }).state).toBe('unknown');
    expect(Object.isFrozen(ONEC_EDO_STATES)).toBe(true);
  });
});
