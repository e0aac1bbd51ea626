// Crafted call lists: huge shared strings, truncation, .xls, random bytes, DTDs, binary CSV, prototype keys — a clear status, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { csvOf, handXlsx, importList, xlsxOf } from '../glavbukh/helpers';
import { callsOf, nssClient, setZone } from './calls-helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  setZone(env.core.db, 'Asia/Vladivostok');
});
afterAll(async () => {
  await env.close();
});

describe('crafted call lists', () => {
  it('refuses each crafted file with a clear status and writes nothing; the next list still imports', async () => {
    const good = xlsxOf([
      ['Дата', 'Время', 'Номер дистрибутива', 'Длительность'],
      ['01.02.2026', '10:00', '123', '60'],
    ]);
    const cases: [string, Uint8Array, string][] = [
      [
        'звонки-huge.xlsx',
        handXlsx({
          'xl/sharedStrings.xml': `<sst><si><t>${'я'.repeat(1_000_000)}</t></si></sst>`,
          'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>',
        }),
        'too_large',
      ],
      ['звонки-truncated.xlsx', good.subarray(0, Math.floor(good.byteLength / 2)), 'malformed'],
      ['звонки.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4000)]), 'xls_unsupported'],
      ['звонки-random.xlsx', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251)), 'not_spreadsheet'],
      ['звонки-doctype.xlsx', handXlsx({ 'xl/worksheets/sheet1.xml': '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>' }), 'malformed'],
      ['звонки-binary.csv', Buffer.concat([Buffer.from('Дата;Время;Телефон;Длительность\n'), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 1])]), 'not_spreadsheet'],
    ];
    for (const [name, bytes, status] of cases) {
      const r = await importList(env, name, bytes, { kind: 'nss.calls' });
      expect([name, r.status, r.kind]).toEqual([name, status, 'nss.calls']);
      expect(r.stageId).toBeNull();
    }
    expect(callsOf(env.core.db)).toHaveLength(0);
    const ok = await importList(env, 'звонки-после.xlsx', good);
    expect([ok.status, ok.kind]).toEqual(['staged', 'nss.calls']);
  }, 60_000);

  it('reads __proto__ / constructor headers and cells as text, pollutes nothing, applies and remembers the layout', async () => {
    const db = env.core.db;
    const a = nssClient(db, 'ООО «Прото»', { code: 'SKJP', number: 4242 });
    const r = await importList(env, 'proto.csv', csvOf([
      ['__proto__', 'Дата', 'constructor', 'Дистрибутив', 'Длительность'],
      ['__proto__', '03.02.2026', 'constructor', 'SKJP 4242', '15'],
    ]), { kind: 'nss.calls' });
    expect(r.status).toBe('staged');
    const rev = await env.admin('nss.calls.review', { stageId: r.stageId! });
    expect(rev.mapping).toEqual({ date: 1, kit: 3, duration: 4 });
    expect(rev.rows.map((x) => [x.state, x.client?.id])).toEqual([['matched', a.id]]);
    expect(await env.admin('imports.stage.apply', { id: r.stageId!, decisions: {} })).toEqual({ added: 1, skipped: 0, flagged: 0 });
    expect(({} as Record<string, unknown>).date).toBeUndefined();
    expect(callsOf(db).map((x) => [x.clientId, x.at, x.durationSec])).toEqual([[a.id, '2026-02-02T14:00:00.000Z', 15]]);
  });
});
