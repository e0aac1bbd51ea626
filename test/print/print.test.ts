// PDF tests: the forms as text (pdftotext) and as pixels (pdftoppm) — Cyrillic requisites valid on the date, amounts in words, dates, page numbers.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { CHANGE_DATE, NEW_CP, OLD_CP, OUR, seedContractSet, seedDocClient, type DocClient } from '../documents/fixtures';
import { inkShare, pageCount, pdfText } from './pdf';

let env: TestEnv;
let c: DocClient;
beforeEach(async () => {
  env = await testEnv();
  c = await seedDocClient(env);
});
afterEach(() => env.close());

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('contract with specifications', () => {
  it('prints together in one PDF, each document numbered from page 1, with the requisites and the distributions table', async () => {
    const { contract } = await seedContractSet(env, c, '2026-11-02');
    const r = await env.admin('print.render', { documentIds: [contract.id], together: true, includeSpecifications: true });
    expect(r.files).toHaveLength(1);
    const file = r.files[0]!;
    expect(path.dirname(file)).toBe(path.join(path.dirname(env.core.db.$client.name), 'print', '1'));
    expect(r.details[0]).toMatchObject({ suggestedName: 'Договор № Д-2026-0001 от 02.11.2026 с приложениями.pdf', mime: 'application/pdf' });
    const text = flat(pdfText(file));
    for (const s of [
      'ДОГОВОР № Д-2026-0001',
      'г. Владивосток «02» ноября 2026 г.',
      // The contract is dated after the change: the new counterparty, its ИНН, bank and account.
      `${NEW_CP.fullName}, именуемое в дальнейшем «Заказчик», от имени которого действует директор Петрова Анна Сергеевна на основании Устава`,
      `ИНН ${NEW_CP.inn}, КПП ${NEW_CP.kpp}`,
      // The bank's name as written, after «Банк:», never after «в» in a case it cannot take («в Дальневосточный банк»).
      `Р/с ${NEW_CP.account} Банк: ${NEW_CP.bankName}`,
      `ИНН ${OUR.inn}, КПП ${OUR.kpp}`,
      '/ Кузнецов О. В. /',
      '/ Петрова А. С. /',
      'СПЕЦИФИКАЦИЯ № СП-2026-0001',
      'к Договору № Д-2026-0001 от «02» ноября 2026 г.',
      '1 SKJP_000123_02 Юрист локальная 1 234,56',
      '2 BUHS_004567 Бухгалтер локальная 2 000,00',
      'Итого в месяц 3 234,56',
      'Итого стоимость услуг в месяц: 3 234,56 ₽ (три тысячи двести тридцать четыре рубля 56 копеек). НДС не облагается.',
      'СПЕЦИФИКАЦИЯ № СП-2026-0002',
      'SKRO_000089',
    ]) expect(text).toContain(s);
    expect(text).not.toContain(OLD_CP.inn);
    expect(text).not.toContain(`в ${NEW_CP.bankName}`);
    // A placeholder without a value prints as a blank of 12 underscores; every one here has a value.
    expect(text).not.toMatch(/(^|[^_])_{12}([^_]|$)/);
    const pages = pageCount(file);
    expect(pages).toBe(r.details[0]!.pages);
    expect(pages).toBeGreaterThanOrEqual(4);
    // Page numbers restart for each document: the contract has its own «из N», each specification «Страница 1 из 1».
    expect(pdfText(file, 1)).toMatch(/Страница 1 из (\d)/);
    const contractPages = Number(/Страница 1 из (\d)/.exec(pdfText(file, 1))![1]);
    expect(pdfText(file, contractPages + 1)).toContain('Страница 1 из 1');
    expect(pdfText(file, pages)).toContain('Страница 1 из 1');
    for (let p = 1; p <= pages; p++) expect(inkShare(file, p), `page ${p}`).toBeGreaterThan(0.01);
  });

  it('prints apart: one file per document', async () => {
    const { contract, spec1, spec2 } = await seedContractSet(env, c, '2026-11-02');
    const r = await env.admin('print.render', { documentIds: [contract.id, spec1.id, spec2.id], together: false });
    expect(r.details.map((d) => d.suggestedName)).toEqual([
      'Договор № Д-2026-0001 от 02.11.2026.pdf',
      'Спецификация № СП-2026-0001 от 02.11.2026.pdf',
      'Спецификация № СП-2026-0002 от 02.11.2026.pdf',
    ]);
    expect(pdfText(r.files[1]!)).toContain('СПЕЦИФИКАЦИЯ № СП-2026-0001');
    expect(pdfText(r.files[1]!)).not.toContain('ДОГОВОР №');
    expect(pageCount(r.files[2]!)).toBe(1);
  });
});

