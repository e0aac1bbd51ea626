// Parser tests: the project's mail fixtures and generated variants (charsets, encodings, HTML-only, reordered or missing fields, forwarded, broken MIME).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src-main/db/connection';
import { classify, decodeMail, type RuleDef } from '../../src-main/features/mail/parse';
import { loadRules } from '../../src-main/features/mail/rules.repo';
import { tempDbPath } from '../helpers/core';
import {
  buildMail,
  forwardAsAttachment,
  forwardInlineText,
  leadHtml,
  leadText,
  pick,
  prng,
  shuffle,
  uniqueMessageId,
  type Charset,
  type Cte,
  type LeadSpec,
} from './build';
import { buildFixtures, FIXTURES_DIR } from '../fixtures/mail/generate';
import { mailFixtures } from './fixtures';

let db: Db;
let rules: RuleDef[];
beforeAll(() => {
  db = openDb(tempDbPath('crm-parse-'));
  rules = loadRules(db);
});
afterAll(() => db.$client.close());

async function run(raw: Buffer) {
  const decoded = await decodeMail(raw);
  return { decoded, result: classify(decoded, rules) };
}

describe("the project's fixtures (test/fixtures/mail)", () => {
  it('are exactly what their generator writes, each file described once', () => {
    const onDisk = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.eml')).sort();
    const built = buildFixtures();
    expect(onDisk).toEqual(built.map((b) => b.c.file).sort());
    expect(mailFixtures().map(({ raw: _raw, ...c }) => c)).toEqual(built.map((b) => b.c));
    for (const b of built) expect(fs.readFileSync(path.join(FIXTURES_DIR, b.c.file)).equals(b.raw), `${b.c.file}: run npx tsx test/fixtures/mail/generate.ts`).toBe(true);
    // The variety they stand for.
    const heads = built.map((b) => b.raw.toString('latin1').split('\r\n\r\n')[0]!.toLowerCase());
    for (const needle of ['charset="utf-8"', 'charset="windows-1251"', 'charset="koi8-r"', 'base64', 'quoted-printable', '8bit', 'text/html', 'multipart/alternative', 'multipart/mixed']) {
      expect(heads.some((h) => h.includes(needle)) || built.some((b) => b.raw.toString('latin1').toLowerCase().includes(needle)), needle).toBe(true);
    }
  });

  for (const f of mailFixtures()) {
    it(`reads ${f.file} (${f.what})`, async () => {
      const { decoded, result } = await run(f.raw);
      expect(decoded.broken !== null).toBe(f.broken);
      if (f.messageId) expect(decoded.messageId).toBe(f.messageId);
      else expect(decoded.messageId).toMatch(/^<[0-9a-f]{64}@no-message-id>$/);
      expect(decoded.subject).toBe(f.subject);
      expect({ matched: result.matched, kind: result.kind, requestNumber: result.requestNumber, fields: result.fields }).toEqual({
        matched: f.matched,
        kind: f.kind,
        requestNumber: f.number,
        fields: f.fields,
      });
      if (!result.matched) expect(result.reason).toBe(f.reason);
    });
  }
});

const KINDS = [
  { kind: 'lead_price', subjects: ['Заявка с сайта КонсультантПлюс № {n}: прайс-лист', 'Заявка N {n}: запрос прайс-листа'], type: 'Прайс-лист' },
  { kind: 'lead_demo', subjects: ['Заявка с сайта КонсультантПлюс № {n}: установка демоверсии', 'Новая заявка №{n} — демоверсия'], type: 'Установка демоверсии' },
  { kind: 'lead_trial', subjects: ['Заявка N {n} с сайта КонсультантПлюс: пробный доступ (3 дня)', 'Заявка № {n}: тестовый доступ'], type: 'Пробный доступ на 3 дня' },
] as const;

const LABELS = {
  fio: ['ФИО', 'Ф.И.О.', 'Контактное лицо'],
  org: ['Организация', 'Компания', 'Наименование организации'],
  email: ['E-mail', 'Эл. почта', 'Email', 'Электронная почта', 'e-mail'],
  phone: ['Телефон', 'Тел.', 'Тел', 'Контактный телефон'],
  city: ['Город', 'Населённый пункт'],
  comment: ['Комментарий', 'Примечание'],
};

