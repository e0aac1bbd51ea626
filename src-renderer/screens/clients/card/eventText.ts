// Russian wording of the client timeline: automatic events arrive as `kind` + `data`, manual ones as text.
import type { ClientEventRow } from '../../../../src-shared/types';
import { fmtDate } from './format';
import { SCHEME_LABELS } from './labels';
import { TASK_EVENT_KINDS, TASK_EVENT_TITLE, taskEventText } from '../../tasks/taskEventText';
import { durationText, sessionsText } from '../../../components/chatSession';
import { formatDistr } from '../../../../src-shared/distr';
import { GB_EVENT_TITLE, gbEventText } from '../../../components/glavbukh/gbEventText';
import { GB_EVENT_KINDS } from '../../../../src-shared/glavbukh';
import { NSS_CYCLE_EVENT_TITLE, nssCycleEventText } from '../../../components/nss/nssServiceText';
import { NSS_CYCLE_EVENT_KINDS } from '../../../../src-shared/nss-service';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const scheme = (v: unknown): string => {
  const s = str(v);
  return s ? ((SCHEME_LABELS as Record<string, string>)[s] ?? s) : 'не указана';
};

/** Short title of an event kind, for the timeline bullet and filters. */
export const EVENT_TITLES: Record<string, string> = {
  created: 'Клиент создан',
  key_set: 'Ключевой клиент',
  key_unset: 'Ключевой клиент',
  key_responsible_changed: 'Ключевой клиент',
  counterparty_changed: 'Контрагент',
  scheme_changed: 'Схема сервиса',
  distribution_added: 'Дистрибутив',
  chat_changed: 'Онлайн-диалог',
  contact_archived: 'Контакты',
  contact_restored: 'Контакты',
  readiness_gained: 'Готовность',
  readiness_lost: 'Готовность',
  manual: 'Заметка',
  client_merged: 'Объединение',
  merged_into: 'Объединение',
  chat_session: 'Чат',
  chat_kit_linked: 'Чат',
  chat_question: 'Вопрос «Задать вопрос»',
  ...Object.fromEntries(TASK_EVENT_KINDS.map((k) => [k, TASK_EVENT_TITLE])),
  ...Object.fromEntries(GB_EVENT_KINDS.map((k) => [k, GB_EVENT_TITLE])),
  ...Object.fromEntries(NSS_CYCLE_EVENT_KINDS.map((k) => [k, NSS_CYCLE_EVENT_TITLE])),
};

/**
 * The sentence shown for an event. `stageNames` maps readiness stage codes to names
 * (`calling` → «Обзвонка»); an unknown kind falls back to its text or its code.
 */
