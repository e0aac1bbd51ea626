// «Задать вопрос» export parsing: encodings, the kit as one string, bad records one by one, and hostile files that must stay inert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseQuestions, MAX_TEXT_CHARS, type QuestionRecord } from '../../src-main/features/chat/questions.parse';
import { questionsFormat, questionsParseTask } from '../../src-main/features/chat/questions.formats';
import { detectFormat } from '../../src-main/features/imports/formats';
import { questionTextKey, fioKey, emailKey } from '../../src-main/features/chat/questions.text';
import { WorkerPool } from '../../src-main/workers/pool';

const quest = (attrs: string, body: string) => `<quest ${attrs}>${body}</quest>`;
const doc = (...q: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<root>\n${q.join('\n')}\n</root>\n`;
const FULL = quest(
  'sys="1" distr="123" comp="2" date="2026-11-26 13:02:00"',
  '<fio>Сидоренко Анна Викторовна</fio><email>buh@vostok-trans.example</email><phone>8 (423) 240-10-10</phone><text>Где найти форму счёта-фактуры?</text>',
);

function ok(bytes: Uint8Array | string): { records: QuestionRecord[]; problems: { record: number | null; code: string }[] } {
  const r = parseQuestions(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  if (!r.ok) throw new Error(`refused: ${r.status} ${r.detail}`);
  return r.parsed;
}

describe('chat.questions parse', () => {
  it('reads a record: the kit, Moscow time to UTC, the Moscow date, the fields', () => {
    const { records, problems } = ok(doc(FULL));
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        position: 1,
        systemNumber: 1,
        distrNumber: 123,
        comp: 2,
        askedAt: '2026-11-26T10:02:00.000Z',
        askedOn: '2026-11-26',
        fio: 'Сидоренко Анна Викторовна',
        email: 'buh@vostok-trans.example',
        phone: '8 (423) 240-10-10',
        text: 'Где найти форму счёта-фактуры?',
        flags: [],
      },
    ]);
  });

  it('keeps the Moscow date of a question asked after 21:00 UTC on the next day', () => {
    const { records } = ok(doc(quest('sys="1" distr="5" date="2026-11-27 01:30:00"', '<text>ночной вопрос</text>')));
    expect(records[0]).toMatchObject({ askedAt: '2026-11-26T22:30:00.000Z', askedOn: '2026-11-27', comp: 1, fio: null, email: null, phone: null });
  });

  it('reads UTF-8 with a BOM, windows-1251 declared and undeclared alike', () => {
    const text = doc(FULL);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const cp = iconv.encode(text.replace('utf-8', 'windows-1251'), 'windows-1251');
    const cpUndeclared = iconv.encode(text.replace(' encoding="utf-8"', ''), 'windows-1251');
    for (const b of [bom, cp, cpUndeclared]) {
      const { records } = ok(b);
      expect(records[0]!.fio).toBe('Сидоренко Анна Викторовна');
      expect(records[0]!.text).toBe('Где найти форму счёта-фактуры?');
    }
  });

  it('takes the kit written as one SYS_DISTR[_COMP] string', () => {
    const { records, problems } = ok(
      doc(
        quest('sys="1_000123_02" date="2026-11-26 10:00:00"', '<text>а</text>'),
        quest('distr="7_045678" date="2026-11-26 10:00:00"', '<text>б</text>'),
        quest('sys="3" distr="000777_03" date="2026-11-26 10:00:00"', '<text>в</text>'),
        quest('date="2026-11-26 10:00:00"', '<kit>2-000555-4</kit><text>г</text>'),
      ),
    );
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.systemNumber, r.distrNumber, r.comp])).toEqual([
      [1, 123, 2],
      [7, 45678, 1],
      [3, 777, 3],
      [2, 555, 4],
    ]);
  });

  it('refuses bad records one by one with their position and keeps the rest', () => {
    const { records, problems } = ok(
      doc(
        quest('date="2026-11-26 10:00:00"', '<text>нет комплекта</text>'),
        quest('sys="1" distr="1" date="2026-11-26 10:00:00"', '<fio>Без текста</fio><text>   </text>'),
        quest('sys="1" distr="1" date="2026-02-31 10:00:00"', '<text>нет такой даты</text>'),
        quest('sys="1" distr="1"', '<text>без даты</text>'),
        FULL,
      ),
    );
    expect(problems).toEqual([
      { record: 1, code: 'no_kit' },
      { record: 2, code: 'no_text' },
      { record: 3, code: 'bad_date', detail: '2026-02-31 10:00:00' },
      { record: 4, code: 'bad_date' },
    ]);
    expect(records.map((r) => r.position)).toEqual([5]);
  });

  it('refuses a truncated or broken file as a whole', () => {
    const whole = doc(FULL, FULL);
    for (const cut of [whole.length - 10, Math.floor(whole.length / 2), 60]) {
      const r = parseQuestions(Buffer.from(whole.slice(0, cut)));
      expect(r).toMatchObject({ ok: false, status: 'malformed' });
    }
    expect(parseQuestions(Buffer.from('<root><quest sys="1"><text>a</quest></root>'))).toMatchObject({ ok: false, status: 'malformed' });
    expect(parseQuestions(Buffer.from(''))).toMatchObject({ ok: false, status: 'malformed' });
    expect(parseQuestions(Buffer.from('<other/>'))).toMatchObject({ ok: false, status: 'malformed' });
  });

  it('never expands entities: a «billion laughs» file is refused at once', () => {
    const ents = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) ents.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE root [${ents.join('')}]>\n<root>${quest('sys="1" distr="1" date="2026-11-26 10:00:00"', '<text>&lol9;</text>')}</root>`;
    const t0 = Date.now();
    const r = parseQuestions(Buffer.from(bomb));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, status: 'malformed' });
    // An external entity is not fetched or read either.
    const xxe = `<?xml version="1.0"?><!DOCTYPE root [<!ENTITY x SYSTEM "file:///etc/passwd">]><root>${quest('sys="1" distr="1" date="2026-11-26 10:00:00"', '<text>&x;</text>')}</root>`;
    expect(parseQuestions(Buffer.from(xxe))).toMatchObject({ ok: false, status: 'malformed' });
  });

  it('survives deep nesting and a huge text, cutting the text to its bound with a flag', () => {
    const deep = `<root>${quest('sys="1" distr="1" date="2026-11-26 10:00:00"', `<text>начало${'<b>'.repeat(50_000)}x${'</b>'.repeat(50_000)}</text>`)}</root>`;
    const d = ok(deep);
    expect(d.records[0]!.text).toBe('началоx');
    const huge = `<root>${quest('sys="1" distr="1" date="2026-11-26 10:00:00"', `<text>${'я'.repeat(MAX_TEXT_CHARS + 5000)}</text><fio>${'Ф'.repeat(10_000)}</fio>`)}</root>`;
    const h = ok(huge);
    expect(h.records[0]!.text.length).toBe(MAX_TEXT_CHARS);
    expect(h.records[0]!.fio!.length).toBe(500);
    expect(h.records[0]!.flags.sort()).toEqual(['fio_truncated', 'text_truncated']);
    const attr = `<root><quest sys="1" distr="1" date="2026-11-26 10:00:00" junk="${'a'.repeat(2_000_000)}"><text>ok</text></quest></root>`;
    expect(ok(attr).records).toHaveLength(1);
  });

  it('is detected by its head, not its name; a chat export is not claimed', () => {
    expect(detectFormat(Buffer.from(doc(FULL)), 'anything.bin')?.kind).toBe('chat.questions');
    expect(detectFormat(iconv.encode('<?xml version="1.0" encoding="windows-1251"?>\r\n<!-- выгрузка -->\r\n<root>\r\n  <quest sys="1">', 'windows-1251'), 'x')?.kind).toBe('chat.questions');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc(FULL).replace('utf-8', 'utf-16'), 'utf-16le')]);
    expect(detectFormat(utf16, 'q.xml')?.kind).toBe('chat.questions');
    expect(ok(utf16).records[0]!.fio).toBe('Сидоренко Анна Викторовна');
    expect(questionsFormat.detect(Buffer.from('<root><chat sys="1"></chat></root>'), 'q.xml')).toBe(false);
    expect(questionsFormat.detect(Buffer.from('<user_info/>'), 'quest.xml')).toBe(false);
  });
});

