// EnterpriseData messages: values, file names, write → read round trips (xml, zip, BOM, UTF-16) and per-object problems.
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { readEdMessage } from '../../src-main/features/edo/enterprise-data/read';
import { edMessageXml, writeEdMessage, writeEdMessageZip } from '../../src-main/features/edo/enterprise-data/write';
import { edMessageFileName, formatQuantity, isInn, isKpp, kopToRoubles, legalFormOfInn, parseEdDateTime, parseEdMessageFileName, roublesToKop } from '../../src-main/features/edo/enterprise-data/values';
import { escapeXml } from '../../src-main/features/edo/enterprise-data/xml';
import { edObjectIssues } from '../../src-main/features/edo/enterprise-data/check';
import type { EdReadResult } from '../../src-main/features/edo/enterprise-data/model';
import { envelope, legal, sampleMessage } from './ed-fixtures';

function ok(r: EdReadResult) {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r;
}

describe('EnterpriseData values', () => {
  it('converts kopecks to roubles and back at the edges', () => {
    const cases: [number, string][] = [
      [0, '0.00'],
      [1, '0.01'],
      [10, '0.10'],
      [99, '0.99'],
      [100, '1.00'],
      [123450, '1234.50'],
      [-5, '-0.05'],
      [-123456, '-1234.56'],
      [999_999_999_999_99, '999999999999.99'],
    ];
    for (const [kop, text] of cases) {
      expect(kopToRoubles(kop)).toBe(text);
      expect(roublesToKop(text)).toBe(kop);
    }
    expect(roublesToKop('1234.5')).toBe(123450);
    expect(roublesToKop('1234')).toBe(123400);
    expect(roublesToKop(' 7.10 ')).toBe(710);
    expect(roublesToKop('-0.00')).toBe(0);
    for (const bad of ['1234.567', '1,50', '1e3', '', '.5', '12 345.00', 'NaN', '0x10', '99999999999999.00']) expect(roublesToKop(bad)).toBeNull();
    expect(() => kopToRoubles(1.5)).toThrow();
    expect(() => kopToRoubles(Number.MAX_SAFE_INTEGER + 2)).toThrow();
  });

  it('formats quantities, dates, ИНН/КПП and legal forms', () => {
    expect(formatQuantity(1)).toBe('1');
    expect(formatQuantity(1.5)).toBe('1.5');
    expect(formatQuantity(0.001)).toBe('0.001');
    expect(formatQuantity(2.1234)).toBe('2.123');
    expect(() => formatQuantity(-1)).toThrow();
    expect(parseEdDateTime('2026-02-29')).toBeNull();
    expect(parseEdDateTime('2024-02-29')).toBe('2024-02-29T00:00:00');
    expect(parseEdDateTime('2026-12-31T23:59:59')).toBe('2026-12-31T23:59:59');
    expect(parseEdDateTime('0001-01-01T00:00:00')).toBe('empty');
    expect(parseEdDateTime('2026-13-01')).toBeNull();
    expect(parseEdDateTime('31.12.2026')).toBeNull();
    expect(isInn('7707083893') && isInn('500100732259')).toBe(true);
    expect(isInn('770708389') || isInn('77070838931') || isInn('77070838a3')).toBe(false);
    expect(isKpp('770701001') && isKpp('7701AB001')).toBe(true);
    expect(isKpp('77ab01001') || isKpp('7707010011')).toBe(false);
    expect(legalFormOfInn('500100732259')).toBe('ФизическоеЛицо');
    expect(legalFormOfInn('7707083893')).toBe('ЮридическоеЛицо');
  });

  it('builds and parses message file names, refusing paths and odd names', () => {
    expect(edMessageFileName('CRM', 'БП', 'zip')).toBe('Message_CRM_БП.zip');
    expect(parseEdMessageFileName('Message_БП_CRM.xml')).toEqual({ from: 'БП', to: 'CRM', ext: 'xml' });
    expect(parseEdMessageFileName('Message_A-1_B.ZIP')).toEqual({ from: 'A-1', to: 'B', ext: 'zip' });
    for (const bad of ['../Message_A_B.xml', 'dir/Message_A_B.xml', 'dir\\Message_A_B.xml', 'Message_A_B.xml.exe', 'Message_A_B_C.xml', 'Message__B.xml', 'Message_A.B_C.xml', 'message.xml', 'Message_A_B.xml\0', 'Message_A_B.txt']) {
      expect(parseEdMessageFileName(bad), bad).toBeNull();
    }
    expect(() => edMessageFileName('a/b', 'c', 'xml')).toThrow();
    expect(() => edMessageFileName('a_b', 'c', 'xml')).toThrow();
    expect(() => edMessageFileName('..', 'c', 'xml')).toThrow();
  });

  it('escapes markup characters and replaces characters XML cannot carry', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
    expect(escapeXml('a\u0001b\rc')).toBe('a\uFFFDb&#13;c');
  });
});

