// The review's matching is reused by the apply: the cache key does not depend on the order of the mapping's keys.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { readList } from '../../src-main/features/glavbukh/list.review';
import { addClient } from './helpers';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(async () => {
  await env.close();
});

describe('certified list matching cache', () => {
  it('gives the same reading for the same mapping in another key order, and a new one when the base changes', () => {
    const db = env.core.db;
    addClient(db, 'ООО «Ромашка»', '7707083893', '770701001');
    const rec = { headers: ['ИНН', 'КПП', 'Номер'], rows: [['7707083893', '770701001', 'GB-1']] };
    const a = readList(db, rec, { inn: 0, kpp: 1, number: 2 }, undefined, 'test:file:1');
    const b = readList(db, rec, { number: 2, kpp: 1, inn: 0 }, undefined, 'test:file:1');
    expect(b).toBe(a);
    expect(a.auto[0]!.client).not.toBeNull();
    const c = readList(db, rec, { inn: 0, kpp: 1, number: 2, name: undefined }, undefined, 'test:file:1');
    expect(c).toBe(a);
    addClient(db, 'ООО «Берёза»', '7728168971', '772801001');
    expect(readList(db, rec, { inn: 0, kpp: 1, number: 2 }, undefined, 'test:file:1')).not.toBe(a);
    expect(readList(db, rec, { inn: 0, kpp: 1, number: 2 }, undefined, 'test:file:2')).not.toBe(a);
  });
});
