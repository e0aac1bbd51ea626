// Handwritten EnterpriseData messages (as our side would write them) and a small reader of the peer's replies.
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, strToU8 } from 'fflate';

export const CP = '6f1c1a2e-1111-4aaa-8bbb-000000000001';
export const CONTRACT = '6f1c1a2e-1111-4aaa-8bbb-000000000002';
export const ACT = '6f1c1a2e-1111-4aaa-8bbb-000000000003';
export const INVOICE = '6f1c1a2e-1111-4aaa-8bbb-000000000004';
export const FACTURA = '6f1c1a2e-1111-4aaa-8bbb-000000000005';

export const counterparty = (ref = CP, inn = '7707083893') => `
  <Справочник.Контрагенты>
    <КлючевыеСвойства><Ссылка>${ref}</Ссылка><Наименование>ООО «Ромашка» &amp; К</Наименование>
      <НаименованиеПолное>Общество с ограниченной ответственностью «Ромашка»</НаименованиеПолное>
      <ИНН>${inn}</ИНН><КПП>770701001</КПП><ЮридическоеФизическоеЛицо>ЮридическоеЛицо</ЮридическоеФизическоеЛицо></КлючевыеСвойства>
  </Справочник.Контрагенты>`;

export const contract = () => `
  <Справочник.Договоры>
    <КлючевыеСвойства><Ссылка>${CONTRACT}</Ссылка><Наименование>Договор 15/2026</Наименование>
      <Контрагент><Ссылка>${CP}</Ссылка></Контрагент></КлючевыеСвойства>
  </Справочник.Договоры>`;

export const act = (ref = ACT, sum = '12000.00', upd = false) => `
  <Документ.РеализацияТоваровУслуг>
    <КлючевыеСвойства><Ссылка>${ref}</Ссылка><Дата>2026-11-30T00:00:00</Дата><Номер>A-17</Номер>
      <Организация><Ссылка>00000000-0000-4000-8000-00000000000a</Ссылка></Организация></КлючевыеСвойства>
    <Контрагент><Ссылка>${CP}</Ссылка></Контрагент>
    <ДанныеВзаиморасчетов><Договор><Ссылка>${CONTRACT}</Ссылка></Договор></ДанныеВзаиморасчетов>
    <Сумма>${sum}</Сумма><СуммаВключаетНДС>true</СуммаВключаетНДС>${upd ? '<ЭтоУниверсальныйДокумент>true</ЭтоУниверсальныйДокумент>' : ''}
    <Услуги><Строка><Номенклатура><Наименование>Сопровождение</Наименование></Номенклатура>
      <Количество>1</Количество><Цена>${sum}</Цена><Сумма>${sum}</Сумма><СтавкаНДС>НДС20</СтавкаНДС><СуммаНДС>2000</СуммаНДС>
      <Содержание>Информационное обслуживание за ноябрь</Содержание></Строка></Услуги>
  </Документ.РеализацияТоваровУслуг>`;

export const invoice = (ref = INVOICE) => `
  <Документ.СчетПокупателю>
    <КлючевыеСвойства><Ссылка>${ref}</Ссылка><Дата>2026-11-25T00:00:00</Дата><Номер>С-5</Номер></КлючевыеСвойства>
    <Контрагент><Ссылка>${CP}</Ссылка></Контрагент><Сумма>5000</Сумма>
  </Документ.СчетПокупателю>`;

export interface MessageOpts {
  from?: string;
  to?: string;
  bodyNs?: string;
  bom?: boolean;
}

export function ourMessage(no: number, received: number, body: string, o: MessageOpts = {}): string {
  return `${o.bom ? '\uFEFF' : ''}<?xml version="1.0" encoding="UTF-8"?>
<Message xmlns:msg="http://www.1c.ru/SSL/Exchange/Message" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<msg:Header>
  <msg:Format>http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8</msg:Format>
  <msg:CreationDate>2026-12-01T10:00:00</msg:CreationDate>
  <msg:Confirmation>
    <msg:ExchangePlan>СинхронизацияДанныхЧерезУниверсальныйФормат</msg:ExchangePlan>
    <msg:To>${o.to ?? 'BP'}</msg:To><msg:From>${o.from ?? 'CRM'}</msg:From>
    <msg:MessageNo>${no}</msg:MessageNo><msg:ReceivedNo>${received}</msg:ReceivedNo>
  </msg:Confirmation>
  <msg:AvailableVersion>1.8</msg:AvailableVersion>
</msg:Header>
<Body xmlns="${o.bodyNs ?? 'http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8'}">${body}</Body>
</Message>`;
}

