// The 1С peer's own reading and writing of EnterpriseData exchange messages (independent of the product's code).
import { XMLParser } from 'fast-xml-parser';
import { unzipSync, zipSync, strToU8 } from 'fflate';

export const MESSAGE_NS = 'http://www.1c.ru/SSL/Exchange/Message';
export const ED_NS_PREFIX = 'http://v8.1c.ru/edi/edi_stnd/EnterpriseData/';
export const EXCHANGE_PLAN = 'СинхронизацияДанныхЧерезУниверсальныйФормат';

/** The object types the peer takes from a message body; everything else is skipped (and counted). */
export const ED_TYPES = [
  'Справочник.Контрагенты',
  'Справочник.Договоры',
  'Документ.СчетПокупателю',
  'Документ.РеализацияТоваровУслуг',
  'Документ.СчетФактураВыданный',
] as const;
export type EdType = (typeof ED_TYPES)[number];
/** Names other 1С setups and exporters use for the same object (the invoice: БП's metadata name). */
const ED_TYPE_ALIASES: Record<string, EdType> = { 'Документ.СчетНаОплатуПокупателю': 'Документ.СчетПокупателю' };
export const ED_DOCUMENT_TYPES: readonly EdType[] = [
  'Документ.СчетПокупателю',
  'Документ.РеализацияТоваровУслуг',
  'Документ.СчетФактураВыданный',
];

/** A parsed value: text, or nested elements (repeated elements become arrays). */
export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

export interface ObjectTypeDecl {
  name: string;
  sending: boolean;
  receiving: boolean;
}

export interface MessageHeader {
  format: string;
  /** The version in msg:Format; '' in a handshake, whose Format has no version (then see availableVersions). */
  version: string;
  availableVersions: string[];
  /** msg:AvailableObjectTypes of a handshake: what the sender sends and receives ('*' = yes). */
  objectTypes?: ObjectTypeDecl[];
  exchangePlan: string;
  to: string;
  from: string;
  messageNo: number;
  receivedNo: number;
}

export interface EdObject {
  type: EdType;
  ref: string;
  data: XmlNode;
}

export interface ParsedMessage {
  header: MessageHeader;
  objects: EdObject[];
  skippedTypes: string[];
}

export class MessageError extends Error {}

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Decodes the bytes of a message file: a zip holding `<base>.xml`, or XML itself; UTF-8 with or without BOM. */
export function messageText(bytes: Uint8Array, baseName: string): string {
  let xml = bytes;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, { filter: (f) => f.originalSize <= MAX_MESSAGE_BYTES });
    } catch (e) {
      throw new MessageError(`bad zip: ${(e as Error).message}`);
    }
    const names = Object.keys(entries);
    const wanted = names.find((n) => n === `${baseName}.xml`) ?? (names.length === 1 ? names[0] : undefined);
    if (wanted === undefined) throw new MessageError(`zip must hold ${baseName}.xml, holds: ${names.join(', ')}`);
    xml = entries[wanted]!;
  }
  if (xml.length > MAX_MESSAGE_BYTES) throw new MessageError('message too large');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    throw new MessageError('message is not UTF-8');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Replaces the five predefined XML entities and character references (entity expansion is off in the parser). */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (tag, jPath) => typeof jPath === 'string' && /^[^.]*Message\.(?:[^.:]+:)?Body\./.test(jPath) &&
    jPath.replace(/^[^.]*Message\.(?:[^.:]+:)?Body\./, '') === tag,
});

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function nsOf(node: XmlNode, name: string, inherited: Record<string, string>): string | undefined {
  const i = name.indexOf(':');
  const prefix = i < 0 ? '' : name.slice(0, i);
  const attr = prefix === '' ? '@xmlns' : `@xmlns:${prefix}`;
  const own = node[attr];
  return typeof own === 'string' ? own : inherited[prefix];
}

function declared(node: XmlNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(node)) {
    if (typeof v !== 'string') continue;
    if (k === '@xmlns') out[''] = v;
    else if (k.startsWith('@xmlns:')) out[k.slice(7)] = v;
  }
  return out;
}

function child(node: XmlNode, localName: string): XmlValue | undefined {
  for (const [k, v] of Object.entries(node)) if (!k.startsWith('@') && local(k) === localName) return v;
  return undefined;
}

/** The text of a leaf, decoded; '' for a missing or non-text value. */
export function textOf(v: XmlValue | undefined): string {
  if (typeof v === 'string') return decodeXmlText(v);
  if (v && !Array.isArray(v) && typeof v['#text'] === 'string') return decodeXmlText(v['#text']);
  return '';
}

/** Follows a path of element names (`a/b/c`) and returns the text there. */
export function pathText(node: XmlNode | undefined, path: string): string {
  let cur: XmlValue | undefined = node;
  for (const part of path.split('/')) {
    if (!cur || typeof cur === 'string') return '';
    if (Array.isArray(cur)) cur = cur[0];
    if (!cur || typeof cur === 'string' || Array.isArray(cur)) return '';
    cur = cur[part];
  }
  return textOf(cur);
}

