// Print of the УПД and the счёт-фактура: number, status, parties valid on the date, the table with VAT per line, totals, the transfer part, many lines over pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { CHANGE_DATE, NEW_CP, OLD_CP, OUR, seedDocClient, type DocClient } from '../documents/fixtures';
import { inkShare, pageCount, pdfText } from '../print/pdf';

let env: TestEnv;
let c: DocClient;
beforeEach(async () => {
  env = await testEnv();
  c = await seedDocClient(env);
});
afterEach(() => env.close());

const flat = (s: string) => s.replace(/\s+/g, ' ');
const print = async (id: number) => (await env.admin('print.render', { documentIds: [id], together: true })).files[0]!;

const LINES = [
  { name: 'Информационные услуги с использованием экземпляров Систем КонсультантПлюс за ноябрь 2026 г.', qty: 1, unit: 'мес.', priceKop: 1_000_00 },
  { name: 'Обучение пользователей', qty: 2, unit: 'ч', priceKop: 117_28 },
];

describe('УПД', () => {
  it('prints status 1 with VAT: the seller and the buyer valid on the date, VAT per line adding up to the totals, the contract as the basis', async () => {
    const contract = await env.admin('documents.create', { type: 'contract', clientId: c.clientId, date: '2026-11-02' });
    const upd = await env.admin('documents.create', {
      type: 'upd',
      clientId: c.clientId,
      parentId: contract.id,
      date: '2026-11-27',
      vatMode: 'included',
      vatRate: 22,
      lines: LINES,
    });
    expect(upd.number).toBe('УПД-2026-0001');
    const file = await print(upd.id);
    const text = flat(pdfText(file));
    for (const s of [
      'Универсальный передаточный документ',
      'Статус: 1',
      'Счёт-фактура № УПД-2026-0001 от 27.11.2026 (1)',
      `Продавец: ${OUR.fullName}`,
      `ИНН/КПП продавца: ${OUR.inn}/${OUR.kpp} (2б)`,
      `Покупатель: ${NEW_CP.fullName}`,
      `ИНН/КПП покупателя: ${NEW_CP.inn}/${NEW_CP.kpp}`,
      NEW_CP.legalAddress,
      'Российский рубль, 643',
      'Грузоотправитель и его адрес: — (3)',
      'без акциза',
      'Основание передачи (сдачи) / получения (приёмки) [8]: Договор № Д-2026-0001 от 02.11.2026',
      'Товар (груз) передал / услуги, результаты работ, права сдал [10]',
      'Товар (груз) получил / услуги, результаты работ, права принял [15]',
      'Дата отгрузки, передачи (сдачи) [11]: «27» ноября 2026 г.',
      '/ Кузнецов О. В. /',
      '/ Петрова А. С. /',
      '/ Сидорова М. И. /',
    ]) expect(text).toContain(s);
    expect(text).not.toContain(OLD_CP.inn);
    const rows = pdfText(file, 1, true);
    // 1 000,00 with VAT 22 % inside: 180,33 VAT, 819,67 without; 234,56: 42,30 VAT; the totals are the document's.
    expect(rows).toMatch(/1 — Информационные услуги[^\n]* — 362 мес 1 819,67 819,67 без акциза 22% 180,33 1 000,00/);
    expect(rows).toMatch(/2 — Обучение пользователей — 356 ч 2 96,13 192,26 без акциза 22% 42,30 234,56/);
    expect(rows).toMatch(/Всего к оплате 1 011,93 X 222,63 1 234,56/);
    expect(inkShare(file)).toBeGreaterThan(0.01);
  });

  it('prints status 2 without VAT: «без НДС» in the rate and tax columns', async () => {
    const upd = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: CHANGE_DATE, lines: [LINES[0]!] });
    const text = flat(pdfText(await print(upd.id)));
    expect(text).toContain('Статус: 2');
    expect(text).toContain('без НДС');
    expect(text).toContain('Основание передачи (сдачи) / получения (приёмки) [8]: —');
    expect(text).not.toContain('22%');
  });

  it('flows 60 lines onto further pages with the table header repeated and the totals once', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      name: `Информационные услуги по дистрибутиву № ${1000 + i} с использованием экземпляра Системы КонсультантПлюс за ноябрь 2026 года (длинное наименование переносится)`,
      qty: 1,
      unit: 'усл.',
      priceKop: 100_00 + i,
    }));
    const upd = await env.admin('documents.create', { type: 'upd', clientId: c.clientId, date: '2026-11-27', vatMode: 'on_top', vatRate: 22, lines });
    const file = await print(upd.id);
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    const all = flat(pdfText(file));
    for (let i = 0; i < 60; i++) expect(all).toContain(`№ ${1000 + i}`);
    for (let p = 1; p <= pages; p++) {
      const t = flat(pdfText(file, p));
      expect(t, `page ${p}`).toContain(`Страница ${p} из ${pages}`);
      if (p <= 2) expect(t, `page ${p}`).toContain('Наименование товара (описание выполненных работ, оказанных услуг)');
      if (p > 1) expect(t, `page ${p}`).toContain(`Универсальный передаточный документ № ${upd.number} от 27.11.2026 — продолжение`);
    }
    expect(all.match(/Всего к оплате/g)).toHaveLength(1);
    expect(flat(pdfText(file, 1))).not.toContain('— продолжение');
    const net = lines.reduce((s, l) => s + l.priceKop, 0);
    const vat = Math.round((net * 22) / 100);
    const fmt = (k: number) => `${Math.floor(k / 100).toLocaleString('ru-RU').replace(/\s/g, ' ')},${String(k % 100).padStart(2, '0')}`;
    expect(flat(pdfText(file, undefined, true))).toContain(`Всего к оплате ${fmt(net)} X ${fmt(vat)} ${fmt(net + vat)}`);
  });
});