describe('EnterpriseData write → read', () => {
  it('writes the real envelope shape', () => {
    const xml = edMessageXml(sampleMessage());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Message xmlns:msg="http://www.1c.ru/SSL/Exchange/Message"')).toBe(true);
    expect(xml).toContain('<msg:Format>http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8</msg:Format>');
    expect(xml).toContain('<msg:ExchangePlan>СинхронизацияДанныхЧерезУниверсальныйФормат</msg:ExchangePlan>');
    expect(xml).toContain('<Body xmlns="http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8">');
    expect(xml).toContain('<Наименование>ООО &quot;Ромашка&quot; &amp; &lt;Сыновья&gt;</Наименование>');
    expect(xml).toContain('<Сумма>1234.50</Сумма>');
    expect(xml).toContain('<ЭтоУниверсальныйДокумент>true</ЭтоУниверсальныйДокумент>');
    expect(xml.indexOf('<msg:Confirmation>')).toBeLessThan(xml.indexOf('<msg:AvailableVersion>'));
    // Deterministic: the same message, the same bytes (zip too).
    expect(writeEdMessage(sampleMessage()).equals(writeEdMessage(sampleMessage()))).toBe(true);
    expect(writeEdMessageZip(sampleMessage()).equals(writeEdMessageZip(sampleMessage()))).toBe(true);
  });

  it('reads back every object type exactly, as xml, xml with BOM, zip, zip with BOM and UTF-16', () => {
    const msg = sampleMessage();
    const xml = edMessageXml(msg);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const utf16be = Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]).swap16());
    const variants = { xml: writeEdMessage(msg), bom: writeEdMessage(msg, { bom: true }), zip: writeEdMessageZip(msg), zipBom: writeEdMessageZip(msg, { bom: true }), utf16, utf16be };
    expect(variants.bom.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    for (const [name, bytes] of Object.entries(variants)) {
      const r = ok(readEdMessage(bytes));
      expect(r.problems, name).toEqual([]);
      expect(r.message, name).toEqual(msg);
    }
    const entries = unzipSync(variants.zip);
    expect(Object.keys(entries)).toEqual(['Message_CRM_БП.xml']);
  });

  it('reads what 1С sends back: its numbers on our refs, unknown objects kept with a problem', () => {
    const body = `
\t\t<Документ.РеализацияТоваровУслуг>
\t\t\t<КлючевыеСвойства>
\t\t\t\t<Ссылка>b2b2b2b2-4444-4aaa-8bbb-000000000001</Ссылка>
\t\t\t\t<Дата>2026-12-31T00:00:00</Дата>
\t\t\t\t<Номер>0000-000457</Номер>
\t\t\t\t<Организация><Ссылка>0b1c2d3e-0000-4000-8000-000000000001</Ссылка><НаименованиеСокращенное>РИЦ</НаименованиеСокращенное><ИНН>7707083893</ИНН></Организация>
\t\t\t</КлючевыеСвойства>
\t\t\t<Контрагент><Ссылка>x1</Ссылка><НаименованиеПолное>ООО Ромашка</НаименованиеПолное><ИНН>7701234567</ИНН></Контрагент>
\t\t\t<СуммаДокумента>100.5</СуммаДокумента>
\t\t\t<Товары><Строка><ДанныеНоменклатуры><Номенклатура><Ссылка>n-1</Ссылка><НаименованиеПолное>Сопровождение</НаименованиеПолное></Номенклатура></ДанныеНоменклатуры><Количество>2</Количество><Цена>50.25</Цена><Сумма>100.50</Сумма><СтавкаНДС>БезНДС</СтавкаНДС></Строка></Товары>
\t\t</Документ.РеализацияТоваровУслуг>
\t\t<Документ.СчетПокупателю>
\t\t\t<КлючевыеСвойства><Ссылка>inv-1</Ссылка><Дата>2026-12-01</Дата><Номер>12</Номер><Организация><Наименование>РИЦ</Наименование></Организация></КлючевыеСвойства>
\t\t\t<Контрагент><Ссылка>x1</Ссылка><Наименование>ИП Петров</Наименование><ИНН>500100732259</ИНН></Контрагент>
\t\t\t<Сумма>1</Сумма>
\t\t</Документ.СчетПокупателю>
\t\t<Документ.ПоступлениеНаРасчетныйСчет>
\t\t\t<КлючевыеСвойства><Ссылка>pay-9</Ссылка><Номер>88</Номер></КлючевыеСвойства>
\t\t\t<Сумма>5.00</Сумма>
\t\t</Документ.ПоступлениеНаРасчетныйСчет>`;
    const r = ok(readEdMessage(Buffer.from(envelope(body))));
    expect(r.message.header).toMatchObject({ from: 'БП', to: 'CRM', messageNo: 4, receivedNo: 7, availableVersions: ['1.8'] });
    expect(r.message.objects).toHaveLength(3);
    const [sale, invoice, unknown] = r.message.objects;
    expect(sale).toMatchObject({
      type: 'sale',
      ref: 'b2b2b2b2-4444-4aaa-8bbb-000000000001',
      number: '0000-000457',
      date: '2026-12-31T00:00:00',
      amountKop: 10050,
      upd: false,
      organization: { name: 'РИЦ', inn: '7707083893' },
      counterparty: { name: 'ООО Ромашка', legalForm: 'ЮридическоеЛицо' },
      rows: [{ item: { ref: 'n-1', name: 'Сопровождение' }, quantity: 2, priceKop: 5025, amountKop: 10050, vatKop: 0 }],
    });
    expect(invoice).toMatchObject({ type: 'invoice', ref: 'inv-1', number: '12', date: '2026-12-01T00:00:00', counterparty: { legalForm: 'ФизическоеЛицо' } });
    expect(unknown).toEqual({ type: 'unknown', edType: 'Документ.ПоступлениеНаРасчетныйСчет', key: 'pay-9', summary: 'КлючевыеСвойства/Ссылка=pay-9; КлючевыеСвойства/Номер=88; Сумма=5.00' });
    expect(r.problems).toEqual([{ index: 2, type: 'Документ.ПоступлениеНаРасчетныйСчет', key: 'pay-9', code: 'unknown_type', message: expect.stringContaining('unknown object type') }]);
  });

  it('skips a bad object with its problem and reads the others', () => {
    const good = (ref: string) => `<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>${ref}</Ссылка><Наименование>Клиент ${ref}</Наименование><ИНН>7701234567</ИНН></КлючевыеСвойства></Справочник.Контрагенты>`;
    const doc = (inner: string) => `<Документ.РеализацияТоваровУслуг><КлючевыеСвойства><Ссылка>d</Ссылка>${inner}<Организация><Наименование>Р</Наименование></Организация></КлючевыеСвойства><Контрагент><Ссылка>c</Ссылка><Наименование>К</Наименование></Контрагент><Сумма>1.00</Сумма></Документ.РеализацияТоваровУслуг>`;
    const bad = [
      ['<Справочник.Контрагенты><КлючевыеСвойства><Наименование>Без ключа</Наименование></КлючевыеСвойства></Справочник.Контрагенты>', 'missing_key', null],
      ['<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>k1</Ссылка><Наименование>И</Наименование><ИНН>12345</ИНН></КлючевыеСвойства></Справочник.Контрагенты>', 'bad_inn', 'k1'],
      ['<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>k2</Ссылка><Наименование>И</Наименование><КПП>77-01</КПП></КлючевыеСвойства></Справочник.Контрагенты>', 'bad_kpp', 'k2'],
      [doc('<Дата>2026-02-30T00:00:00</Дата>'), 'bad_date', 'd'],
      [doc('<Дата>2026-02-01T00:00:00</Дата>').replace('<Сумма>1.00</Сумма>', '<Сумма>1.005</Сумма>'), 'bad_number', 'd'],
      [doc('<Дата>2026-02-01T00:00:00</Дата>').replace('<Сумма>1.00</Сумма>', '<Сумма>1.00</Сумма><Услуги><Строка><Номенклатура><Наименование>x</Наименование></Номенклатура><Количество>-1</Количество><Сумма>1</Сумма></Строка></Услуги>'), 'bad_number', 'd'],
      [doc('<Дата>2026-02-01T00:00:00</Дата>').replace('<Сумма>1.00</Сумма>', '<СуммаВключаетНДС>да</СуммаВключаетНДС>'), 'missing_value', 'd'],
    ] as const;
    for (const [xml, code, key] of bad) {
      const r = ok(readEdMessage(Buffer.from(envelope(`${good('a')}\n${xml}\n${good('b')}`))));
      expect(r.message.objects.map((o) => (o.type === 'counterparty' ? o.ref : o.type)), code).toEqual(['a', 'b']);
      expect(r.problems, code).toEqual([{ index: 1, type: expect.any(String), key, code, message: expect.any(String) }]);
    }
  });

  it('accepts an acknowledgement without Body and a prefixed root', () => {
    const ack = envelope('').replace(/\t<Body[\s\S]*<\/Body>\n/, '');
    expect(ok(readEdMessage(Buffer.from(ack))).message.objects).toEqual([]);
    const prefixed = envelope('').replace('<Message ', '<msg:Message ').replace('</Message>', '</msg:Message>');
    expect(ok(readEdMessage(Buffer.from(prefixed))).message.header.messageNo).toBe(4);
  });

  it('refuses the whole message when its header is bad', () => {
    const cases: [string, string][] = [
      [envelope('').replace('<msg:MessageNo>4</msg:MessageNo>', '<msg:MessageNo>четыре</msg:MessageNo>'), 'malformed'],
      [envelope('').replace(/<msg:Confirmation>[\s\S]*<\/msg:Confirmation>/, ''), 'malformed'],
      [envelope('').replace('<msg:CreationDate>2026-12-05T10:00:00</msg:CreationDate>', '<msg:CreationDate>вчера</msg:CreationDate>'), 'malformed'],
      [envelope('').replace('<msg:To>CRM</msg:To>', ''), 'malformed'],
      [envelope('', { format: 'http://example.com/Other/1.0' }), 'not_enterprise_data'],
      [envelope('', { bodyNs: 'http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.11' }), 'malformed'],
    ];
    for (const [xml, code] of cases) expect(readEdMessage(Buffer.from(xml))).toMatchObject({ ok: false, code });
  });
});

