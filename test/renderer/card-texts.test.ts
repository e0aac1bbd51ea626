// Unit: the client card's wording of timeline events and its date formats (pure renderer modules).
import { describe, expect, it } from 'vitest';
import { EVENT_TITLES, eventText } from '../../src-renderer/screens/clients/card/eventText';
import { addDaysIso, fmtDate, parseRuDate } from '../../src-renderer/screens/clients/card/format';

const ev = (kind: string, data: Record<string, unknown> | null = null, text = '') => ({ kind, data, text });

describe('eventText', () => {
  it('words every automatic event in Russian from its data', () => {
    expect(eventText(ev('created'))).toBe('Клиент внесён в базу');
    expect(eventText(ev('key_set', { responsible: 'Кузнецова М. П.' }))).toBe('Клиент отмечен как ключевой, ответственный — Кузнецова М. П.');
    expect(eventText(ev('key_unset', { responsible: null }))).toBe('Снята отметка «Ключевой клиент»');
    expect(eventText(ev('key_responsible_changed', { responsible: 'Иванов И. И.' }))).toBe('Сменён ответственный за ключевого клиента: теперь Иванов И. И.');
    expect(
      eventText(ev('counterparty_changed', { from: 'ООО «А»', to: 'ООО «Б»', inn: '7707083893', effectiveFrom: '2025-03-01', basis: 'ДС № 2' })),
    ).toBe('Контрагент сменён с 01.03.2025: ООО «А» → ООО «Б» (ИНН 7707083893). Основание: ДС № 2');
    expect(eventText(ev('counterparty_changed', { from: null, to: 'ООО «Б»', inn: '7707083893', effectiveFrom: '2024-01-01', basis: null }))).toBe(
      'Указан контрагент с 01.01.2024: ООО «Б» (ИНН 7707083893)',
    );
    expect(eventText(ev('scheme_changed', { code: 'SKJP_000123_02', from: 'standard', to: 'nss', effectiveFrom: '2026-10-01' }))).toBe(
      'Схема сервиса SKJP_000123_02 с 01.10.2026: Стандартная → НСС',
    );
    expect(eventText(ev('scheme_changed', { code: 'SKJP_000123', from: null, to: 'nss', effectiveFrom: '2026-10-01' }))).toContain('не указана → НСС');
    expect(eventText(ev('distribution_added', { code: 'BUHS_004567', scheme: 'standard', effectiveFrom: '2024-01-01' }))).toBe(
      'Добавлен дистрибутив BUHS_004567, схема сервиса «Стандартная» с 01.01.2024',
    );
    expect(eventText(ev('chat_changed', { code: 'SKJP_000123_02', enabled: true, effectiveFrom: '2026-12-01' }))).toBe('Онлайн-диалог SKJP_000123_02 подключён с 01.12.2026');
    expect(eventText(ev('chat_changed', { code: 'SKJP_000123', enabled: false, effectiveFrom: '2026-12-01' }))).toBe('Онлайн-диалог SKJP_000123 отключён с 01.12.2026');
    expect(eventText(ev('contact_archived', { contact: 'Смирнова О. П.' }))).toBe('Контакт Смирнова О. П. перенесён в архив');
    expect(eventText(ev('contact_restored', { contact: 'Смирнова О. П.' }))).toBe('Контакт Смирнова О. П. восстановлен из архива');
  });

  it('names readiness stages from the settings, falling back to the code', () => {
    const names = { calling: 'Обзвонка' };
    expect(eventText(ev('readiness_gained', { stage: 'calling' }), names)).toBe('Клиент готов к стадии «Обзвонка»: все нужные данные заполнены и свежие');
    expect(eventText(ev('readiness_lost', { stage: 'sale' }), names)).toBe('Клиент больше не готов к стадии «sale»: данные устарели или не заполнены');
  });

  it('words an imported «Задать вопрос» question: kit in code or number form, who asked, the question', () => {
    const q = { systemCode: 'SKJP', systemNumber: 1, distrNumber: 123, comp: 2, fio: 'Сидоренко А. В.', email: 'buh@x.example', phone: null, contact: null, question: 'Где форма?' };
    expect(eventText(ev('chat_question', q))).toBe('Вопрос из сервиса «Задать вопрос» (комплект SKJP_000123_02) от Сидоренко А. В., buh@x.example:\nГде форма?');
    expect(eventText(ev('chat_question', { ...q, systemCode: null, comp: 1, contact: 'Сидоренко Анна Викторовна' }))).toBe(
      'Вопрос из сервиса «Задать вопрос» (комплект 1_000123) от Сидоренко Анна Викторовна, buh@x.example:\nГде форма?',
    );
    expect(EVENT_TITLES.chat_question).toBe('Вопрос «Задать вопрос»');
  });

  it('shows manual notes as written and unknown kinds by their text or code', () => {
    expect(eventText(ev('manual', null, 'Звонил главбух, просит счёт'))).toBe('Звонил главбух, просит счёт');
    expect(eventText(ev('usr_received', null, ''))).toBe('usr_received');
    expect(eventText(ev('usr_received', null, 'Получен USR'))).toBe('Получен USR');
  });
});

describe('card dates', () => {
  it('formats ISO dates as 27.11.2026 and parses what users type', () => {
    expect(fmtDate('2026-11-27')).toBe('27.11.2026');
    expect(fmtDate('2026-11-27T10:00:00.000Z')).toBe('27.11.2026');
    expect(fmtDate(null)).toBe('');
    expect(parseRuDate('27.11.2026')).toBe('2026-11-27');
    expect(parseRuDate('1.3.25')).toBe('2025-03-01');
    expect(parseRuDate('2026-02-28')).toBe('2026-02-28');
    expect(parseRuDate('29.02.2026')).toBeNull();
    expect(parseRuDate('завтра')).toBeNull();
    expect(addDaysIso('2026-11-27', 180)).toBe('2027-05-26');
  });
});
