// The USR parser over the fixture, generated variants and hostile inputs: facts kept, encodings read, bad files refused with the right status.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseUsr, type UsrRecord } from '../../src-main/features/usr/usr.parse';
import { parseUsrDate, usrNameSystemNumber } from '../../src-main/features/usr/usr.dates';
import { detectUsr } from '../../src-main/features/usr/usr.formats';
import { updateDates, usrBytes, usrXml, type GenUsr } from '../helpers/usr-gen';

const fixture = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/usr/CONS#1_000123.usr'));

function ok(bytes: Uint8Array, name = 'CONS#1_000123.usr'): { rec: UsrRecord; problems: { code: string; detail?: string }[] } {
  const out = parseUsr(bytes, name);
  if (!out.ok) throw new Error(`refused: ${out.status} ${out.detail ?? ''}`);
  expect(out.parsed.records).toHaveLength(1);
  return { rec: out.parsed.records[0]!, problems: out.parsed.problems };
}

const base: GenUsr = {
  kits: [{ code: 'SKJP', number: 1, distr: 500, comp: 1 }],
  banks: [{ code: 'LAW', name: 'Законодательство', updates: ['2026-11-02', '2026-11-09'] }],
};

describe('the USR parser', () => {
  it('reads the fixture: versions, tech info, files, two kits, banks with their updates', () => {
    const { rec, problems } = ok(fixture);
    expect(problems).toEqual([]);
    expect(rec).toMatchObject({
      nameSystemNumber: 1,
      formatVersion: 5,
      ric: 20,
      resVersion: '4018.00.05',
      consExeVersion: '4018.00.12',
      kdVersion: 'KD 4018',
      complect: 'Сетевая версия',
      fileAt: '2026-11-20T10:15:02',
      newestUpdate: '2026-11-19',
      osName: 'Windows 10 Pro',
      osVersion: '10.0.19045',
      processor: 'Intel(R) Core(TM) i5-10400',
      ramMb: 16384,
      diskFreeMb: 120400,
      office: 'Microsoft Office 2016',
    });
    expect(rec.kits.map((k) => [k.element, k.code, k.number, k.distr, k.comp, k.netCount, k.userType])).toEqual([
      ['SKJP_1', 'SKJP', 1, 123, 2, 5, 'NET'],
      ['BUHS_7', 'BUHS', 7, 45678, 1, 1, 'LOC'],
    ]);
    expect(rec.banks.map((b) => [b.code, b.name, b.nDistr, b.nComp, b.updates.map((u) => u.date)])).toEqual([
      ['LAW', 'Законодательство', 123, 2, ['2026-11-12', '2026-11-19']],
      ['BUH', 'Бухгалтерия', 45678, 1, ['2026-11-19']],
    ]);
    expect(rec.files.map((f) => f.name)).toEqual(['USR_FILE', 'info.cod', 'consult.tor', 'hotline.cfg']);
    const tech = JSON.parse(rec.techJson) as Record<string, unknown>;
    expect(tech.Browser).toBe('Яндекс.Браузер');
    expect(tech.Users).toEqual({ '@OD': '1', '@UD': '0', '@TS': '0', '@VM': '0' });
  });

  it('reads windows-1251, UTF-8, UTF-8 with BOM and UTF-16 alike', () => {
    const g = { ...base, complect: 'Проф' };
    const texts = [
      usrBytes({ ...g, encoding: 'windows-1251' }),
      usrBytes({ ...g, encoding: 'utf-8' }),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), usrBytes({ ...g, encoding: 'utf-8' })]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(usrXml({ ...g, encoding: 'utf-8' }).replace('utf-8', 'utf-16'), 'utf-16le')]),
    ];
    for (const t of texts) {
      const { rec } = ok(t);
      expect(rec.complect).toBe('Проф');
      expect(rec.banks[0]!.name).toBe('Законодательство');
      expect(detectUsr(t.subarray(0, 4096), 'whatever.xml')).toBe(true);
    }
  });

  it('takes several systems per kit, many banks, and banks of the second kit by nDistr', () => {
    const kits = [
      { code: 'SKJP', number: 1, distr: 10 },
      { code: 'BUHS', number: 7, distr: 11, comp: 3 },
      { code: 'KORB', number: null, distr: 12 },
    ];
    const banks = Array.from({ length: 12 }, (_, i) => ({ code: `B${i}`, distr: kits[i % 3]!.distr, comp: kits[i % 3]!.comp, updates: updateDates('2026-10-01', 30) }));
    const { rec } = ok(usrBytes({ kits, banks }));
    expect(rec.kits.map((k) => [k.code, k.number, k.comp])).toEqual([
      ['SKJP', 1, 1],
      ['BUHS', 7, 3],
      ['KORB', null, 1],
    ]);
    expect(rec.banks).toHaveLength(12);
    expect(rec.banks[1]).toMatchObject({ nDistr: 11, nComp: 3 });
    expect(rec.banks.every((b) => b.updates.length === 30)).toBe(true);
  });

  it('lives without the optional parts: no tech_info, no files, a bank without nDistr; the file date is then the newest update', () => {
    const xml = usrXml({ ...base, noTech: true, fileDate: null }).replace(/ nDistr="\d+" nComp="\d+"/, '');
    const { rec } = ok(Buffer.from(xml.replace('windows-1251', 'utf-8')));
    expect(rec).toMatchObject({ fileAt: '2026-11-09', osName: null, ramMb: null, techJson: '{}', files: [] });
    expect(rec.banks[0]).toMatchObject({ nDistr: null, nComp: null });
  });

  it('reads element and attribute names in any case and dates as DD.MM.YYYY or ISO; refuses an impossible date per entry', () => {
    let xml = usrXml({ ...base, encoding: 'utf-8', banks: [{ code: 'law', updates: ['2026-11-02', '2026-11-09', '2026-11-16'] }] });
    xml = xml.replace('<user_info>', '<USER_INFO>').replace('</user_info>', '</USER_INFO>').replace('<package>', '<PACKAGE>').replace('</package>', '</PACKAGE>');
    xml = xml.replace(/distr="500"/, 'DISTR="500"').replace('<u0 date="2026.11.02"', '<u0 DATE="02.11.2026"').replace('<u1 date="2026.11.09"', '<u1 date="2026-11-09T00:00:00"');
    xml = xml.replace('<u2 date="2026.11.16"', '<u2 date="2026.02.30"');
    const { rec, problems } = ok(Buffer.from(xml));
    expect(rec.kits[0]).toMatchObject({ code: 'SKJP', distr: 500 });
    expect(rec.banks[0]!.code).toBe('LAW');
    expect(rec.banks[0]!.updates.map((u) => u.date)).toEqual(['2026-11-02', '2026-11-09']);
    expect(problems).toEqual([{ record: 1, code: 'bad_date', detail: 'LAW: 2026.02.30' }]);
  });

  it('dates: real calendar days only, never a guess', () => {
    expect(parseUsrDate('2026.11.20')).toBe('2026-11-20');
    expect(parseUsrDate('20.11.2026')).toBe('2026-11-20');
    expect(parseUsrDate('2026-11-20')).toBe('2026-11-20');
    expect(parseUsrDate('2024.02.29')).toBe('2024-02-29');
    for (const bad of ['2026.02.29', '2026.13.01', '31.04.2026', '11/20/2026', '2026.11', '', 'вчера', '1899.01.01']) expect(parseUsrDate(bad)).toBeNull();
    expect(usrNameSystemNumber('CONS#12_000123.usr')).toBe(12);
    expect(usrNameSystemNumber('folder/cons#3_x.USR')).toBe(3);
    expect(usrNameSystemNumber('report.usr')).toBeNull();
  });

  it('refuses by status: format 1 or none too_old, text not_usr, other XML not_usr, broken XML malformed, no kit malformed', () => {
    const status = (b: Uint8Array) => {
      const o = parseUsr(b, 'x.usr');
      return o.ok ? 'ok' : o.status;
    };
    expect(status(usrBytes({ ...base, formatVersion: 1 }))).toBe('too_old');
    expect(status(Buffer.from(usrXml(base).replace(/<format_version>5<\/format_version>/, '')))).toBe('too_old');
    expect(status(Buffer.from('Привет, это не USR-файл, а заметка.\r\n', 'utf8'))).toBe('not_usr');
    expect(status(Buffer.from(''))).toBe('not_usr');
    expect(status(Buffer.from('<?xml version="1.0"?><root><chat/></root>'))).toBe('not_usr');
    const full = usrBytes(base);
    expect(status(full.subarray(0, Math.floor(full.length * 0.6)))).toBe('malformed');
    expect(status(Buffer.from(usrXml(base).replace('</package>', '</packag>')))).toBe('malformed');
    expect(status(Buffer.from(usrXml({ ...base, kits: [] })))).toBe('malformed');
    expect(status(Buffer.from(usrXml(base).replace('windows-1251', 'x-no-such-charset')))).toBe('not_usr');
  });

  it('refuses hostile input: a DTD with an entity bomb, deep nesting, undefined entities; a huge attribute is cut, not kept whole', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE user_info [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><user_info><format_version>5</format_version><complect>&c;</complect></user_info>`;
    const refused = parseUsr(Buffer.from(bomb), 'CONS#1_1.usr');
    expect(refused).toMatchObject({ ok: false, status: 'malformed', detail: 'doctype' });
    const deep = usrXml(base).replace('<tech_info>', `<tech_info>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`);
    expect(parseUsr(Buffer.from(deep), 'x.usr')).toMatchObject({ ok: false, status: 'malformed', detail: 'too_deep' });
    const entity = usrXml(base).replace('<complect>Сетевая версия', '<complect>&xxe;');
    expect(parseUsr(Buffer.from(entity), 'x.usr')).toMatchObject({ ok: false, status: 'malformed' });
    const huge = usrXml({ ...base, encoding: 'utf-8' }).replace('userType="LOC"', `userType="${'x'.repeat(5_000_000)}"`);
    const t = Date.now();
    const { rec } = ok(Buffer.from(huge));
    expect(Date.now() - t).toBeLessThan(5000);
    expect(rec.kits[0]!.userType!.length).toBeLessThanOrEqual(40);
  });
});