describe('EnterpriseData objects checked before writing', () => {
  it('finds nothing in good objects and names each bad field', () => {
    for (const o of sampleMessage().objects) expect(edObjectIssues(o), o.type).toEqual([]);
    expect(edObjectIssues({ ...legal, ref: 'has space', inn: '123', kpp: 'x', name: ' ' })).toEqual([
      { code: 'missing_key', field: 'Ссылка' },
      { code: 'missing_value', field: 'Наименование' },
      { code: 'bad_inn', field: 'ИНН' },
      { code: 'bad_kpp', field: 'КПП' },
    ]);
    const sale = sampleMessage().objects.find((o) => o.type === 'sale')!;
    if (sale.type !== 'sale') throw new Error('fixture');
    const bad = {
      ...sale,
      date: '2026-12-31',
      amountKop: 1.5,
      rows: [{ ...sale.rows[0]!, quantity: 0.0001, vatRate: 'НДС 20%' }],
      contract: { ref: 'c', name: null, number: null, date: '01.02.2026', counterparty: null, organization: null },
    };
    expect(edObjectIssues(bad)).toEqual([
      { code: 'bad_date', field: 'Дата' },
      { code: 'bad_number', field: 'Сумма' },
      { code: 'bad_date', field: 'Договор.Дата' },
      { code: 'bad_number', field: 'Услуги[1].Количество' },
      { code: 'bad_value', field: 'Услуги[1].СтавкаНДС' },
    ]);
  });
});
