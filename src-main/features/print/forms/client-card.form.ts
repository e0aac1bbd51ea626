// Print form: the information card of a (key) client — requisites, contacts with characteristics, distributions and schemes, responsible, recent events.
import type { ClientCard, ClientEventRow } from '../../../../src-shared/types';
import { formatDate, formatDateLong } from '../../../../src-shared/format';
import type { PdfWriter } from '../pdf/writer';
import { NETWORK_LABELS } from './common';

const ROLE_LABELS: Record<string, string> = {
  director: 'руководитель',
  chief_accountant: 'главный бухгалтер',
  lpr: 'ЛПР',
  key_user: 'ключевой пользователь',
  accountant: 'бухгалтер',
  lawyer: 'юрист',
  it: 'ИТ-специалист',
};
const STATUS_LABELS: Record<string, string> = { prospect: 'потенциальный', active: 'действующий', suspended: 'приостановлен', closed: 'закрыт' };
const STATE_LABELS: Record<string, string> = { active: 'сопровождается', suspended: 'приостановлен', closed: 'снят' };
const SCHEME_LABELS: Record<string, string> = { nss: 'НСС', standard: 'стандартная' };

const str = (v: unknown) => (typeof v === 'string' && v ? v : '');

/** A short sentence for the timeline (the screens word events the same way in their own module). */
function eventText(e: ClientEventRow): string {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'created':
      return 'Клиент внесён в базу';
    case 'key_set':
      return `Отмечен как ключевой${str(d.responsible) ? `, ответственный — ${str(d.responsible)}` : ''}`;
    case 'key_unset':
      return 'Снята отметка «Ключевой клиент»';
    case 'counterparty_changed':
      return `Контрагент${str(d.effectiveFrom) ? ` с ${formatDate(str(d.effectiveFrom))}` : ''}: ${str(d.to)}${str(d.inn) ? ` (ИНН ${str(d.inn)})` : ''}`;
    case 'scheme_changed':
      return `Схема сервиса ${str(d.code)}: ${SCHEME_LABELS[str(d.from)] ?? '—'} → ${SCHEME_LABELS[str(d.to)] ?? '—'}`;
    case 'distribution_added':
      return `Добавлен дистрибутив ${str(d.code)}`;
    case 'chat_changed':
      return `Онлайн-диалог ${str(d.code)} ${d.enabled ? 'подключён' : 'отключён'}${str(d.effectiveFrom) ? ` с ${formatDate(str(d.effectiveFrom))}` : ''}`;
    case 'client_merged':
      return `Присоединён клиент «${str(d.fromName)}»${str(d.fromInn) ? ` (ИНН ${str(d.fromInn)})` : ''}`;
    case 'merged_into':
      return `Карточка «${str(d.fromName)}» присоединена к «${str(d.intoName)}»`;
    default:
      return e.text || e.kind;
  }
}