function randomLead(rnd: () => number, n: number, typeText: string, drop: ('org' | 'city' | 'comment' | 'email' | 'phone')[] = []): { spec: LeadSpec; want: Record<string, string> } {
  const want: Record<string, string> = {
    fio: pick(rnd, ['Смирнова Елена Ивановна', 'Ёлкин Пётр', 'Ли Ван']),
    org: pick(rnd, ['ООО «Восток-Сервис»', 'АО "Приморье"', 'ИП Ёлкин П. А.']),
    email: pick(rnd, ['buh@vostok.example', 'info@primorye.example', 'p.elkin@mail.example']),
    phone: pick(rnd, ['+7 (423) 222-33-44', '8 914 700-11-22', '+79241234567', '(4232) 40-10-10']),
    city: pick(rnd, ['Владивосток', 'Артём', 'Находка']),
    comment: pick(rnd, ['Нужна версия для юриста', 'Перезвоните после 14:00']),
  };
  for (const d of drop) delete want[d];
  const fields: [string, string][] = Object.entries(want).map(([k, v]) => [pick(rnd, LABELS[k as keyof typeof LABELS]), v]);
  const head: [string, string][] = [
    ['Тип заявки', typeText],
    [pick(rnd, ['Номер заявки', '№ заявки']), String(n)],
    ['Дата заявки', '26.11.2026 09:41'],
  ];
  return { spec: { typeText, number: String(n), fields: [...head, ...shuffle(rnd, fields)] }, want };
}

/** KOI8-R has neither «№» nor guillemets: the КЦ writes N and straight quotes there (see specimen 03). */
const fit = (text: string, charset: Charset) => (charset === 'koi8-r' ? text.replace(/№/g, 'N').replace(/[«»]/g, '"').replace(/[—–]/g, '-') : text);