describe('requisites on the document date', () => {
  it('prints the old name and bank before the change date and the new ones from it', async () => {
    const before = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: '2026-05-31', amountKop: 1_234_56 });
    const after = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date: CHANGE_DATE, amountKop: 1_234_56 });
    const r = await env.admin('print.render', { documentIds: [before.id, after.id], together: false });
    const [oldText, newText] = r.files.map((f) => flat(pdfText(f)));
    expect(oldText).toContain(`Заказчик: ${OLD_CP.fullName}, ИНН ${OLD_CP.inn}, КПП ${OLD_CP.kpp}`);
    expect(oldText).toContain('Акт № А-2026-0001 от «31» мая 2026 г.');
    expect(oldText).toContain('/ Иванов И. П. /');
    expect(oldText).not.toContain(NEW_CP.inn);
    expect(newText).toContain(`Заказчик: ${NEW_CP.fullName}, ИНН ${NEW_CP.inn}, КПП ${NEW_CP.kpp}`);
    expect(newText).toContain('Акт № А-2026-0002 от «01» июня 2026 г.');
    expect(newText).toContain('/ Петрова А. С. /');
    expect(newText).not.toContain(OLD_CP.inn);
    for (const t of [oldText, newText]) expect(t).toContain('Одна тысяча двести тридцать четыре рубля 56 копеек');
  });

  it('resolves the counterparty again when printing, so a change entered later applies to documents dated after it', async () => {
    const c2 = await seedDocClient(env, { withChange: false });
    const act = await env.admin('documents.create', { type: 'act', clientId: c2.clientId, date: '2026-07-01', amountKop: 100 });
    await env.admin('clients.changeCounterparty', { clientId: c2.clientId, effectiveFrom: CHANGE_DATE, counterparty: NEW_CP });
    const r = await env.admin('print.render', { documentIds: [act.id], together: true });
    expect(flat(pdfText(r.files[0]!))).toContain(`Заказчик: ${NEW_CP.fullName}`);
  });

  it('prints a change-of-counterparty agreement signed by the executor, the party replaced and the new one', async () => {
    const c2 = await seedDocClient(env, { withChange: false });
    const contract = await env.admin('documents.create', { type: 'contract', clientId: c2.clientId, date: '2026-01-15' });
    const ag = await env.admin('documents.create', {
      type: 'additional_agreement',
      clientId: c2.clientId,
      date: '2026-05-20',
      parentId: contract.id,
      agreementKind: 'counterparty_change',
      changeFrom: CHANGE_DATE,
      newCounterparty: NEW_CP,
    });
    const text = flat(pdfText((await env.admin('print.render', { documentIds: [ag.id], together: true })).files[0]!));
    expect(text).toContain(`о замене стороны в Договоре № ${contract.number} от «15» января 2026 г.`);
    expect(text).toContain(`1. С «01» июня 2026 г. все права и обязанности Заказчика по Договору переходят к Новому заказчику: ${NEW_CP.fullName}, ИНН ${NEW_CP.inn}`);
    for (const s of ['Исполнитель:', 'Заказчик:', 'Новый заказчик:', '/ Иванов И. П. /', '/ Петрова А. С. /', `ИНН ${OLD_CP.inn}`]) expect(text).toContain(s);
  });
});

describe('invoice', () => {
  it('prints the bank box, lines, VAT inside the total and the amount in words', async () => {
    const inv = await env.admin('documents.create', {
      type: 'invoice',
      clientId: c.clientId,
      date: '2026-11-27',
      vatMode: 'included',
      vatRate: 22,
      lines: [
        { name: 'Информационные услуги с использованием Систем КонсультантПлюс за ноябрь 2026 г.', qty: 1, unit: 'мес.', priceKop: 1_000_00 },
        { name: 'Обучение пользователей', qty: 2, unit: 'ч', priceKop: 117_28 },
      ],
    });
    const file = (await env.admin('print.render', { documentIds: [inv.id], together: true })).files[0]!;
    const text = flat(pdfText(file));
    for (const s of [
      'Счёт на оплату № СЧ-2026-0001 от «27» ноября 2026 г.',
      `${OUR.bik}`,
      `${OUR.account}`,
      'Итого: 1 234,56',
      'В том числе НДС (22 %): 222,63',
      'Всего к оплате: 1 234,56',
      'Всего 2 наименования, на сумму 1 234,56 руб.',
      'Одна тысяча двести тридцать четыре рубля 56 копеек',
    ]) expect(text).toContain(s);
    expect(pdfText(file, 1, true)).toMatch(/2 Обучение пользователей 2 ч 117,28 234,56/);
    expect(inkShare(file)).toBeGreaterThan(0.01);
  });
});

