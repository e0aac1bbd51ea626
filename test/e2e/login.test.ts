// E2E: signing in through the server host in Chromium, and a wrong password refused in Russian.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

it('refuses a wrong password with a Russian message, then signs in', async () => {
  const page = await e.newPage();
  await page.goto(e.url);
  await page.getByLabel('Логин').fill('admin');
  await page.getByLabel('Пароль').fill('wrong-password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Неверный логин или пароль');
  await e.login(page);
  expect(await page.getByTestId('user-menu').textContent()).toContain('Админов Админ');
});