describe('generated variants', () => {
  const charsets: Charset[] = ['utf-8', 'windows-1251', 'koi8-r'];
  const ctes: Cte[] = ['base64', 'quoted-printable', '8bit'];
  const shapes = ['plain', 'html', 'both'] as const;

  it('reads every kind in every charset, encoding and shape, with fields reordered and labels varied', async () => {
    let n = 800_000;
    for (const k of KINDS) {
      for (const charset of charsets) {
        for (const cte of ctes) {
          for (const shape of shapes) {
            n++;
            const rnd = prng(n);
            const { spec, want: given } = randomLead(rnd, n, k.type);
            const want = Object.fromEntries(Object.entries(given).map(([f, v]) => [f, fit(v, charset)]));
            const subject = fit(pick(rnd, k.subjects).replace('{n}', String(n)), charset);
            const raw = buildMail({
              subject,
              charset,
              cte,
              text: shape === 'html' ? undefined : fit(leadText(spec), charset),
              html: shape === 'plain' ? undefined : fit(leadHtml(spec), charset),
            });
            const { decoded, result } = await run(raw);
            const label = `${k.kind}/${charset}/${cte}/${shape} seed ${n}`;
            expect(decoded.broken, label).toBeNull();
            expect(decoded.subject, label).toBe(subject);
            expect(result.matched, label).toBe(true);
            expect(result.kind, label).toBe(k.kind);
            expect(result.requestNumber, label).toBe(String(n));
            expect(result.fields, label).toMatchObject(want);
          }
        }
      }
    }
  });

  it('makes a task from a lead with optional fields missing, and queues one without any contact', async () => {
    const rnd = prng(7);
    const partial = randomLead(rnd, 555001, 'Прайс-лист', ['org', 'city', 'comment', 'email']);
    const ok = await run(buildMail({ subject: 'Заявка № 555001: прайс-лист', text: leadText(partial.spec) }));
    expect(ok.result.matched).toBe(true);
    expect(ok.result.fields.phone).toBe(partial.want.phone);
    expect(ok.result.fields.email).toBeUndefined();

    const none = randomLead(rnd, 555002, 'Прайс-лист', ['email', 'phone']);
    const bad = await run(buildMail({ subject: 'Заявка № 555002: прайс-лист', text: leadText(none.spec) }));
    expect(bad.result.matched).toBe(false);
    expect(bad.result).toMatchObject({ reason: 'no_fields', kind: 'lead_price', requestNumber: '555002' });
  });

  it('tolerates label spelling: case, spaces before the colon, a full-width colon, `ё`, a mailto e-mail', async () => {
    const text = 'ТИП ЗАЯВКИ : Установка демоверсии\nномер заявки: №555010\nфио：Алёшин Семён\nЭЛ.ПОЧТА: Алёшин <S.Aleshin@Mail.example>\nТЕЛ: 8-914-700-11-22';
    const { result } = await run(buildMail({ subject: 'Заявка с сайта: демоверсия', text }));
    expect(result).toMatchObject({ matched: true, kind: 'lead_demo', requestNumber: '555010' });
    expect(result.fields).toMatchObject({ fio: 'Алёшин Семён', email: 's.aleshin@mail.example', phone: '8-914-700-11-22' });
  });

  it('recognises the kind by the request type when the subject says nothing', async () => {
    const { spec } = randomLead(prng(11), 555020, 'Пробный доступ на 3 дня');
    const { result } = await run(buildMail({ subject: 'Новое сообщение с сайта', text: leadText(spec) }));
    expect(result).toMatchObject({ matched: true, kind: 'lead_trial', requestNumber: '555020' });
  });

  it('reads a request forwarded inline (quoted or not) and one forwarded as an attachment', async () => {
    const { spec, want } = randomLead(prng(21), 555030, 'Установка демоверсии');
    const subject = 'Заявка с сайта КонсультантПлюс № 555030: установка демоверсии';
    for (const quote of [true, false]) {
      const fwd = buildMail({ subject: `Fwd: ${subject}`, text: forwardInlineText(subject, leadText(spec), quote), charset: 'windows-1251', cte: 'quoted-printable' });
      const { result } = await run(fwd);
      expect(result, `quote=${quote}`).toMatchObject({ matched: true, kind: 'lead_demo', requestNumber: '555030' });
      expect(result.fields).toMatchObject(want);
    }
    // The outer subject and note say nothing: the attached original decides.
    const original = buildMail({ subject: fit(subject, 'koi8-r'), html: fit(leadHtml(spec), 'koi8-r'), charset: 'koi8-r', cte: 'base64' });
    const attached = await run(forwardAsAttachment(original, 'Пересылаю письмо'));
    expect(attached.decoded.broken).toBeNull();
    expect(attached.result).toMatchObject({ matched: true, kind: 'lead_demo', requestNumber: '555030' });
    expect(attached.result.fields).toMatchObject(Object.fromEntries(Object.entries(want).map(([f, v]) => [f, fit(v, 'koi8-r')])));
  });

  it('reads a question with the distribution and a long multi-paragraph text', async () => {
    const text = 'Вопрос из сервиса «Задать вопрос».\n\nДистрибутив: BUHS_004321\nФ.И.О.: Орлова Дарья\nЭл. почта: orlova@example.org\nТекст вопроса:\nПервый абзац: про НДС.\n\nВторой абзац.\n\n-- \nКЦ';
    const { result } = await run(buildMail({ subject: 'Задать вопрос: вопрос пользователя BUHS_004321', text, charset: 'koi8-r', cte: '8bit' }));
    expect(result).toMatchObject({ matched: true, kind: 'question', requestNumber: null });
    expect(result.fields).toMatchObject({ system: 'BUHS_004321', fio: 'Орлова Дарья', email: 'orlova@example.org', question: 'Первый абзац: про НДС.\n\nВторой абзац.' });
  });

  it('sends other mail to the queue as having no rule, still reading what it can', async () => {
    const { result } = await run(buildMail({ subject: 'Рассылка: новости недели', text: 'Добрый день!\nТелефон: 8 800 000-00-00\nХорошего дня.' }));
    expect(result).toMatchObject({ matched: false, reason: 'no_rule' });
    expect(result.fields.phone).toBe('8 800 000-00-00');
  });
});