describe('счёт-фактура', () => {
  it('prints the постановление 1137 layout with the requisites lines, the table and the signatures', async () => {
    const sf = await env.admin('documents.create', { type: 'invoice_factura', clientId: c.clientId, date: '2026-11-27', vatMode: 'on_top', vatRate: 22, lines: LINES });
    expect(sf.number).toBe('СФ-2026-0001');
    const file = await print(sf.id);
    const text = flat(pdfText(file));
    for (const s of [
      'постановлению Правительства Российской Федерации от 26 декабря 2011 г. № 1137',
      'Счёт-фактура № СФ-2026-0001 от 27.11.2026',
      'Исправление № — от —',
      `Продавец: ${OUR.fullName}`,
      'Грузополучатель и его адрес: —',
      'К платёжно-расчётному документу № — от —',
      `Покупатель: ${NEW_CP.fullName}`,
      'Валюта: наименование, код: Российский рубль, 643',
      'Идентификатор государственного контракта, договора (соглашения) (при наличии): —',
      'Руководитель организации или иное уполномоченное лицо',
      'Главный бухгалтер или иное уполномоченное лицо',
      '/ Сидорова М. И. /',
    ]) expect(text).toContain(s);
    expect(text).not.toContain('Статус');
    // VAT on top: 1 234,56 without VAT, 271,60 VAT, 1 506,16 to pay.
    expect(pdfText(file, 1, true)).toMatch(/Всего к оплате 1 234,56 X 271,60 1 506,16/);
    const card = await env.admin('documents.get', { id: sf.id });
    expect(card.amountKop).toBe(1_506_16);
  });

  it('runs 60 lines on to further pages with the continuation head and the table header on each', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ name: `Услуга № ${500 + i}`, qty: 1, unit: 'усл.', priceKop: 10_00 }));
    const sf = await env.admin('documents.create', { type: 'invoice_factura', clientId: c.clientId, date: '2026-11-27', vatMode: 'included', vatRate: 22, lines });
    const file = await print(sf.id);
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 2; p <= pages; p++) expect(flat(pdfText(file, p)), `page ${p}`).toContain(`Счёт-фактура № ${sf.number} от 27.11.2026 — продолжение`);
    expect(flat(pdfText(file, 2))).toContain('Наименование товара');
    const all = flat(pdfText(file));
    for (let i = 0; i < 60; i++) expect(all).toContain(`Услуга № ${500 + i}`);
    expect(flat(pdfText(file, undefined, true))).toContain('Всего к оплате 491,80 X 108,20 600,00');
  });

  it('prints in one file with portrait documents: its pages landscape, the act portrait', async () => {
    const act = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-11-27', amountKop: 1_000_00 });
    const sf = await env.admin('documents.create', { type: 'invoice_factura', clientId: c.clientId, date: '2026-11-27', vatMode: 'included', vatRate: 22, amountKop: 1_000_00 });
    const r = await env.admin('print.render', { documentIds: [act.id, sf.id], together: true });
    const { PDFDocument } = await import('pdf-lib');
    const fs = await import('node:fs');
    const pdf = await PDFDocument.load(fs.readFileSync(r.files[0]!));
    const sizes = pdf.getPages().map((p) => p.getWidth() > p.getHeight());
    expect(sizes).toEqual([false, true]);
    expect(flat(pdfText(r.files[0]!, 2))).toContain('Страница 1 из 1');
  });
});