function headerField(conf: XmlNode, name: string): string {
  const v = child(conf, name);
  const t = textOf(v);
  if (t === '') throw new MessageError(`msg:Confirmation/msg:${name} is missing`);
  return t;
}

function asNode(v: XmlValue | undefined, what: string): XmlNode {
  if (!v || typeof v === 'string' || Array.isArray(v)) throw new MessageError(`${what} is missing or malformed`);
  return v;
}

function number(s: string, what: string): number {
  if (!/^\d{1,15}$/.test(s)) throw new MessageError(`${what} is not a number: ${s.slice(0, 40)}`);
  return Number(s);
}

/** Parses and checks a whole message: envelope, namespaces, header numbers, and the objects of known types. */
export function parseMessage(text: string): ParsedMessage {
  if (/<!DOCTYPE/i.test(text)) throw new MessageError('DOCTYPE is not allowed');
  let doc: XmlNode;
  try {
    doc = parser.parse(text, true) as XmlNode;
  } catch (e) {
    throw new MessageError(`malformed XML: ${(e as Error).message.split('\n')[0]}`);
  }
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (!rootName || local(rootName) !== 'Message') throw new MessageError('root element must be Message');
  const root = asNode(doc[rootName], 'Message');
  const ns = declared(root);
  const rootNs = nsOf(root, rootName, {});
  if (rootName.includes(':') && rootNs !== MESSAGE_NS) throw new MessageError('Message is not in the message namespace');
  const headerKey = Object.keys(root).find((k) => local(k) === 'Header');
  if (!headerKey || nsOf(root, headerKey, ns) !== MESSAGE_NS) throw new MessageError('msg:Header is missing');
  const header = asNode(root[headerKey], 'msg:Header');
  const format = textOf(child(header, 'Format'));
  // A handshake (MessageNo 0) names the format without a version: `…/EnterpriseData`.
  const bare = format === ED_NS_PREFIX.slice(0, -1);
  if (!bare && !format.startsWith(ED_NS_PREFIX)) throw new MessageError(`unknown msg:Format: ${format.slice(0, 100)}`);
  const version = bare ? '' : format.slice(ED_NS_PREFIX.length);
  if (!bare && !/^1\.\d{1,2}$/.test(version)) throw new MessageError(`unknown EnterpriseData version: ${version.slice(0, 20)}`);
  const list = (v: XmlValue | undefined): XmlValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const availableVersions = list(child(header, 'AvailableVersion')).map(textOf).filter((x) => /^1\.\d{1,2}$/.test(x));
  const typesNode = child(header, 'AvailableObjectTypes');
  const objectTypes = typesNode && typeof typesNode === 'object' && !Array.isArray(typesNode)
    ? list(child(typesNode, 'ObjectType')).map((t) => {
        const n = typeof t === 'object' && !Array.isArray(t) ? t : {};
        return { name: textOf(child(n, 'Name')), sending: textOf(child(n, 'Sending')) !== '', receiving: textOf(child(n, 'Receiving')) !== '' };
      })
    : undefined;
  const conf = asNode(child(header, 'Confirmation'), 'msg:Confirmation');
  const h: MessageHeader = {
    format,
    version,
    availableVersions,
    ...(objectTypes ? { objectTypes } : {}),
    exchangePlan: headerField(conf, 'ExchangePlan'),
    to: headerField(conf, 'To'),
    from: headerField(conf, 'From'),
    messageNo: number(headerField(conf, 'MessageNo'), 'MessageNo'),
    receivedNo: number(textOf(child(conf, 'ReceivedNo')) || '0', 'ReceivedNo'),
  };
  const bodyKey = Object.keys(root).find((k) => local(k) === 'Body');
  // A message without Body only confirms (or is a handshake).
  if (!bodyKey) return { header: h, objects: [], skippedTypes: [] };
  const bodyVal = root[bodyKey];
  const body: XmlNode = typeof bodyVal === 'string' || bodyVal === undefined ? {} : asNode(bodyVal, 'Body');
  const bodyNs = typeof bodyVal === 'object' && !Array.isArray(bodyVal) ? nsOf(body, bodyKey, ns) : nsOf(root, bodyKey, ns);
  if (!bodyNs?.startsWith(ED_NS_PREFIX)) throw new MessageError('Body is not in the EnterpriseData namespace');
  const objects: EdObject[] = [];
  const skipped: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('@') || k === '#text') continue;
    const type = ED_TYPE_ALIASES[local(k)] ?? local(k);
    if (!(ED_TYPES as readonly string[]).includes(type)) {
      skipped.push(type);
      continue;
    }
    for (const item of Array.isArray(v) ? v : [v]) {
      const data = asNode(item, type);
      const ref = pathText(data, 'КлючевыеСвойства/Ссылка');
      if (ref === '') throw new MessageError(`${type} without КлючевыеСвойства/Ссылка`);
      objects.push({ type: type as EdType, ref, data });
    }
  }
  return { header: h, objects, skippedTypes: skipped };
}

