// Sample EnterpriseData messages for the edo tests: every object type, Cyrillic and markup characters, edge amounts.
import { ED_EXCHANGE_PLAN, edFormatUri, type EdCounterparty, type EdOutgoingMessage, type EdOrganizationKey } from '../../src-main/features/edo/enterprise-data/model';

export const org: EdOrganizationKey = {
  ref: '0b1c2d3e-0000-4000-8000-000000000001',
  name: 'ООО «РИЦ Север»',
  fullName: 'Общество с ограниченной ответственностью «РИЦ Север»',
  inn: '7707083893',
  kpp: '770701001',
};

export const legal: EdCounterparty = {
  type: 'counterparty',
  ref: '5f0e7a1c-1111-4aaa-8bbb-000000000001',
  name: 'ООО "Ромашка" & <Сыновья>',
  fullName: "Общество с ограниченной ответственностью 'Ромашка' & <Сыновья>",
  inn: '7701234567',
  kpp: '7701AB001',
  legalForm: 'ЮридическоеЛицо',
};

export const person: EdCounterparty = {
  type: 'counterparty',
  ref: '5f0e7a1c-1111-4aaa-8bbb-000000000002',
  name: 'ИП Ёлкина Анна Петровна',
  fullName: null,
  inn: '500100732259',
  kpp: null,
  legalForm: 'ФизическоеЛицо',
};

const { type: _t, ...legalKey } = legal;
void _t;

export const contract = {
  ref: 'c0ffee00-2222-4ccc-8ddd-000000000001',
  name: 'Договор № 15/К от 01.02.2026',
  number: '15/К',
  date: '2026-02-01',
  counterparty: legalKey,
  organization: org,
};

export function sampleMessage(messageNo = 7): EdOutgoingMessage {
  return {
    header: {
      format: edFormatUri('1.8'),
      creationDate: '2026-12-05T09:30:00',
      exchangePlan: ED_EXCHANGE_PLAN,
      to: 'БП',
      from: 'CRM',
      messageNo,
      receivedNo: 3,
      availableVersions: ['1.8', '1.11'],
    },
    objects: [
      legal,
      person,
      { type: 'contract', ...contract },
      {
        type: 'invoice',
        ref: 'a1a1a1a1-3333-4eee-8fff-000000000001',
        number: 'СЧ-000123',
        date: '2026-12-01T00:00:00',
        organization: org,
        counterparty: legalKey,
        contract,
        amountKop: 123450,
        vatIncluded: true,
        rows: [
          { item: { ref: 'n-1', name: 'Сопровождение КонсультантПлюс' }, quantity: 1, priceKop: 123450, amountKop: 123450, vatRate: 'БезНДС', vatKop: 0, content: 'За декабрь 2026 <«ежемесячно»>' },
        ],
        comment: null,
      },
      {
        type: 'sale',
        ref: 'b2b2b2b2-4444-4aaa-8bbb-000000000001',
        number: null,
        date: '2026-12-31T23:59:59',
        organization: org,
        counterparty: legalKey,
        contract: null,
        amountKop: 1,
        vatIncluded: false,
        upd: true,
        rows: [
          { item: { ref: null, name: 'Услуга & "кавычки"' }, quantity: 1.5, priceKop: 1, amountKop: 1, vatRate: 'НДС20', vatKop: 0, content: null },
          { item: { ref: 'n-2', name: 'Большая сумма' }, quantity: 0.001, priceKop: 999_999_999_999_99, amountKop: 999_999_999_999_99, vatRate: 'НДС20', vatKop: 166_666_666_666_67, content: "Апостроф ' и перевод\nстроки" },
        ],
        comment: 'Комментарий: <b>не тег</b>',
      },
      {
        type: 'sale',
        ref: 'b2b2b2b2-4444-4aaa-8bbb-000000000002',
        number: 'А-2',
        date: '2026-12-15T12:00:00',
        organization: org,
        counterparty: (({ type: _x, ...k }) => k)(person),
        contract: null,
        amountKop: 0,
        vatIncluded: true,
        upd: false,
        rows: [],
        comment: null,
      },
      {
        type: 'invoiceFactura',
        ref: 'f3f3f3f3-5555-4ccc-8ddd-000000000001',
        number: null,
        date: '2026-12-31T23:59:59',
        organization: org,
        counterparty: legalKey,
        basis: { ref: 'b2b2b2b2-4444-4aaa-8bbb-000000000001', number: null, date: '2026-12-31T23:59:59' },
        amountKop: 10,
        vatKop: 2,
      },
    ],
  };
}

/** A message as text with `body` placed in Body (for hand-made incoming messages). */
export function envelope(body: string, opts: { format?: string; bodyNs?: string; root?: string } = {}): string {
  const format = opts.format ?? edFormatUri('1.8');
  const root = opts.root ?? 'Message';
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns:msg="http://www.1c.ru/SSL/Exchange/Message" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
\t<msg:Header>
\t\t<msg:Format>${format}</msg:Format>
\t\t<msg:CreationDate>2026-12-05T10:00:00</msg:CreationDate>
\t\t<msg:Confirmation>
\t\t\t<msg:ExchangePlan>${ED_EXCHANGE_PLAN}</msg:ExchangePlan>
\t\t\t<msg:To>CRM</msg:To>
\t\t\t<msg:From>БП</msg:From>
\t\t\t<msg:MessageNo>4</msg:MessageNo>
\t\t\t<msg:ReceivedNo>7</msg:ReceivedNo>
\t\t</msg:Confirmation>
\t\t<msg:AvailableVersion>1.8</msg:AvailableVersion>
\t</msg:Header>
\t<Body xmlns="${opts.bodyNs ?? format}">
${body}
\t</Body>
</${root}>
`;
}