describe('layout', () => {
  it('wraps long clauses across pages without losing words and numbers every page', async () => {
    const words = Array.from({ length: 1500 }, (_, i) => `слово${i}`);
    await env.admin('settings.templates.save', { code: 'contract.standard', body: `# ДОГОВОР № {{document.number}}\n${words.slice(0, 700).join(' ')}\n## Раздел\n${words.slice(700).join(' ')}` });
    const d = await env.admin('documents.create', { type: 'contract', form: 'standard', clientId: c.clientId, date: '2026-11-02' });
    const file = (await env.admin('print.render', { documentIds: [d.id], together: true })).files[0]!;
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(file);
    const found = new Set(text.match(/слово\d+/g));
    expect(words.filter((w) => !found.has(w))).toEqual([]);
    expect(text).toContain(`Страница ${pages} из ${pages}`);
  });

  it('refuses a template with a placeholder print cannot fill and keeps the old text', async () => {
    const before = (await env.admin('settings.templates.get', {})).find((t) => t.code === 'act.note')!;
    const r = await env.core.call('settings.templates.save', { code: 'act.note', body: 'Клиент {{client.nmae}}' }, env.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', detail: 'unknown placeholders: client.nmae', issues: [{ path: 'body', reason: 'unknown_placeholder' }] } });
    expect((await env.admin('settings.templates.get', {})).find((t) => t.code === 'act.note')).toEqual(before);
  });
});

describe('client information card', () => {
  it('prints requisites, contacts with characteristics, distributions with schemes, the responsible and events', async () => {
    const refs = await env.admin('refs.get', {});
    const group = refs.characteristicGroups[0]!;
    const head = await env.employee('head1', ['head']);
    await env.admin('clients.setKey', { id: c.clientId, isKey: true, responsibleId: head.id });
    await env.admin('contacts.save', {
      clientId: c.clientId,
      fullName: 'Смирнова Ольга Николаевна',
      position: 'Главный бухгалтер',
      roles: ['chief_accountant', 'lpr'],
      phones: [{ raw: '+7 (423) 222-33-44' }],
      characteristics: [{ characteristicId: group.items[0]!.id, comment: 'звонить до обеда' }],
    });
    const file = (await env.admin('print.clientCard', { clientId: c.clientId })).files[0]!;
    const text = flat(pdfText(file));
    for (const s of [
      'ИНФОРМАЦИОННАЯ КАРТА КЛИЕНТА',
      'ООО «Ромашка»',
      `да, ответственный — Сотрудник head1`,
      `${NEW_CP.inn} / ${NEW_CP.kpp}`,
      'Смирнова Ольга Николаевна',
      'главный бухгалтер, ЛПР',
      '+7 (423) 222-33-44',
      `${group.name}: ${group.items[0]!.name} (звонить до обеда)`,
      'SKJP_000123_02 Юрист локальная сопровождается НСС 01.01.2025',
      'Отмечен как ключевой, ответственный — Сотрудник head1',
    ]) expect(text).toContain(s);
    expect(inkShare(file)).toBeGreaterThan(0.01);
  });
});

describe('reading output files back', () => {
  it('serves the caller’s own files and nothing outside their folder', async () => {
    const { contract } = await seedContractSet(env, c);
    const own = (await env.admin('print.render', { documentIds: [contract.id], together: true })).files[0]!;
    const got = await env.admin('print.file', { path: own });
    expect(Buffer.from(got.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(got.bytes).toBe(fs.statSync(own).size);
    expect((await env.admin('print.file', { path: path.basename(own) })).bytes).toBe(got.bytes);

    const other = await env.employee('sio2', ['sio']);
    const dbDir = path.dirname(env.core.db.$client.name);
    fs.writeFileSync(path.join(dbDir, 'secret.pdf'), '%PDF-secret');
    for (const p of [`${path.dirname(own)}/../../secret.pdf`, '../../secret.pdf', env.core.db.$client.name, '/etc/passwd', own.replace(/\.pdf$/, '.db')]) {
      const r = await env.core.call('print.file', { path: p }, other.token);
      expect(r, p).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // Another employee cannot read the administrator's print by its full path.
    expect(await env.core.call('print.file', { path: own }, other.token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('print folder housekeeping', () => {
  it('removes files older than a day from the employee’s folder when printing again', async () => {
    const { contract } = await seedContractSet(env, c);
    const dir = path.join(path.dirname(env.core.db.$client.name), 'print', '1');
    fs.mkdirSync(dir, { recursive: true });
    const old = path.join(dir, 'contract-1-old.pdf');
    const fresh = path.join(dir, 'contract-1-fresh.pdf');
    fs.writeFileSync(old, '%PDF-old');
    fs.writeFileSync(fresh, '%PDF-fresh');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
    await env.admin('print.render', { documentIds: [contract.id], together: true });
    expect([fs.existsSync(old), fs.existsSync(fresh)]).toEqual([false, true]);
  });
});