export interface ReplyDocument {
  type: EdType;
  ref: string;
  number: string;
  date: string;
  org?: { name: string; inn: string; kpp: string };
  /** The document's counterparty and sum, as 1С writes the whole document back. */
  counterparty?: { ref: string; name: string; inn: string; kpp: string; legal: string };
  amount?: string;
}

export interface ReplyInput {
  version: string;
  from: string;
  to: string;
  messageNo: number;
  receivedNo: number;
  creationDate: string;
  documents: ReplyDocument[];
}

/** Writes a message the way 1С lays it out: unprefixed `Message`, `msg:` header, Body in the ED namespace. */
export function buildMessage(m: ReplyInput): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Message xmlns:msg="${MESSAGE_NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '\t<msg:Header>',
    `\t\t<msg:Format>${ED_NS_PREFIX}${escapeXml(m.version)}</msg:Format>`,
    `\t\t<msg:CreationDate>${escapeXml(m.creationDate)}</msg:CreationDate>`,
    '\t\t<msg:Confirmation>',
    `\t\t\t<msg:ExchangePlan>${EXCHANGE_PLAN}</msg:ExchangePlan>`,
    `\t\t\t<msg:To>${escapeXml(m.to)}</msg:To>`,
    `\t\t\t<msg:From>${escapeXml(m.from)}</msg:From>`,
    `\t\t\t<msg:MessageNo>${m.messageNo}</msg:MessageNo>`,
    `\t\t\t<msg:ReceivedNo>${m.receivedNo}</msg:ReceivedNo>`,
    '\t\t</msg:Confirmation>',
    `\t\t<msg:AvailableVersion>${escapeXml(m.version)}</msg:AvailableVersion>`,
    '\t\t<msg:AvailableObjectTypes>',
    ...ED_TYPES.map((t) => `\t\t\t<msg:ObjectType><msg:Name>${t}</msg:Name><msg:Sending>${
      ED_DOCUMENT_TYPES.includes(t) ? '*' : ''}</msg:Sending><msg:Receiving>*</msg:Receiving></msg:ObjectType>`),
    '\t\t</msg:AvailableObjectTypes>',
    '\t</msg:Header>',
    `\t<Body xmlns="${ED_NS_PREFIX}${escapeXml(m.version)}">`,
  ];
  for (const d of m.documents) {
    out.push(
      `\t\t<${d.type}>`,
      '\t\t\t<КлючевыеСвойства>',
      `\t\t\t\t<Ссылка>${escapeXml(d.ref)}</Ссылка>`,
      `\t\t\t\t<Дата>${escapeXml(d.date)}</Дата>`,
      `\t\t\t\t<Номер>${escapeXml(d.number)}</Номер>`,
      ...(d.org
        ? [
            '\t\t\t\t<Организация>',
            ...(d.org.name ? [`\t\t\t\t\t<Наименование>${escapeXml(d.org.name)}</Наименование>`] : []),
            ...(d.org.inn ? [`\t\t\t\t\t<ИНН>${escapeXml(d.org.inn)}</ИНН>`] : []),
            ...(d.org.kpp ? [`\t\t\t\t\t<КПП>${escapeXml(d.org.kpp)}</КПП>`] : []),
            '\t\t\t\t</Организация>',
          ]
        : []),
      '\t\t\t</КлючевыеСвойства>',
      ...(d.counterparty
        ? [
            '\t\t\t<Контрагент>',
            `\t\t\t\t<Ссылка>${escapeXml(d.counterparty.ref)}</Ссылка>`,
            ...(d.counterparty.name ? [`\t\t\t\t<Наименование>${escapeXml(d.counterparty.name)}</Наименование>`] : []),
            ...(d.counterparty.inn ? [`\t\t\t\t<ИНН>${escapeXml(d.counterparty.inn)}</ИНН>`] : []),
            ...(d.counterparty.kpp ? [`\t\t\t\t<КПП>${escapeXml(d.counterparty.kpp)}</КПП>`] : []),
            ...(d.counterparty.legal ? [`\t\t\t\t<ЮридическоеФизическоеЛицо>${escapeXml(d.counterparty.legal)}</ЮридическоеФизическоеЛицо>`] : []),
            '\t\t\t</Контрагент>',
          ]
        : []),
      ...(d.amount != null ? [`\t\t\t<Сумма>${escapeXml(d.amount)}</Сумма>`] : []),
      `\t\t</${d.type}>`,
    );
  }
  out.push('\t</Body>', '</Message>', '');
  return out.join('\n');
}

/** The bytes of a reply file: optional UTF-8 BOM, optionally zipped with one entry `<base>.xml`. */
export function messageBytes(xml: string, baseName: string, opts: { bom: boolean; zip: boolean }): Uint8Array {
  const body = strToU8(xml);
  const withBom = opts.bom ? concat(new Uint8Array([0xef, 0xbb, 0xbf]), body) : body;
  return opts.zip ? zipSync({ [`${baseName}.xml`]: withBom }) : withBom;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}


