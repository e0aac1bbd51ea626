// Russian wording of chat sessions: kits in both spellings, durations, and the timeline entries they make in the card.
import { describe, expect, it } from 'vitest';
import { chatKitText, durationText, sessionsText } from '../../src-renderer/components/chatSession';
import { EVENT_TITLES, eventText } from '../../src-renderer/screens/clients/card/eventText';

describe('chat texts', () => {
  it('words kits, durations and counts', () => {
    expect(chatKitText({ systemCode: 'SKJP', systemNumber: 1, distrNumber: 123, comp: 2 })).toBe('SKJP_000123_02');
    expect(chatKitText({ systemCode: null, systemNumber: 99, distrNumber: 5, comp: 1 })).toBe('99_000005');
    expect(durationText(755)).toBe('12 мин 35 с');
    expect(durationText(42)).toBe('42 с');
    expect(durationText(3900)).toBe('1 ч 05 мин');
    expect(durationText(null)).toBe('');
    expect([1, 3, 5, 21].map(sessionsText)).toEqual(['1 сессия', '3 сессии', '5 сессий', '21 сессия']);
  });

  it('words chat entries of the client timeline', () => {
    expect(EVENT_TITLES.chat_session).toBe('Чат');
    expect(eventText({ kind: 'chat_session', text: '', data: { sessionId: 5, contact: 'Сидоренко Анна', personal: 'Ким Ольга', durationSec: 60 } })).toBe(
      'Сессия Онлайн-диалога с Сидоренко Анна, оператор в выгрузке: Ким Ольга, 1 мин 00 с',
    );
    expect(eventText({ kind: 'chat_session', text: '', data: { sessionId: 5, fio: null, personal: null, durationSec: null } })).toBe('Сессия Онлайн-диалога');
    expect(eventText({ kind: 'chat_kit_linked', text: '', data: { kit: 'BUHS_045678', sessions: 2 } })).toBe('Комплект BUHS_045678 из чата привязан к клиенту: 2 сессии');
  });
});
