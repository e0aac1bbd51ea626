// The КЦ file's order made in JavaScript (compareBinary) against SQLite's own ORDER BY of the same texts (BINARY collation).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../helpers/core';
import { buildNssKc } from '../../src-main/features/nss/kc.build';
import { compareBinary } from '../../src-main/features/nss/kc.rows';
import { addKcClient, addRecords } from './kc-data';

describe('compareBinary', () => {
  it('orders texts as SQLite’s BINARY collation does, characters above U+FFFF and private-use ones included', () => {
    const texts = [
      'ооо альфа', 'ооо альфа ', 'ооо альфа-2', 'ооо ёлка', 'ооо елка', 'ооо яблоко', 'ооо «бета»', 'ооо "бета"', 'ооо',
      'ип иванов', 'zeta', 'Zeta', 'a', '', ' ', 'ооо \u{1F600} смайл', 'ооо \uFFFD замена', 'ооо \uE000 частный', 'ооо \uFF21 широкая',
      'ооо \u{10000} линейное', 'ооо \u{1F600}', 'ооо \u{1F601}', '\u{1F600}', '\uFFFF', '\uE000', 'ооо a\u{1F600}', 'ооо a\uFB01',
    ];
    // A random mix of them with prefixes of each other, as names of many clients are.
    const r = (() => {
      let s = 7;
      return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    })();
    for (let i = 0; i < 300; i++) texts.push(texts[Math.floor(r() * texts.length)]! + texts[Math.floor(r() * texts.length)]!.slice(0, 1 + Math.floor(r() * 4)));
    const sql = new Database(':memory:');
    try {
      sql.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name_lc TEXT NOT NULL)');
      const ins = sql.prepare('INSERT INTO t (id, name_lc) VALUES (?, ?)');
      // Ids in an order of their own, so equal texts are put in order by id.
      texts.forEach((t, i) => ins.run((i * 7919) % 10007, t));
      const want = sql.prepare('SELECT id FROM t ORDER BY name_lc, id').pluck().all() as number[];
      const rows = sql.prepare('SELECT id, name_lc AS key FROM t').all() as { id: number; key: string }[];
      const got = rows.sort((a, b) => compareBinary(a.key, b.key) || a.id - b.id).map((x) => x.id);
      expect(got).toEqual(want);
      // Plain comparison of JavaScript strings would not: a character above U+FFFF sorts before U+E000…U+FFFF there.
      expect('\u{1F600}' < '\uFFFD').toBe(true);
      expect(compareBinary('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    } finally {
      sql.close();
    }
  });

  it('puts the month’s rows in the order of ORDER BY name_lc, id — with plain names and with characters above U+FFFF', async () => {
    const env = await testEnv();
    try {
      const db = env.core.db;
      const sio = await env.employee('sio1', ['sio']);
      const plain = ['ООО Вега', 'ооо альфа', 'ООО Альфа', 'ИП Яковлев', 'ООО «Бета»', 'Zeta', 'zeta', 'ООО Альфа'];
      const high = [...plain, 'ООО \u{1F600}', 'ООО \uFFFD', 'ООО \uE000', 'ООО \u{1F600} Б', 'ООО \u{10000}'];
      const order = (month: string) => db.$client.prepare(`SELECT c.id FROM nss_client_months m JOIN clients c ON c.id = m.client_id WHERE m.month = ? AND m.nss_kits > 0 ORDER BY c.name_lc, c.id`).pluck().all(month) as number[];
      for (const [names, month] of [[plain, '2026-09'], [high, '2026-10']] as const)
        for (const name of names) {
          const c = addKcClient(db, { name, sioId: sio.id, kits: [[['nss', '2026-01-01']]] });
          addRecords(db, c.id, [{ kind: 'gl_call', on: `${month}-15` }]);
        }
      for (const month of ['2026-09', '2026-10']) {
        const want = order(month);
        expect(want.length).toBeGreaterThan(plain.length - 1);
        expect(buildNssKc(db, month, 50).rows.map((r) => r.clientId)).toEqual(want);
      }
    } finally {
      await env.close();
    }
  });
});
