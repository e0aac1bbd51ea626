// Unit: the timeline's wording of certification events and the badge's wording and state on a day (pure renderer / shared modules).
import { describe, expect, it } from 'vitest';
import { EVENT_TITLES, eventText } from '../../src-renderer/screens/clients/card/eventText';
import { gbBadgeShort, gbBadgeText } from '../../src-renderer/components/glavbukh/gbBadgeText';
import { gbBadgeState } from '../../src-shared/glavbukh';

const ev = (kind: string, data: Record<string, unknown> | null = null) => ({ kind, data, text: '' });

describe('Главбух timeline events', () => {
  it('words each kind from the data certs.ts writes', () => {
    expect(eventText(ev('gb_certified', { certificateId: 1, programme: 'GB', number: 'GB-1', validUntil: '2027-12-31', status: 'certified', source: 'manual' }))).toBe(
      'Сертификат «Главбух» № GB-1 до 31.12.2027, вручную',
    );
    expect(eventText(ev('gb_requested', { programme: 'GB', number: null, validUntil: null, status: 'requested', source: 'request' }))).toBe('Заявка на сертификацию «Главбух», по заявке');
    expect(eventText(ev('gb_revoked', { programme: 'GB', number: 'GB-1', status: 'revoked', source: 'manual', was: 'certified', reason: 'Ошибка КЦ' }))).toBe(
      'Сертификат «Главбух» № GB-1 отозван: Ошибка КЦ',
    );
    expect(eventText(ev('gb_updated', { programme: 'GB2', number: 'X', validUntil: '2027-01-01', status: 'expired', source: 'import', was: 'certified' }))).toBe(
      'Изменён сертификат «GB2» № X до 01.01.2027, статус: сертифицирован → истёк, из списка сертифицированных',
    );
    expect(eventText(ev('gb_updated', null))).toBe('Изменён сертификат «Главбух»');
    for (const k of ['gb_requested', 'gb_certified', 'gb_updated', 'gb_revoked']) expect(EVENT_TITLES[k]).toBe('Главбух');
  });
});

describe('the badge', () => {
  const b = (status: 'certified' | 'requested' | 'expired', validUntil: string | null) => ({ programme: 'GB', name: 'Главбух', status, number: 'N', validUntil });
  it('reads certified, expiring within N days (the N-th day included), expired and requested', () => {
    expect(gbBadgeText(b('certified', '2027-12-31'), '2026-11-27', 30)).toBe('Главбух: сертифицирован до 31.12.2027');
    expect(gbBadgeState(b('certified', '2026-12-27'), '2026-11-27', 30)).toBe('expiring');
    expect(gbBadgeState(b('certified', '2026-12-28'), '2026-11-27', 30)).toBe('certified');
    expect(gbBadgeText(b('certified', '2026-11-27'), '2026-11-27', 30)).toBe('Главбух: истекает 27.11.2026');
    expect(gbBadgeText(b('certified', '2026-11-26'), '2026-11-27', 30)).toBe('Главбух: истёк 26.11.2026');
    expect(gbBadgeText(b('expired', '2026-11-26'), '2026-11-27', 30)).toBe('Главбух: истёк 26.11.2026');
    expect(gbBadgeText(b('requested', null), '2026-11-27', 30)).toBe('Главбух: заявка');
    expect(gbBadgeText(b('certified', null), '2026-11-27', 30)).toBe('Главбух: сертифицирован');
    // The list column's short form.
    expect(gbBadgeShort(b('certified', '2027-12-31'), '2026-11-27', 30)).toBe('До 31.12.2027');
    expect(gbBadgeShort(b('certified', '2026-12-01'), '2026-11-27', 30)).toBe('Истекает 01.12.2026');
    expect(gbBadgeShort(b('requested', null), '2026-11-27', 30)).toBe('Заявка');
  });
});
