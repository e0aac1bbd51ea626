// E2E: a head scores a chat session from the keyboard and sees it in the report «Операторы чата»; the operator reads their own review.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { QualityPage } from './pages/QualityPage';
import { insertSession } from '../helpers/chat-sessions';

let e: E2E;
let page: Page;
let session: number;

beforeAll(async () => {
  e = await startE2E();
  await e.employee('head', ['head'], 'Руководова Римма');
  const op = await e.employee('oper', ['chat'], 'Операторова Ольга');
  await e.api('quality.categories.save', { name: 'Верно по существу', scale: '1_5', weight: 3, critical: true, position: 1 });
  await e.api('quality.categories.save', { name: 'Ссылки на документы К+', scale: 'yes_no', weight: 1, position: 2 });
  await e.api('quality.categories.save', { name: 'Вежливость', scale: '1_3', weight: 1, position: 3 });
  // The import is another feature's: sessions go straight into the table, this month (the clock starts 27.11.2026).
  session = insertSession(e.core.db, { startAt: '2026-11-20T08:00:00Z', durationSec: 240, employeeId: op, text: 'Клиент: как сдать 6-НДФЛ?\nОператор: ответ со ссылкой' });
  insertSession(e.core.db, { startAt: '2026-11-23T08:00:00Z', durationSec: 120, employeeId: op });
  page = await e.newPage();
});
afterAll(() => e?.close());

it('a head reviews a session from the keyboard and sees the operator’s quality index in the report', async () => {
  await e.login(page, 'head', 'password-123');
  const q = new QualityPage(page);
  await q.openSession(session);
  expect(await page.getByTestId('dialog-text').innerText()).toContain('6-НДФЛ');
  // 4 on 1–5, «N» (not applicable) for links, 3 on 1–3: 3×0.75 + 1×1 = 3.25 of 4 → 81.25.
  await q.typeRatings(['4', 'n', '3']);
  await q.comment('Хорошо, но без ссылки');
  await q.save();
  await expect.poll(() => q.score().innerText()).toBe('81,3 из 100');
  await e.screenshot(page, 'quality-review');

  const table = await q.openOperatorsReport();
  const row = table.getByTestId('operators-row').filter({ hasText: 'Операторова Ольга' });
  // 2 sessions, mean 3:00, median 3:00, index 81.3, 1 review.
  await expect.poll(() => row.innerText()).toMatch(/Операторова Ольга\s+2\s+3:00\s+3:00\s+[\d,]+\s+81,3\s+1/);
  await row.click();
  await page.getByTestId('operators-drilldown').getByTestId('quality-session-row').first().waitFor();
  expect(await page.getByTestId('operators-drilldown').getByTestId('quality-session-row').count()).toBe(2);
  await e.screenshot(page, 'quality-report');
});

it('the operator reads their own review, read-only', async () => {
  const p = await e.newPage();
  await e.login(p, 'oper', 'password-123');
  const q = new QualityPage(p);
  const table = await q.openMyReviews();
  expect(await table.getByTestId('quality-review-row').count()).toBe(1);
  await table.getByTestId('quality-review-row').click();
  await p.getByTestId('dialog-text').waitFor();
  expect(await p.getByTestId('review-save').count()).toBe(0);
  expect(await p.getByTestId('review-comment').inputValue()).toBe('Хорошо, но без ссылки');
});
