import assert from 'node:assert/strict';
import type { Spec } from '../fixtures/context.ts';

export const specs: Spec[] = [
  {
    name: 'login page: labelled form, Chinese error from the server, language switch persisted',
    run: async ({ page, baseUrl, screenshot }) => {
      await page.context().clearCookies();
      await page.goto(`${baseUrl}/tasks`);
      await page.waitForURL(/\/login\?next=%2Ftasks/);
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      await page.getByRole('heading', { name: '登录' }).waitFor();
      await screenshot('login');

      await page.getByLabel('用户名').fill('nobody');
      await page.getByLabel('密码', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
      await alert.waitFor();

      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByText('中文', { exact: true }).click();
      await page.getByRole('heading', { name: '登录' }).waitFor();
    },
  },
];
