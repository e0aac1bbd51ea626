// The Онлайн-диалог export parser: encodings, the one-string kit, missing and odd fields, and hostile files.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { declaredEncoding, moscowToUtc, parseChatSessions, type ChatSessionRecord } from '../../src-main/features/chat/sessions.parse';
import { detectChatSessions } from '../../src-main/features/chat/chat.formats';
import { run } from '../../src-main/features/chat/sessions.task';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function ok(bytes: Uint8Array) {
  const r = parseChatSessions(bytes);
  if (!r.ok) throw new Error(`refused: ${r.status} ${r.detail ?? ''}`);
  return r.parsed;
}

const CHAT = (attrs: string, body = '<fio>Иванов Иван</fio><personal>Ким Ольга</personal><text>Привет</text>') => `<chat ${attrs}>${body}</chat>`;
const doc = (chats: string, decl = '<?xml version="1.0" encoding="utf-8"?>') => `${decl}\n<root>\n${chats}\n</root>\n`;

describe('chat sessions parser', () => {
  it('reads the specimen: Moscow time to UTC, fields, duration', () => {
    const bytes = fs.readFileSync(new URL('../fixtures/chat/chats-2026-11.xml', import.meta.url));
    expect(detectChatSessions(bytes.subarray(0, 4096))).toBe(true);
    const p = ok(new Uint8Array(bytes));
    expect(p.problems).toEqual([]);
    expect(p.records).toHaveLength(2);
    const a = p.records[0]!;
    expect(a).toMatchObject({ record: 1, systemNumber: 1, distrNumber: 123, comp: 2, startAt: '2026-11-02T07:00:05.000Z', finishAt: '2026-11-02T07:12:40.000Z' });
    expect(a.durationSec).toBe(755);
    expect(a.firstDate).toBe('2026-11-02T06:58:10.000Z');
    expect(a.personal).toBe('Ким Ольга (оператор)');
    expect(a.text).toContain('Оператор: Откройте Путеводитель');
    expect(a.phone).toBe('84232401010');
    expect(p.records[1]!.phone).toBeNull();
  });

  it('reads windows-1251 as declared, and UTF-8 with a BOM', () => {
    const text = doc(CHAT('sys="1" distr="5" comp="1" start="2026-11-02 10:00:00" finish="2026-11-02 10:01:00"'), '<?xml version="1.0" encoding="windows-1251"?>');
    const cp = new Uint8Array(iconv.encode(text, 'win1251'));
    expect(declaredEncoding(cp)).toBe('windows-1251');
    expect(detectChatSessions(Buffer.from(cp))).toBe(true);
    const r = ok(cp).records[0]!;
    expect(r.fio).toBe('Иванов Иван');
    expect(r.personal).toBe('Ким Ольга');
    const bom = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc(CHAT('sys="1" distr="5" start="2026-11-02 10:00:00"')))]));
    expect(detectChatSessions(Buffer.from(bom))).toBe(true);
    expect(ok(bom).records[0]!.fio).toBe('Иванов Иван');
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc(CHAT('sys="1" distr="5" start="2026-11-02 10:00:00"'), '<?xml version="1.0" encoding="utf-16"?>'), 'utf-16le')]));
    expect(detectChatSessions(Buffer.from(utf16))).toBe(true);
    expect(ok(utf16).records[0]!.fio).toBe('Иванов Иван');
  });

  it('takes the kit as one SYS_DISTR[_COMP] string in distr, sys or kit', () => {
    const p = ok(
      enc(
        doc(
          [
            CHAT('distr="1_000123_02" start="2026-11-02 10:00:00"'),
            CHAT('sys="7_045678" start="2026-11-02 10:00:00"'),
            CHAT('kit="3 777-1" start="2026-11-02 10:00:00"'),
            CHAT('start="2026-11-02 10:00:00"', '<kit>12_000001</kit><fio>x</fio>'),
          ].join('\n'),
        ),
      ),
    );
    expect(p.problems).toEqual([]);
    expect(p.records.map((r) => [r.systemNumber, r.distrNumber, r.comp])).toEqual([
      [1, 123, 2],
      [7, 45678, 1],
      [3, 777, 1],
      [12, 1, 1],
    ]);
  });

  it('tolerates missing, reordered and extra fields, attributes as elements and elements as attributes', () => {
    const p = ok(
      enc(
        doc(
          [
            CHAT('start="2026-11-02 10:00:00"', '<extra><deep>x</deep></extra><distr>55</distr><sys>2</sys><comp></comp><ric_personal>Петрова</ric_personal><chat>Диалог</chat>'),
            CHAT('sys="2" distr="56" start="2026-11-02 10:00:00" fio="Сидоров" personal="Петрова"', ''),
            '<other a="1"/>',
          ].join('\n'),
        ),
      ),
    );
    expect(p.problems).toEqual([]);
    expect(p.records[0]).toMatchObject({ systemNumber: 2, distrNumber: 55, comp: 1, personal: 'Петрова', text: 'Диалог', finishAt: null, durationSec: null, fio: null });
    expect(p.records[1]).toMatchObject({ distrNumber: 56, fio: 'Сидоров', personal: 'Петрова', record: 2 });
  });

  it('lists bad records with their position and keeps the good ones', () => {
    const p = ok(
      enc(
        doc(
          [
            CHAT('sys="1" distr="10" start="2026-11-02 10:00:00" finish="2026-11-02 09:00:00"'),
            CHAT('sys="" distr="" start="2026-11-02 10:00:00"'),
            CHAT('sys="1" distr="11" start="2026-13-02 10:00:00"'),
            CHAT('sys="1" distr="12" start="2026-02-30 10:00:00"'),
            CHAT('sys="1" distr="13"'),
            CHAT('sys="x" distr="14" start="2026-11-02 10:00:00"'),
            CHAT('sys="1" distr="15" start="2026-11-02 10:00:00" finish="later"'),
            CHAT('sys="1" distr="16" start="02.11.2026 10:00"'),
          ].join('\n'),
        ),
      ),
    );
    expect(p.problems).toEqual([
      { record: 1, code: 'finish_before_start' },
      { record: 2, code: 'empty_kit' },
      { record: 3, code: 'bad_date', detail: 'start' },
      { record: 4, code: 'bad_date', detail: 'start' },
      { record: 5, code: 'missing_start' },
      { record: 6, code: 'bad_kit', detail: 'x_14_' },
      { record: 7, code: 'bad_date', detail: 'finish' },
    ]);
    expect(p.records.map((r: ChatSessionRecord) => [r.record, r.distrNumber, r.startAt])).toEqual([[8, 16, '2026-11-02T07:00:00.000Z']]);
  });

  it('converts Moscow time across the day boundary', () => {
    expect(moscowToUtc('2026-01-01 01:30:00')).toBe('2025-12-31T22:30:00.000Z');
    expect(moscowToUtc('2026-01-01 24:00:00')).toBeNull();
    expect(moscowToUtc('')).toBeNull();
  });

  it('refuses truncated and broken XML as a whole', () => {
    const full = doc([1, 2, 3].map((i) => CHAT(`sys="1" distr="${i}" start="2026-11-02 10:00:00"`)).join('\n'));
    for (const cut of [full.length - 10, Math.floor(full.length / 2), 60]) {
      const r = parseChatSessions(enc(full.slice(0, cut)));
      expect(r.ok, `cut at ${cut}`).toBe(false);
      if (!r.ok) expect(r.status).toBe('malformed');
    }
    expect(parseChatSessions(enc('<root><chat sys="1"></root>')).ok).toBe(false);
    expect(parseChatSessions(enc('not xml at all')).ok).toBe(false);
    expect(parseChatSessions(enc('')).ok).toBe(false);
    expect(parseChatSessions(enc(doc(CHAT('sys="1" distr="1" start="2026-11-02 10:00:00"', '<fio>&undefined;</fio>')))).ok).toBe(false);
    const unknownEnc = parseChatSessions(enc('<?xml version="1.0" encoding="x-nonsense"?><root/>'));
    expect(unknownEnc).toMatchObject({ ok: false, status: 'malformed', detail: 'encoding' });
  });

  it('refuses a DTD entity bomb without expanding it', () => {
    const ents = ['<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++) ents.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE root [${ents.join('')}]><root><chat sys="1" distr="1" start="2026-11-02 10:00:00"><fio>&lol9;</fio></chat></root>`;
    const t = Date.now();
    const r = parseChatSessions(enc(bomb));
    expect(Date.now() - t).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, status: 'malformed', detail: 'doctype' });
    const ext = `<?xml version="1.0"?><!DOCTYPE root SYSTEM "file:///etc/passwd"><root><chat sys="1" distr="1" start="2026-11-02 10:00:00"/></root>`;
    expect(parseChatSessions(enc(ext))).toMatchObject({ ok: false, status: 'malformed' });
  });

  it('stays inert on 100,000-deep nesting and a 10 MB attribute', () => {
    const depth = 100_000;
    const deep = `<root><chat sys="1" distr="1" start="2026-11-02 10:00:00"><text>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</text></chat></root>`;
    const t = Date.now();
    const p = ok(enc(deep));
    expect(p.records[0]!.text).toBe('x');
    const huge = `<root><chat sys="1" distr="2" start="2026-11-02 10:00:00" profile="${'я'.repeat(10 * 1024 * 1024)}"><fio>Ф</fio></chat></root>`;
    const h = ok(enc(huge));
    expect(h.records[0]!.profile!.length).toBe(2000);
    expect(Date.now() - t).toBeLessThan(10_000);
    // Nesting that never closes is truncation, not a crash.
    expect(parseChatSessions(enc(`<root><chat>${'<a>'.repeat(depth)}`)).ok).toBe(false);
  });

  it('detects only root/chat files, from the head, and runs as a task', () => {
    expect(detectChatSessions(Buffer.from('<?xml version="1.0"?>\n<root>\n  <!-- x -->\n  <chat sys="1"/>'))).toBe(true);
    expect(detectChatSessions(Buffer.from('<?xml version="1.0"?><root><quest sys="1"/></root>'))).toBe(false);
    expect(detectChatSessions(Buffer.from('<rootx><chat/></rootx>'))).toBe(false);
    expect(detectChatSessions(Buffer.from('<root><chats/></root>'))).toBe(false);
    const out = run({ bytes: enc(doc(CHAT('sys="1" distr="1" start="2026-11-02 10:00:00"'))), name: 'x.xml' });
    expect(out.ok).toBe(true);
  });
});

describe('chat sessions parser on the shared hostile corpus', () => {
  it('answers every hostile file (XML bombs, deep nesting, ZIPs, spreadsheets) with an outcome, never a throw, and lands no record from a bomb', async () => {
    const { hostileCorpus } = await import('../fixtures/hostile');
    for (const f of hostileCorpus('quick')) {
      const t = Date.now();
      const r = parseChatSessions(f.bytes);
      expect(Date.now() - t, f.name).toBeLessThan(10_000);
      if (r.ok) expect(r.parsed.records, f.name).toEqual([]);
    }
  });
});