let tick = 0;
/** Writes our message; each write gets a distinct mtime so the peer sees a new file even within one millisecond. */
export function putOurs(dir: string, xml: string, zip = false): void {
  const name = 'Message_CRM_BP';
  const path = join(dir, `${name}.${zip ? 'zip' : 'xml'}`);
  const bytes = strToU8(xml);
  writeFileSync(path, zip ? zipSync({ [`${name}.xml`]: bytes }) : bytes);
  const t = new Date(Date.now() + ++tick * 1000);
  utimesSync(path, t, t);
}

export interface Reply {
  messageNo: number;
  receivedNo: number;
  docs: { type: string; ref: string; number: string; date: string }[];
  raw: string;
}

/** Reads the peer's reply file (xml or zip, BOM allowed) with plain string matching, independent of the peer's code. */
export function readReply(dir: string): Reply | undefined {
  const xmlPath = join(dir, 'Message_BP_CRM.xml');
  const zipPath = join(dir, 'Message_BP_CRM.zip');
  let bytes: Uint8Array;
  if (existsSync(zipPath)) bytes = unzipSync(readFileSync(zipPath))['Message_BP_CRM.xml']!;
  else if (existsSync(xmlPath)) bytes = readFileSync(xmlPath);
  else return undefined;
  const raw = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const num = (tag: string) => Number(new RegExp(`<msg:${tag}>(\\d+)</msg:${tag}>`).exec(raw)?.[1] ?? NaN);
  const docs = [...raw.matchAll(/<(Документ\.[^>\s]+)>\s*<КлючевыеСвойства>\s*<Ссылка>([^<]+)<\/Ссылка>\s*<Дата>([^<]+)<\/Дата>\s*<Номер>([^<]+)<\/Номер>/g)]
    .map((m) => ({ type: m[1]!, ref: m[2]!, date: m[3]!, number: m[4]! }));
  return { messageNo: num('MessageNo'), receivedNo: num('ReceivedNo'), docs, raw };
}

/** Our handshake as real 1С writes one: MessageNo 0, Format without a version, no Body, declared object types. */
export function handshake(receiving: string[], versions = ['1.10', '1.8']): string {
  const types = ['Справочник.Контрагенты', 'Справочник.Договоры', 'Документ.СчетПокупателю', 'Документ.РеализацияТоваровУслуг', 'Документ.СчетФактураВыданный']
    .map((t) => `<msg:ObjectType><msg:Name>${t}</msg:Name><msg:Sending>*</msg:Sending>${receiving.includes(t) ? '<msg:Receiving>*</msg:Receiving>' : '<msg:Receiving/>'}</msg:ObjectType>`)
    .join('');
  return `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<Message xmlns:msg="http://www.1c.ru/SSL/Exchange/Message">
  <msg:Header>
    <msg:Format>http://v8.1c.ru/edi/edi_stnd/EnterpriseData</msg:Format>
    <msg:CreationDate>2026-12-01T09:00:00</msg:CreationDate>
    <msg:Confirmation><msg:ExchangePlan>СинхронизацияДанныхЧерезУниверсальныйФормат</msg:ExchangePlan>
      <msg:To>BP</msg:To><msg:From>CRM</msg:From><msg:MessageNo>0</msg:MessageNo><msg:ReceivedNo>0</msg:ReceivedNo></msg:Confirmation>
    ${versions.map((v) => `<msg:AvailableVersion>${v}</msg:AvailableVersion>`).join('')}
    <msg:NewFrom>91d5a7dd-2d96-4af5-b855-90ad613450b9</msg:NewFrom>
    <msg:AvailableObjectTypes>${types}</msg:AvailableObjectTypes>
  </msg:Header>
</Message>`;
}
