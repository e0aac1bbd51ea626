// Search finds what people type (issue 13 item 1): contacts by ФИО, ё = е, phone fragments, words in any order, legal forms, two letters.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, tempDbPath, type TestEnv } from '../helpers/core';
import { openDbAt } from '../helpers/old-db';
import { openDb } from '../../src-main/db/connection';
import { searchClients } from '../../src-main/features/clients/clients.search';
import { queryWords, sortKey } from '../../src-shared/search-text';
import type { ClientListItem } from '../../src-shared/types';

let env: TestEnv;
const ids: Record<string, number> = {};

beforeAll(async () => {
  env = await testEnv();
  const make = async (key: string, input: Record<string, unknown>) => (ids[key] = (await env.admin('clients.create', input as never)).id);
  await make('ostrov', { name: 'ООО «Русский остров»', city: 'Владивосток', phones: [{ raw: '+7 (423) 347-25-03' }] });
  await make('apricot', { name: 'ООО «Абрикос»', city: 'Артём' });
  await make('apple', { name: 'АО «Яблоко»', city: 'Находка' });
  await make('fedorov', { name: 'ИП Фёдоров Пётр Ильич', city: 'Уссурийск' });
  await make('sever', { name: 'ООО «Ромашка-Север»', city: 'Артём', emails: [{ email: 'buh@romashka-sever.ru' }] });
  await make('ruslan', { name: 'ООО «Руслан»' });
  await make('krus', { name: 'ООО «Крусталь»' });
  await env.admin('contacts.save', {
    clientId: ids.ostrov!,
    fullName: 'Семёнова Ирина Петровна',
    position: 'Главный бухгалтер',
    roles: [],
    characteristics: [],
    phones: [{ raw: '8 914 700-11-22' }],
    emails: [],
  });
  await env.admin('contacts.save', { clientId: ids.apple!, fullName: 'Семенов Олег', position: null, roles: [], characteristics: [], phones: [], emails: [] });
});
afterAll(() => env.close());

async function search(query: string): Promise<ClientListItem[]> {
  return (await env.admin('clients.search', { query })).items;
}
const names = (items: ClientListItem[]) => items.map((i) => i.name);
const byId = (items: ClientListItem[], id: number) => items.find((i) => i.id === id);