export function eventText(ev: Pick<ClientEventRow, 'kind' | 'text' | 'data'>, stageNames: Record<string, string> = {}): string {
  const d = ev.data ?? {};
  switch (ev.kind) {
    case 'created':
      return 'Клиент внесён в базу';
    case 'key_set':
      return str(d.responsible) ? `Клиент отмечен как ключевой, ответственный — ${str(d.responsible)}` : 'Клиент отмечен как ключевой';
    case 'key_unset':
      return 'Снята отметка «Ключевой клиент»';
    case 'key_responsible_changed':
      return `Сменён ответственный за ключевого клиента: теперь ${str(d.responsible) ?? 'не назначен'}`;
    case 'counterparty_changed': {
      const to = `${str(d.to) ?? 'новый контрагент'}${str(d.inn) ? ` (ИНН ${str(d.inn)})` : ''}`;
      const from = str(d.effectiveFrom) ? ` с ${fmtDate(str(d.effectiveFrom))}` : '';
      const basis = str(d.basis) ? `. Основание: ${str(d.basis)}` : '';
      return str(d.from) ? `Контрагент сменён${from}: ${str(d.from)} → ${to}${basis}` : `Указан контрагент${from}: ${to}${basis}`;
    }
    case 'scheme_changed': {
      const from = str(d.effectiveFrom) ? ` с ${fmtDate(str(d.effectiveFrom))}` : '';
      return `Схема сервиса ${str(d.code) ?? 'дистрибутива'}${from}: ${scheme(d.from)} → ${scheme(d.to)}`;
    }
    case 'distribution_added': {
      const from = str(d.effectiveFrom) ? ` с ${fmtDate(str(d.effectiveFrom))}` : '';
      return `Добавлен дистрибутив ${str(d.code) ?? ''}, схема сервиса «${scheme(d.scheme)}»${from}`.replace('  ', ' ');
    }
    case 'chat_changed': {
      const from = str(d.effectiveFrom) ? ` с ${fmtDate(str(d.effectiveFrom))}` : '';
      return `Онлайн-диалог ${str(d.code) ?? 'дистрибутива'} ${d.enabled ? 'подключён' : 'отключён'}${from}`;
    }
    case 'contact_archived':
      return `Контакт ${str(d.contact) ?? ''} перенесён в архив`.replace('  ', ' ');
    case 'contact_restored':
      return `Контакт ${str(d.contact) ?? ''} восстановлен из архива`.replace('  ', ' ');
    case 'readiness_gained': {
      const code = str(d.stage);
      return `Клиент готов к стадии «${(code && stageNames[code]) ?? code ?? '?'}»: все нужные данные заполнены и свежие`;
    }
    case 'readiness_lost': {
      const code = str(d.stage);
      return `Клиент больше не готов к стадии «${(code && stageNames[code]) ?? code ?? '?'}»: данные устарели или не заполнены`;
    }
    case 'client_merged': {
      const inn = str(d.fromInn) ? ` (ИНН ${str(d.fromInn)})` : '';
      return `Присоединён клиент «${str(d.fromName) ?? '?'}»${inn}: его контакты, дистрибутивы, документы, поручения и события перенесены сюда`;
    }
    case 'merged_into':
      return `Карточка «${str(d.fromName) ?? '?'}» присоединена к «${str(d.intoName) ?? '?'}» как дубль: её история (ниже) перенесена сюда`;
    case 'chat_question':
      return questionText(d);
    case 'manual':
      return ev.text;
    case 'chat_session': {
      const who = str(d.contact) ?? str(d.fio);
      const len = typeof d.durationSec === 'number' ? `, ${durationText(d.durationSec)}` : '';
      return `Сессия Онлайн-диалога${who ? ` с ${who}` : ''}${str(d.personal) ? `, оператор в выгрузке: ${str(d.personal)}` : ''}${len}`;
    }
    case 'chat_kit_linked':
      return `Комплект ${str(d.kit) ?? ''} из чата привязан к клиенту: ${sessionsText(typeof d.sessions === 'number' ? d.sessions : 0)}`;
    default:
      return gbEventText(ev.kind, ev.data) ?? nssCycleEventText(ev.kind, ev.data) ?? taskEventText(ev.kind, ev.data) ?? (ev.text || ev.kind);
  }
}

/** An imported «Задать вопрос» question: who asked, from which kit, and the question itself. */
function questionText(d: Record<string, unknown>): string {
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const distr = num(d.distrNumber);
  const comp = num(d.comp) ?? 1;
  let kit = '';
  if (distr != null && str(d.systemCode)) kit = formatDistr({ system: str(d.systemCode)!, number: distr, comp });
  else if (distr != null && num(d.systemNumber) != null) kit = `${num(d.systemNumber)}_${String(distr).padStart(6, '0')}${comp === 1 ? '' : `_${String(comp).padStart(2, '0')}`}`;
  const who = [str(d.contact) ?? str(d.fio), str(d.email), str(d.phone)].filter(Boolean).join(', ');
  const head = `Вопрос из сервиса «Задать вопрос»${kit ? ` (комплект ${kit})` : ''}${who ? ` от ${who}` : ''}`;
  return str(d.question) ? `${head}:\n${str(d.question)}` : head;
}
