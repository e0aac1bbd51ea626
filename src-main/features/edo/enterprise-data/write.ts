// Writing an EnterpriseData message: our model → the envelope XML (UTF-8, optional BOM) or a zip holding it.
import { zipSync } from 'fflate';
import {
  ED_MESSAGE_NS,
  ED_TYPES,
  type EdContractKey,
  type EdCounterpartyKey,
  type EdDocumentBase,
  type EdHeader,
  type EdKnownObject,
  type EdOrganizationKey,
  type EdOutgoingMessage,
  type EdServiceRow,
} from './model';
import { edMessageFileName, formatQuantity, isEdDate, isEdDateTime, kopToRoubles, legalFormOfInn } from './values';
import { el, leaf, serializeEl, serializeXml, type XmlEl } from './xml';

export interface EdWriteOptions {
  /** Start the file with a UTF-8 BOM, as 1С itself writes. */
  bom?: boolean;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function dateTime(v: string, what: string): string {
  if (!isEdDateTime(v)) throw new Error(`${what}: not YYYY-MM-DDTHH:MM:SS: ${v}`);
  return v;
}

function header(h: EdHeader): XmlEl {
  if (!Number.isSafeInteger(h.messageNo) || h.messageNo < 0 || !Number.isSafeInteger(h.receivedNo) || h.receivedNo < 0) {
    throw new Error('message numbers must be whole numbers ≥ 0');
  }
  return el(
    'msg:Header',
    leaf('msg:Format', h.format),
    leaf('msg:CreationDate', dateTime(h.creationDate, 'CreationDate')),
    el(
      'msg:Confirmation',
      leaf('msg:ExchangePlan', h.exchangePlan),
      leaf('msg:To', h.to),
      leaf('msg:From', h.from),
      leaf('msg:MessageNo', h.messageNo),
      leaf('msg:ReceivedNo', h.receivedNo),
    ),
    h.availableVersions.map((v) => ({ name: 'msg:AvailableVersion', text: v })),
  );
}

function counterpartyProps(c: EdCounterpartyKey): XmlEl[] {
  return [
    ...leaf('Ссылка', c.ref),
    ...leaf('Наименование', c.name),
    ...leaf('НаименованиеПолное', c.fullName),
    ...leaf('ИНН', c.inn),
    ...leaf('КПП', c.kpp),
    ...leaf('ЮридическоеФизическоеЛицо', c.legalForm),
  ];
}

function organization(o: EdOrganizationKey): XmlEl {
  return el(
    'Организация',
    leaf('Ссылка', o.ref),
    leaf('Наименование', o.name),
    leaf('НаименованиеПолное', o.fullName),
    leaf('ИНН', o.inn),
    leaf('КПП', o.kpp),
    leaf('ЮридическоеФизическоеЛицо', legalFormOfInn(o.inn)),
  );
}

function contractProps(c: EdContractKey): XmlEl[] {
  if (c.date != null && !isEdDate(c.date)) throw new Error(`contract date: not YYYY-MM-DD: ${c.date}`);
  return [
    ...leaf('Ссылка', c.ref),
    ...leaf('Наименование', c.name),
    ...leaf('Номер', c.number),
    ...leaf('Дата', c.date),
    ...leaf('ВидДоговора', 'СПокупателем'),
    ...(c.organization ? [organization(c.organization)] : []),
    ...(c.counterparty ? [el('Контрагент', counterpartyProps(c.counterparty))] : []),
  ];
}

function row(r: EdServiceRow): XmlEl {
  return el(
    'Строка',
    el('Номенклатура', leaf('Ссылка', r.item.ref), leaf('Наименование', r.item.name)),
    leaf('Содержание', r.content),
    leaf('Количество', formatQuantity(r.quantity)),
    leaf('Цена', kopToRoubles(r.priceKop)),
    leaf('Сумма', kopToRoubles(r.amountKop)),
    leaf('СтавкаНДС', r.vatRate),
    leaf('СуммаНДС', kopToRoubles(r.vatKop)),
  );
}

function keyProps(ref: string, date: string, number: string | null, org: EdOrganizationKey): XmlEl {
  // Номер always (empty until 1С numbers a document we send unnumbered): the 1С peer's schema, like the exporters seen,
  // has it between Дата and Организация.
  return el('КлючевыеСвойства', leaf('Ссылка', ref), leaf('Дата', dateTime(date, 'document date')), leaf('Номер', number ?? ''), organization(org));
}

function document(d: EdDocumentBase, upd: boolean | null): XmlEl[] {
  return [
    keyProps(d.ref, d.date, d.number, d.organization),
    el('Контрагент', counterpartyProps(d.counterparty)),
    ...(d.contract ? [el('ДанныеВзаиморасчетов', el('Договор', contractProps(d.contract)))] : []),
    ...leaf('Сумма', kopToRoubles(d.amountKop)),
    ...leaf('СуммаВключаетНДС', d.vatIncluded),
    ...(upd ? leaf('ЭтоУниверсальныйДокумент', true) : []),
    ...leaf('Комментарий', d.comment),
    ...(d.rows.length > 0 ? [el('Услуги', d.rows.map(row))] : []),
  ];
}

/** One Body object; the element order is the schema's (test/edo/xsd). */
export function edObjectXml(o: EdKnownObject): XmlEl {
  switch (o.type) {
    case 'counterparty':
      return el(ED_TYPES.counterparty, el('КлючевыеСвойства', counterpartyProps(o)));
    case 'contract':
      return el(ED_TYPES.contract, el('КлючевыеСвойства', contractProps(o)));
    case 'invoice':
      return el(ED_TYPES.invoice, document(o, null));
    case 'sale':
      return el(ED_TYPES.sale, document(o, o.upd));
    case 'invoiceFactura':
      return el(
        ED_TYPES.invoiceFactura,
        keyProps(o.ref, o.date, o.number, o.organization),
        el('Контрагент', counterpartyProps(o.counterparty)),
        o.basis
          ? [el('ДокументОснование', leaf('Ссылка', o.basis.ref), leaf('Дата', o.basis.date && dateTime(o.basis.date, 'basis date')), leaf('Номер', o.basis.number))]
          : [],
        leaf('Сумма', kopToRoubles(o.amountKop)),
        leaf('СуммаНДС', kopToRoubles(o.vatKop)),
      );
  }
}

/** The whole envelope as a string (no BOM); each object is serialized as soon as it is built, so no tree of all is kept. */
export function edMessageXml(msg: EdOutgoingMessage): string {
  const root: XmlEl = {
    name: 'Message',
    attrs: [
      ['xmlns:msg', ED_MESSAGE_NS],
      ['xmlns:xs', 'http://www.w3.org/2001/XMLSchema'],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
    ],
    children: [header(msg.header), { name: 'Body', attrs: [['xmlns', msg.header.format]], text: '@' }],
  };
  const [head, tail] = serializeXml(root).split('>@</Body>') as [string, string];
  if (msg.objects.length === 0) return `${head}/>${tail}`;
  let body = '';
  for (const o of msg.objects) body += serializeEl(edObjectXml(o), 2);
  return `${head}>\n${body}\t</Body>${tail}`;
}

/** UTF-8 bytes of the message; the same message gives the same bytes. */
export function writeEdMessage(msg: EdOutgoingMessage, opts: EdWriteOptions = {}): Buffer {
  const body = Buffer.from(edMessageXml(msg), 'utf8');
  return opts.bom ? Buffer.concat([BOM, body]) : body;
}

/** A zip holding one `Message_<from>_<to>.xml`; deterministic (the entry's time is the message's CreationDate). */
export function writeEdMessageZip(msg: EdOutgoingMessage, opts: EdWriteOptions = {}): Buffer {
  const name = edMessageFileName(msg.header.from, msg.header.to, 'xml');
  const mtime = new Date(`${msg.header.creationDate}Z`);
  const zipped = zipSync({ [name]: [writeEdMessage(msg, opts), { level: 6, mtime: new Date(mtime.getUTCFullYear(), mtime.getUTCMonth(), mtime.getUTCDate(), mtime.getUTCHours(), mtime.getUTCMinutes(), mtime.getUTCSeconds()) }] });
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