describe('search finds what people type', () => {
  it('finds a contact person by surname or ФИО in any order, ё or е, and says which contact', async () => {
    for (const q of ['Семёнова', 'семенова', 'СЕМЕНОВА', 'Семенова Ирина', 'ирина семёнова', 'Семёнова И', 'семен ир']) {
      const items = await search(q);
      const hit = byId(items, ids.ostrov!);
      expect(hit, q).toBeDefined();
      expect(hit!.matched, q).toEqual({ kind: 'contact', name: 'Семёнова Ирина Петровна', position: 'Главный бухгалтер', active: true });
    }
    // «Семенов» is a word start of both; «Ирина» narrows to her client.
    expect(names(await search('семенов')).sort()).toEqual(['АО «Яблоко»', 'ООО «Русский остров»']);
    expect(names(await search('семенова ирина'))).toEqual(['ООО «Русский остров»']);
    expect(await search('семенова олег')).toEqual([]);
  });

  it('reads ё as е in names and cities, both ways', async () => {
    for (const q of ['Федоров', 'фёдоров', 'ФЕДОРОВ ПЕТР', 'петр федоров']) expect(names(await search(q)), q).toContain('ИП Фёдоров Пётр Ильич');
    const inArtem = await search('ромашка артем');
    expect(names(inArtem)).toEqual(['ООО «Ромашка-Север»']);
    expect(inArtem[0]!.matched).toEqual({ kind: 'city', city: 'Артём' });
  });

  it('finds a phone by any fragment in any spelling, compared as digits', async () => {
    for (const q of ['347-25-03', '347 25 03', '(423) 347', '3472503', '25-03', '+7 423 347']) {
      const hit = byId(await search(q), ids.ostrov!);
      expect(hit?.matched, q).toEqual({ kind: 'phone', phone: '+7 (423) 347-25-03', contact: null });
    }
    const contactPhone = byId(await search('700-11-22'), ids.ostrov!);
    expect(contactPhone?.matched).toEqual({ kind: 'phone', phone: '+7 (914) 700-11-22', contact: 'Семёнова Ирина Петровна' });
    expect(await search('347-25-04')).toEqual([]);
  });

  it('takes several words in any order and ignores the legal form for matching', async () => {
    for (const q of ['рус остров', 'остров рус', 'ООО Русский', 'АО русский остров', 'русский ООО остров', '«Русский остров»']) {
      const items = await search(q);
      expect(names(items), q).toEqual(['ООО «Русский остров»']);
      expect(items[0]!.matched, q).toEqual({ kind: 'name' });
    }
    expect(await search('рус яблоко')).toEqual([]);
  });

  it('sorts by the name without its legal form: «АО «Яблоко»» after «ООО «Абрикос»»', async () => {
    const list = await env.admin('clients.search', { query: '' });
    const order = names(list.items);
    expect(order.indexOf('ООО «Абрикос»')).toBeLessThan(order.indexOf('АО «Яблоко»'));
    expect(order).toEqual(['ООО «Абрикос»', 'ООО «Крусталь»', 'ООО «Ромашка-Север»', 'ООО «Руслан»', 'ООО «Русский остров»', 'ИП Фёдоров Пётр Ильич', 'АО «Яблоко»']);
    // One letter is the start of the name without its form: «ООО «Руслан»» is under Р, not О.
    expect(names(await search('р'))).toEqual(['ООО «Ромашка-Север»', 'ООО «Руслан»', 'ООО «Русский остров»']);
    expect(await search('о')).toEqual([]);
  });

  it('matches two letters at the start of any word of the name, not inside a word', async () => {
    const ru = names(await search('ру'));
    expect(ru).toEqual(expect.arrayContaining(['ООО «Русский остров»', 'ООО «Руслан»']));
    expect(ru).not.toContain('ООО «Крусталь»');
    expect(names(await search('ос'))).toContain('ООО «Русский остров»');
    expect(names(await search('се'))).toContain('ООО «Ромашка-Север»');
    expect(names(await search('ру ос'))).toEqual(['ООО «Русский остров»']);
    expect(names(await search('ромашка се'))).toEqual(['ООО «Ромашка-Север»']);
    expect(await search('ромашка ос')).toEqual([]);
    // Three letters are a substring, as before.
    expect(names(await search('рус'))).toEqual(expect.arrayContaining(['ООО «Крусталь»', 'ООО «Русский остров»', 'ООО «Руслан»']));
  });

  it('says why every row matched', async () => {
    expect((await search('ромашка'))[0]!.matched).toEqual({ kind: 'name' });
    expect((await search('buh@romashka'))[0]!.matched).toEqual({ kind: 'email', email: 'buh@romashka-sever.ru' });
  });
});

describe('search text', () => {
  it('drops legal forms, quotes and ё for sorting and matching', () => {
    expect(sortKey('ООО «Русский остров»')).toBe('русский остров');
    expect(sortKey('АО "Яблоко"')).toBe('яблоко');
    expect(sortKey('Общество с ограниченной ответственностью «Ёлка»')).toBe('елка');
    expect(sortKey('ООО')).toBe('ооо');
    expect(queryWords('ООО Русский о.')).toEqual(['русский', 'о']);
    expect(queryWords('ип')).toEqual(['ип']);
  });
});

describe('upgrade', () => {
  it('re-sorts and indexes clients and contacts written before migration 0010', async () => {
    const file = tempDbPath();
    const old = openDbAt(file, '0009_dedupe_and_systems');
    const now = '2026-01-01T00:00:00Z';
    const id = Number(
      old.$client.prepare("INSERT INTO clients (name, name_lc, status, created_at, updated_at) VALUES ('АО «Ёлочка»', 'ао «ёлочка»', 'active', ?, ?)").run(now, now).lastInsertRowid,
    );
    old.$client.prepare("INSERT INTO contacts (client_id, full_name, active, created_at) VALUES (?, 'Семёнова Анна', 1, ?)").run(id, now);
    old.$client.prepare("INSERT INTO phones (client_id, raw, digits) VALUES (?, '+7 423 347-25-03', '4233472503')").run(id);
    old.$client.prepare("INSERT INTO client_search (rowid, name, inn, phones, emails) VALUES (?, 'АО «Ёлочка»', '', '4233472503', '')").run(id);
    old.$client.close();

    const db = openDb(file);
    try {
      expect((db.$client.prepare('SELECT name_lc AS k FROM clients WHERE id = ?').get(id) as { k: string }).k).toBe('елочка');
      for (const q of ['елочка', 'семенова', '347-25-03', 'ел']) {
        expect(searchClients(db, q, 10, {}, '2026-12-04').items.map((i) => i.id), q).toEqual([id]);
      }
    } finally {
      db.$client.close();
      fs.rmSync(file, { force: true });
    }
  });
});
