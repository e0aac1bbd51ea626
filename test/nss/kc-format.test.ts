// The monthly НСС report file against its format module: header, BOM, CRLF, the formula guard, the round trip, refusals of foreign files.
import { describe, expect, it } from 'vitest';
import { NSS_KC_COLUMNS, NSS_KC_FORMAT, nssKcLine, nssKcText, parseNssKc, readNssKcTotals, writeNssKc, NssKcFormatError } from '../../src-main/features/nss/kc.format';
import { checkNssKc, rowProblems, totalsOf } from '../../src-main/features/nss/kc.check';
import type { NssKcRow } from '../../src-shared/nss';
import { csvField } from '../../src-main/files/csv';

const row = (o: Partial<NssKcRow> = {}): NssKcRow => ({
  clientId: 1,
  inn: '0707083893',
  kpp: '773601001',
  name: 'ООО «Ромашка»; филиал "Юг"',
  kits: 'SKJP_001001, SKJP_001002_02',
  nssKits: 2,
  contacts: 7,
  glCalls: 3,
  lk: 1,
  chats: 1,
  seminars: 1,
  sioVisits: 0,
  pmContacts: 1,
  lastContactOn: '2026-10-31',
  sio: 'Петров Пётр',
  pm: 'Иванова Анна',
  cycleEndsOn: '',
  ...o,
});

describe('nss-kc/1 file', () => {
  it('starts with a BOM and the Russian header naming every column, lines end in CRLF, fields quoted', () => {
    expect(NSS_KC_FORMAT).toBe('nss-kc/1');
    const bytes = writeNssKc([row()]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = Buffer.from(bytes).toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toBe(NSS_KC_COLUMNS.map(([, t]) => `"${t}"`).join(';'));
    expect(lines[0]).toContain('"ИНН";"КПП";"Наименование клиента";"Комплекты НСС"');
    // The ИНН keeps its leading zero, a quote is doubled, the `;` stays inside the field.
    expect(lines[1]!.startsWith('"0707083893";"773601001";"ООО «Ромашка»; филиал ""Юг"""')).toBe(true);
    // No totals line: a header and the rows only.
    expect(text.match(/\r\n/g)).toHaveLength(2);
  });

  it('guards a text field starting with =, +, -, @ or a tab against running as a formula, and reads it back as it was', () => {
    const names = ['=HYPERLINK("http://x")', '+SUM(A1)', '-1+2', '@cmd', '\tтаб'];
    const rows = names.map((name, i) => row({ clientId: i + 1, name, sio: name }));
    const text = Buffer.from(writeNssKc(rows)).toString('utf8');
    for (const n of names) expect(text).toContain(`"'${n.replace(/"/g, '""')}"`);
    expect(text).not.toMatch(/(^|;)"[=+\-@\t]/m);
    const back = parseNssKc(writeNssKc(rows));
    expect(back.map((r) => r.name)).toEqual(names);
    expect(back.map((r) => r.sio)).toEqual(names);
    // A phone-like value is data, not a formula: left as it is.
    expect(Buffer.from(writeNssKc([row({ pm: '+7 (423) 222-33-44' })])).toString('utf8')).toContain('"+7 (423) 222-33-44"');
  });

  it('round-trips typed rows exactly (clientId is not a column), a line break inside a name becomes a space', () => {
    const rows = [row(), row({ clientId: 2, inn: '500100732259', kpp: '', name: 'ИП Сидоров', nssKits: 1, kits: 'SKJP_001003', cycleEndsOn: '2026-12-31', lastContactOn: '' })];
    const back = parseNssKc(writeNssKc(rows));
    expect(back).toEqual(rows.map(({ clientId: _, ...r }) => r));
    expect(parseNssKc(writeNssKc([row({ name: 'Строка\r\nвторая' })]))[0]!.name).toBe('Строка вторая');
    expect(parseNssKc(writeNssKc([]))).toEqual([]);
  });

  it('writes each line’s fields in the order of the columns, each as csvField writes it', () => {
    // Every field distinct, texts that need quoting and guarding among them.
    const r = row({ inn: '-1', kpp: 'К"ПП', name: '=Имя', kits: 'SKJP_1', nssKits: 11, contacts: 12, glCalls: 13, lk: 14, chats: 15, seminars: 16, sioVisits: 17, pmContacts: 18, lastContactOn: '2026-01-19', sio: '@СИО', pm: 'ПМ\n2', cycleEndsOn: '2026-01-20' });
    expect(nssKcLine(r)).toBe(NSS_KC_COLUMNS.map(([k]) => csvField(r[k])).join(';'));
  });

  it('writes a file of many megabytes whole (the buffer grows), the same as the text of its rows', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => row({ clientId: i + 1, name: `ООО «${'Ромашка '.repeat(20)}${i}» 😀`, contacts: i }));
    const bytes = writeNssKc(rows);
    expect(bytes.byteLength).toBeGreaterThan(2 << 20);
    expect(Buffer.from(bytes).toString('utf8')).toBe(`\ufeff${nssKcText(rows)}`);
    expect(readNssKcTotals(bytes)).toEqual(totalsOf(rows));
  });

  it('refuses a file that is not ours: another header, a short line, a figure that is not a whole number', () => {
    expect(() => parseNssKc(Buffer.from('\ufeff"ИНН";"КПП"\r\n'))).toThrow(NssKcFormatError);
    const good = Buffer.from(writeNssKc([row()])).toString('utf8');
    const header = good.split('\r\n')[0]!;
    expect(() => parseNssKc(Buffer.from(`${header}\r\n"1";"2"\r\n`))).toThrow(/2 fields/);
    expect(() => parseNssKc(Buffer.from(good.replace('"7";"3"', '"7.5";"3"')))).toThrow(/contacts/);
  });
});

