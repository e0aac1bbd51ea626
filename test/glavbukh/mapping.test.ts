// Column mapping of certified lists: guessed from varied Russian headers, checked for what it lacks, remembered per layout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { guessMapping, layoutSignature, mappingErrors, rememberMapping, resolveMapping } from '../../src-main/features/glavbukh/list.mapping';
import { parseListDate, parseListStatus } from '../../src-main/features/glavbukh/list.values';

describe('guessMapping', () => {
  it.each([
    [['ИНН', 'КПП', 'Наименование', 'Номер дистрибутива', 'Номер сертификата', 'Дата выдачи', 'Действителен до', 'Статус', 'ФИО', 'Программа'], { inn: 0, kpp: 1, name: 2, distr: 3, number: 4, issued_on: 5, valid_until: 6, status: 7, contact: 8, programme: 9 }],
    [['№ п/п', 'Организация', 'ИНН организации', 'Сертификат №', 'Срок действия', 'Главный бухгалтер'], { name: 1, inn: 2, number: 3, valid_until: 4, contact: 5 }],
    [['  клиент ', 'Рег. номер', '№ сертификата', 'Дата  сертификации', 'Состояние'], { name: 0, distr: 1, number: 2, issued_on: 3, status: 4 }],
    [['Название', 'Регистрационный номер', 'Номер свидетельства', 'Действует до'], { name: 0, distr: 1, number: 2, valid_until: 3 }],
  ])('%j', (headers, expected) => {
    expect(guessMapping(headers)).toEqual(expected);
    expect(mappingErrors(expected, headers.length)).toEqual([]);
  });

  it('names what a mapping lacks', () => {
    expect(mappingErrors({}, 3)).toEqual(['number_missing', 'key_missing']);
    expect(mappingErrors({ number: 0, name: 5 }, 3)).toEqual(['column_out_of_range']);
  });

  it('reads dates and statuses in the forms lists use', () => {
    expect(['15.01.2026', '5/1/2026', '2026-01-15', '2026-01-15T00:00:00', '46037', '15.01.26', '', '31.02.2026', 'завтра'].map(parseListDate)).toEqual([
      '2026-01-15',
      '2026-01-05',
      '2026-01-15',
      '2026-01-15',
      '2026-01-15',
      '2026-01-15',
      null,
      undefined,
      undefined,
    ]);
    expect(['Сертифицирован', 'ДЕЙСТВУЕТ', 'истёк', 'Отозван', 'заявка подана', '', 'может быть'].map(parseListStatus)).toEqual(['certified', 'certified', 'expired', 'revoked', 'requested', null, undefined]);
  });
});

describe('remembered layouts', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await testEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  it('a layout is known again by its normalised headers; a given mapping wins; another layout is guessed', () => {
    const headers = ['Код', 'Контрагент', 'Свид-во'];
    expect(resolveMapping(env.core.db, headers)).toMatchObject({ source: 'guessed', errors: ['number_missing'] });
    rememberMapping(env.core.db, headers, { name: 1, number: 2 }, null, '2026-11-27T09:00:00Z');
    expect(resolveMapping(env.core.db, [' код', 'КОНТРАГЕНТ ', 'Свид-во'])).toEqual({ mapping: { name: 1, number: 2 }, source: 'remembered', errors: [] });
    expect(layoutSignature(['Ёлка  Дата'])).toBe('елка дата');
    expect(resolveMapping(env.core.db, headers, { inn: 0, number: 2 })).toEqual({ mapping: { inn: 0, number: 2 }, source: 'given', errors: [] });
    expect(resolveMapping(env.core.db, ['Код', 'Контрагент'])).toMatchObject({ source: 'guessed' });
  });
});
