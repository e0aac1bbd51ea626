// The chat export parsed on the worker pool, as the import mechanism runs it: a real file, a bomb, and the size budget.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { WorkerPool, WorkerError } from '../../src-main/workers/pool';
import { chatSessionsParseTask } from '../../src-main/features/chat/chat.workers';
import { chatSessionsFormat } from '../../src-main/features/chat/chat.formats';
import { detectFormat, formatByKind } from '../../src-main/features/imports/formats';
import { chatExport } from './helpers';

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('chat sessions on the worker pool', () => {
  it('is registered as a direct format and detected from the content, not the name', () => {
    expect(formatByKind('chat.sessions')).toBe(chatSessionsFormat);
    expect(chatSessionsFormat.mode).toBe('direct');
    const bytes = new Uint8Array(fs.readFileSync(new URL('../fixtures/chat/chats-2026-11.xml', import.meta.url)));
    expect(detectFormat(bytes, 'export.bin')?.kind).toBe('chat.sessions');
    expect(detectFormat(new Uint8Array(Buffer.from('<root><quest sys="1"/></root>')), 'chats.xml')?.kind).not.toBe('chat.sessions');
  });

  it('parses 10,000 sessions on a thread and refuses a bomb and an oversized file', async () => {
    pool = new WorkerPool({ maxThreads: 1, limits: { 'chat.sessions.parse': { maxInputBytes: 8 * 1024 * 1024 } } });
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ sys: 1, distr: 100 + (i % 500), start: `2026-11-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`, fio: 'Иванов', text: 'Вопрос и ответ '.repeat(20) }));
    const bytes = new Uint8Array(Buffer.from(chatExport(rows)));
    const t = Date.now();
    const out = await pool.run(chatSessionsParseTask, { bytes, name: 'big.xml' });
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.parsed.records.length + out.parsed.problems.length).toBe(10_000);
    expect(Date.now() - t).toBeLessThan(15_000);
    const bomb = `<?xml version="1.0"?><!DOCTYPE root [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><root><chat sys="1" distr="1" start="2026-11-02 10:00:00"><fio>&b;</fio></chat></root>`;
    expect(await pool.run(chatSessionsParseTask, { bytes: new Uint8Array(Buffer.from(bomb)), name: 'b.xml' })).toMatchObject({ ok: false, status: 'malformed' });
    await expect(pool.run(chatSessionsParseTask, { bytes: new Uint8Array(9 * 1024 * 1024), name: 'huge.xml' })).rejects.toBeInstanceOf(WorkerError);
  });
});
