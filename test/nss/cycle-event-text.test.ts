// Unit: the timeline's wording of НСС cycle events (created / renewed / lapsed) from the data the cycle handlers write.
import { describe, expect, it } from 'vitest';
import { EVENT_TITLES, eventText } from '../../src-renderer/screens/clients/card/eventText';

const ev = (kind: string, data: Record<string, unknown> | null = null) => ({ kind, data, text: '' });

describe('НСС cycle timeline events', () => {
  it('words each kind in Russian with its dates', () => {
    expect(eventText(ev('nss_cycle_created', { startsOn: '2026-11-27', endsOn: '2027-11-26', kits: ['SKJP_000123_02', 'BUHS_004567'] }))).toBe(
      'Новый цикл НСС 27.11.2026 – 26.11.2027, комплекты: SKJP_000123_02, BUHS_004567',
    );
    expect(eventText(ev('nss_cycle_created', { startsOn: '2026-11-27', endsOn: '2027-11-26', kits: [] }))).toBe('Новый цикл НСС 27.11.2026 – 26.11.2027');
    expect(eventText(ev('nss_cycle_renewed', { previousEndsOn: '2026-10-31', startsOn: '2026-11-01', endsOn: '2027-10-31', late: true }))).toBe(
      'Цикл НСС продлён с опозданием: следующий цикл 01.11.2026 – 31.10.2027',
    );
    expect(eventText(ev('nss_cycle_renewed', { startsOn: '2026-11-01', endsOn: '2027-10-31', late: false }))).toBe('Цикл НСС продлён: следующий цикл 01.11.2026 – 31.10.2027');
    expect(eventText(ev('nss_cycle_lapsed', { startsOn: '2026-01-01', endsOn: '2026-12-31', reason: 'Перешли на стандарт' }))).toBe(
      'Цикл НСС 01.01.2026 – 31.12.2026 не продлён: Перешли на стандарт',
    );
    expect(eventText(ev('nss_cycle_lapsed', null))).toBe('Цикл НСС ? – ? не продлён');
    for (const k of ['nss_cycle_created', 'nss_cycle_renewed', 'nss_cycle_lapsed']) expect(EVENT_TITLES[k]).toBe('Цикл НСС');
  });
});