describe('chat.questions parse task on the pool', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = new WorkerPool({ maxThreads: 1 });
  });
  afterAll(() => pool.close());

  it('parses on a worker thread, and a hostile file costs nothing', async () => {
    const r = await pool.run(questionsParseTask, { bytes: Buffer.from(doc(FULL, FULL)), name: 'q.xml' });
    expect(r.ok && r.parsed.records.length).toBe(2);
    const broken = await pool.run(questionsParseTask, { bytes: Buffer.from(doc(FULL).slice(0, 100)), name: 'q.xml' });
    expect(broken).toMatchObject({ ok: false, status: 'malformed' });
  });

  it('holds its size budget', async () => {
    expect(questionsParseTask.limits).toEqual({ maxInputBytes: 64 * 1024 * 1024, timeoutMs: 20_000 });
    const strict = new WorkerPool({ maxThreads: 1, limits: { 'chat.questions.parse': { maxInputBytes: 64 * 1024 } } });
    try {
      await expect(strict.run(questionsParseTask, { bytes: Buffer.alloc(128 * 1024, 0x20), name: 'q.xml' })).rejects.toMatchObject({ code: 'WORKER_TOO_LARGE' });
    } finally {
      await strict.close();
    }
  });
});

describe('question text normalisation', () => {
  it('folds case, ё, spaces, punctuation and quoted reply noise', () => {
    const a = questionTextKey('Где найти форму СЧЁТА-фактуры?\r\n\r\n  Спасибо!');
    expect(a).toBe('где найти форму счета фактуры спасибо');
    expect(questionTextKey('где  найти «форму» счета — фактуры...\nСпасибо\n> цитата прошлого письма\n')).toBe(a);
    expect(questionTextKey('Где найти форму счёта-фактуры? Спасибо\n-----Original Message-----\nFrom: x')).toBe(a);
    expect(questionTextKey('Где найти форму счёта-фактуры? Спасибо\nРанее вы писали:\nстарый вопрос')).toBe(a);
    expect(questionTextKey('Где найти форму счёта-фактуры? Спасибо\n25.11.2026, 10:00, Иванов И. написал(а):\nстарый вопрос')).toBe(a);
    // A sentence that mentions writing is not a marker.
    expect(questionTextKey('Что писали в письме Минфина: где найти форму?')).toContain('где найти форму');
    expect(questionTextKey('Где найти форму акта?')).not.toBe(a);
    const long = questionTextKey('слово '.repeat(5000));
    expect(long.length).toBeLessThanOrEqual(1000);
    expect(long).not.toBe(questionTextKey('слово '.repeat(5001)));
    expect(fioKey(' Сидоренко  Анна  Викторовна ')).toBe(fioKey('СИДОРЕНКО анна викторовна'));
    expect(fioKey('Семёнов П.')).toBe(fioKey('семенов п'));
    expect(emailKey(' <Buh@Vostok.Example> ')).toBe('buh@vostok.example');
    expect(fioKey('  ')).toBeNull();
  });
});