export function drawClientCard(w: PdfWriter, card: ClientCard, today: string): void {
  const c = card.client;
  w.startSection(`Информационная карта клиента: ${c.shortName ?? c.name}`);
  w.text('ИНФОРМАЦИОННАЯ КАРТА КЛИЕНТА', { size: 13, bold: true, align: 'center', after: 2 });
  w.text(`по состоянию на ${formatDateLong(today)}`, { size: 9, align: 'center', grey: true, after: 8 });
  w.text(c.name, { size: 12, bold: true, after: 4 });
  const general: string[][] = [
    ['Статус', STATUS_LABELS[c.status] ?? c.status],
    ['Ключевой клиент', c.isKey ? `да, ответственный — ${c.keyResponsible?.fullName ?? 'не назначен'}` : 'нет'],
    ['СИО', c.sio?.fullName ?? '—'],
    ['Персональный менеджер', c.pm?.fullName ?? '—'],
    ['Адрес', c.actualAddress ?? c.legalAddress ?? '—'],
    ['Телефоны', c.phones.map((p) => p.formatted).join(', ') || '—'],
    ['E-mail', c.emails.map((e) => e.email).join(', ') || '—'],
  ];
  w.table(
    [
      { title: 'Общие сведения', width: 1.3 },
      { title: '', width: 3 },
    ],
    general,
  );
  const cp = card.counterparty;
  w.space(10);
  w.text('Реквизиты', { size: 10.5, bold: true, after: 3 });
  if (cp) {
    w.table(
      [
        { title: 'Контрагент', width: 1.3 },
        { title: cp.fullName, width: 3 },
      ],
      [
        ['ИНН / КПП', `${cp.inn} / ${cp.kpp ?? '—'}`],
        ['ОГРН', cp.ogrn ?? '—'],
        ['Юридический адрес', cp.legalAddress ?? '—'],
        ['Банк', [cp.bankName, cp.bik && `БИК ${cp.bik}`].filter(Boolean).join(', ') || '—'],
        ['Расчётный счёт', cp.account ?? '—'],
        ['Руководитель', [cp.directorPosition, cp.directorName].filter(Boolean).join(' ') || '—'],
      ],
    );
    if (card.counterpartyHistory.length > 1) {
      w.space(3);
      w.text(
        `История: ${card.counterpartyHistory.map((l) => `с ${formatDate(l.effectiveFrom)} — ${l.counterparty.shortName ?? l.counterparty.fullName}`).join('; ')}`,
        { size: 8.5, grey: true },
      );
    }
  } else w.text('Контрагент не указан.', { size: 9.5 });

  w.space(10);
  w.text('Контактные лица', { size: 10.5, bold: true, after: 3 });
  const contacts = card.contacts.filter((x) => x.active);
  if (contacts.length === 0) w.text('Контактных лиц нет.', { size: 9.5 });
  else
    w.table(
      [
        { title: 'ФИО, должность', width: 2.2 },
        { title: 'Телефоны, e-mail', width: 2 },
        { title: 'Характеристики', width: 2.6 },
      ],
      contacts.map((x) => [
        [x.fullName, x.position, x.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')].filter(Boolean).join('\n'),
        [...x.phones.map((p) => p.formatted), ...x.emails.map((e) => e.email)].join('\n') || '—',
        x.characteristics.map((ch) => `${ch.groupName}: ${ch.name}${ch.comment ? ` (${ch.comment})` : ''}`).join('\n') || '—',
      ]),
      { size: 8.5 },
    );

  w.space(10);
  w.text('Дистрибутивы и схемы сервиса', { size: 10.5, bold: true, after: 3 });
  if (card.distributions.length === 0) w.text('Дистрибутивов нет.', { size: 9.5 });
  else
    w.table(
      [
        { title: 'Дистрибутив', width: 1.9 },
        { title: 'Система', width: 1.5 },
        { title: 'Версия', width: 1.2 },
        { title: 'Состояние', width: 1.8 },
        { title: 'Схема сервиса', width: 1.2 },
        { title: 'С даты', width: 1.1, align: 'center' },
      ],
      card.distributions.map((d) => [
        d.code,
        d.systemName ?? d.systemCode,
        NETWORK_LABELS[d.networkType] ?? d.networkType,
        STATE_LABELS[d.state] ?? d.state,
        d.scheme ? SCHEME_LABELS[d.scheme]! : '—',
        formatDate(d.schemeHistory.find((h) => h.effectiveFrom <= today)?.effectiveFrom),
      ]),
      { size: 8.5 },
    );

  w.space(10);
  w.text('Последние события', { size: 10.5, bold: true, after: 3 });
  const events = card.events.slice(0, 15);
  if (events.length === 0) w.text('Событий нет.', { size: 9.5 });
  else
    w.table(
      [
        { title: 'Дата', width: 1, align: 'center' },
        { title: 'Событие', width: 5 },
        { title: 'Автор', width: 1.6 },
      ],
      events.map((e) => [formatDate(e.at), eventText(e), e.author ?? '']),
      { size: 8.5 },
    );
}