describe('checks of a row and of the file', () => {
  const facts = (o: Partial<NssKcRow> = {}, f: { sioId?: number | null; kitCount?: number } = {}) => ({ row: row(o), sioId: f.sioId === undefined ? 5 : f.sioId, kitCount: f.kitCount ?? 2 });
  const codes = (o: Partial<NssKcRow>, f: { sioId?: number | null; kitCount?: number } = {}) => rowProblems(facts(o, f)).map((p) => p.code);

  it('passes a complete row and names every missing or wrong field', () => {
    expect(codes({ inn: '7707083893' })).toEqual([]);
    expect(codes({ inn: '' })).toEqual(['no_inn']);
    expect(codes({ inn: '7707083894' })).toEqual(['bad_inn']);
    expect(codes({ inn: '77070838' })).toEqual(['bad_inn']);
    expect(codes({ inn: '7707083893', kpp: '' })).toEqual(['no_kpp']);
    expect(codes({ inn: '7707083893', kpp: '77360100' })).toEqual(['bad_kpp']);
    // An ИП (12-digit ИНН) has no КПП and is not asked for one; the КПП is not judged while the ИНН is wrong.
    expect(codes({ inn: '500100732259', kpp: '' })).toEqual([]);
    expect(codes({ inn: '', kpp: '' })).toEqual(['no_inn']);
    expect(codes({ inn: '7707083893', kits: '' }, { kitCount: 0 })).toEqual(['no_kits']);
    expect(codes({ inn: '7707083893', nssKits: 3 })).toEqual(['kits_not_nss']);
    expect(codes({ inn: '7707083893', sio: '' }, { sioId: null })).toEqual(['no_sio']);
    // A counterparty's ИНН is fixed on «Реквизиты».
    expect(rowProblems({ ...facts({ inn: '7707083894' }), byCounterparty: true })[0]!.fixTab).toBe('requisites');
    const p = rowProblems(facts({ inn: '' }, { sioId: null }));
    expect(p).toEqual([
      { clientId: 1, name: row().name, code: 'no_inn', fixTab: 'general' },
      { clientId: 1, name: row().name, code: 'no_sio', fixTab: 'general' },
    ]);
  });

  it('finds totals of the file that differ from the month’s figures', () => {
    const f = [facts({ inn: '7707083893' }), facts({ clientId: 2, inn: '7736050003', glCalls: 4 })];
    const bytes = writeNssKc(f.map((x) => x.row));
    const expected = totalsOf(f.map((x) => x.row));
    expect(expected).toMatchObject({ rows: 2, glCalls: 7, contacts: 14, nssKits: 4 });
    expect(checkNssKc(f, bytes, expected)).toEqual([]);
    expect(checkNssKc(f, bytes, { ...expected, glCalls: 8 })).toEqual([{ clientId: null, name: '', code: 'totals' }]);
    expect(checkNssKc(f, bytes, { ...expected, rows: 3 }).map((p) => p.code)).toEqual(['totals']);
  });

  it('reads the written bytes back for the totals: a file the writer got wrong is caught, a foreign one refused like parseNssKc', () => {
    const f = [facts({ inn: '7707083893' }), facts({ clientId: 2, inn: '7736050003', glCalls: 4, name: '=x;"y"\r\nz', sio: '@Петров', pm: '+7 1' })];
    const bytes = writeNssKc(f.map((x) => x.row));
    const expected = totalsOf(f.map((x) => x.row));
    expect(readNssKcTotals(bytes)).toEqual(expected);
    expect(readNssKcTotals(writeNssKc([]))).toEqual(totalsOf([]));
    const text = Buffer.from(bytes).toString('utf8');
    // A writer that dropped a line or changed a figure: the totals of the bytes no longer match.
    const lines = text.split('\r\n');
    expect(checkNssKc(f, Buffer.from([lines[0], lines[1], ''].join('\r\n')), expected).map((p) => p.code)).toEqual(['totals']);
    expect(checkNssKc(f, Buffer.from(text.replace('"4";"1"', '"5";"1"')), expected).map((p) => p.code)).toEqual(['totals']);
    // The same totals and refusals as the generic reader on variants of the bytes (LF ends, no final line end, unquoted figures).
    const variants = [text.replace(/\r\n/g, '\n'), text.slice(0, -2), text.replace('"4";"1"', '4;1'), text.slice(1)];
    for (const v of variants) expect(readNssKcTotals(Buffer.from(v))).toEqual(totalsOf(parseNssKc(Buffer.from(v))));
    const header = lines[0]!;
    const bad = [
      '\ufeff"ИНН";"КПП"\r\n',
      `${header}\r\n"1";"2"\r\n`,
      text.replace('"7";"3"', '"7.5";"3"'),
      text.replace('"7";"3"', '"";"3"'),
      text.replace('"7";"3"', '"7""";"3"'),
      text.replace('"7";"3"', '"7";"3";"x"'),
      `${text}\r\n`,
    ];
    for (const v of bad) {
      expect(() => parseNssKc(Buffer.from(v))).toThrow(NssKcFormatError);
      let message = '';
      try {
        parseNssKc(Buffer.from(v));
      } catch (e) {
        message = (e as Error).message;
      }
      expect(() => readNssKcTotals(Buffer.from(v))).toThrow(message);
    }
  });
});