describe('broken mail', () => {
  const lead = leadText(randomLead(prng(31), 555040, 'Прайс-лист').spec);
  const cases: [string, Buffer][] = [
    ['multipart without a boundary', Buffer.from(`Subject: Заявка № 555040: прайс-лист\r\nMessage-ID: ${uniqueMessageId()}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n${lead}\r\n`)],
    [
      'multipart whose boundary never appears',
      Buffer.from(`Subject: =?utf-8?B?${Buffer.from('Заявка № 555041: прайс-лист').toString('base64')}?=\r\nMessage-ID: ${uniqueMessageId()}\r\nContent-Type: multipart/alternative; boundary="zzz"\r\n\r\n--yyy\r\nContent-Type: text/plain\r\n\r\nhello\r\n--yyy--\r\n`),
    ],
    ['not a message at all', Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x00, 0x81, 0x82])],
    ['an empty file', Buffer.alloc(0)],
    [
      'bytes that are not the declared charset',
      Buffer.concat([
        Buffer.from(`Subject: =?utf-8?B?${Buffer.from('Заявка № 555042: прайс-лист').toString('base64')}?=\r\nMessage-ID: ${uniqueMessageId()}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
        Buffer.from([0xd4, 0xc9, 0xcf, 0x3a, 0x20, 0xcb, 0xc9, 0xcd, 0xff, 0xfe]),
      ]),
    ],
  ];
  for (const [name, raw] of cases) {
    it(`queues ${name} as broken MIME`, async () => {
      const { decoded, result } = await run(raw);
      expect(decoded.broken).not.toBeNull();
      expect(decoded.messageId).toMatch(/^<.+>$/);
      expect(result).toMatchObject({ matched: false, reason: 'broken_mime' });
    });
  }

  it('gives a message without Message-ID a stable id from its bytes', async () => {
    const raw = buildMail({ subject: 'Заявка № 555050: прайс-лист', text: lead, messageId: null });
    const a = await decodeMail(raw);
    const b = await decodeMail(Buffer.from(raw));
    expect(a.messageId).toMatch(/@no-message-id>$/);
    expect(a.messageId).toBe(b.messageId);
    expect((await decodeMail(buildMail({ subject: 'Заявка № 555051: прайс-лист', text: lead, messageId: null }))).messageId).not.toBe(a.messageId);
  });
});

describe('rules are data', () => {
  it('a new label synonym and a new subject pattern change what is read', async () => {
    const text = 'Моб.: 8 914 111-22-33\nКонтакт: Гусев Иван';
    const raw = buildMail({ subject: 'Лид №555060 с лендинга', text });
    const before = classify(await decodeMail(raw), rules);
    expect(before.matched).toBe(false);
    const changed = rules.map((r) =>
      r.kind === 'lead_price'
        ? { ...r, subjectPatterns: [...r.subjectPatterns, 'лид\\s*№(?<number>\\d+)'], labels: { ...r.labels, phone: [...(r.labels.phone ?? []), 'Моб'], fio: ['Контакт'] } }
        : r,
    );
    const after = classify(await decodeMail(raw), changed);
    expect(after).toMatchObject({ matched: true, kind: 'lead_price', requestNumber: '555060', fields: { phone: '8 914 111-22-33', fio: 'Гусев Иван' } });
  });

  it('skips a disabled rule and an invalid pattern without failing', async () => {
    const raw = buildMail({ subject: 'Заявка № 555070: прайс-лист', text: leadText(randomLead(prng(41), 555070, 'Прайс-лист').spec) });
    const disabled = rules.map((r) => (r.kind === 'lead_price' ? { ...r, enabled: false } : r));
    expect(classify(await decodeMail(raw), disabled)).toMatchObject({ matched: false, reason: 'no_rule' });
    const invalid = rules.map((r) => (r.kind === 'lead_price' ? { ...r, subjectPatterns: ['(unclosed', ...r.subjectPatterns] } : r));
    expect(classify(await decodeMail(raw), invalid)).toMatchObject({ matched: true, kind: 'lead_price' });
  });
});

describe('undeclared charsets', () => {
  for (const charset of ['windows-1251', 'koi8-r'] as const) {
    for (const cte of ['8bit', 'base64', 'quoted-printable'] as const) {
      it(`reads a ${charset} body sent without a charset (${cte})`, async () => {
        const { spec, want } = randomLead(prng(51), 555080, 'Прайс-лист');
        const body = fit(leadText(spec), charset);
        const raw = buildMail({ subject: 'Заявка N 555080: прайс-лист', text: body, charset, cte });
        // Drop the charset parameter, as old mailers do.
        const stripped = Buffer.from(raw.toString('latin1').replace(/; charset="[^"]+"/, ''), 'latin1');
        const { decoded, result } = await run(stripped);
        expect(decoded.broken).toBeNull();
        expect(result).toMatchObject({ matched: true, kind: 'lead_price', requestNumber: '555080' });
        expect(result.fields).toMatchObject(Object.fromEntries(Object.entries(want).map(([f, v]) => [f, fit(v, charset)])));
      });
    }
  }
});
