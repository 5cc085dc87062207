import assert from 'node:assert/strict';
import type { Spec } from '../fixtures/context.ts';
import { VIEWPORTS } from '../fixtures/context.ts';
import { toast } from '../fixtures/ui.ts';

/** Issue 14 gaps: the 举报受理 switch on the Users page, and the public form's enterprise search without script. */
export const specs: Spec[] = [
  {
    name: 'the office administrator grants and withdraws the whistleblower-handler permission on the Users page',
    run: async (e2e) => {
      const { page, api, baseUrl, loginAs, screenshot } = e2e;
      const users = await api.get<{ users: { id: number; username: string }[] }>('/api/users');
      const me = users.users.find((u) => u.username === e2e.accounts.office.username);
      assert.ok(me);
      const holds = async () =>
        (await api.get<{ userIds: number[] }>('/api/users/report-handlers')).userIds.includes(me.id);
      const before = await holds();

      await loginAs('office');
      await page.goto(`${baseUrl}/users`);
      const toggle = page.getByRole('switch', { name: `举报受理：${me.username}` });
      await toggle.waitFor();
      assert.equal(await toggle.getAttribute('aria-checked'), String(before));
      // a department account cannot hold it: no switch on its row
      assert.equal(
        await page.getByRole('switch', { name: `举报受理：${e2e.accounts.department.username}` }).count(),
        0,
      );

      await toggle.click();
      await toast(page, before ? /已收回/ : /已授予/);
      assert.equal(await holds(), !before);
      await screenshot('users-report-handler');
      await page.setViewportSize(VIEWPORTS.desktop);
      const again = page.getByRole('switch', { name: `举报受理：${me.username}` });
      await again.click();
      await toast(page, before ? /已授予/ : /已收回/);
      assert.equal(await holds(), before);
    },
  },
  {
    name: 'the public report form finds the reported enterprise in the registry without script, on a phone',
    run: async (e2e) => {
      const { page, api, baseUrl } = e2e;
      const list = await api.get<{ enterprises: { name: string }[] }>('/api/enterprises?limit=1');
      const name = list.enterprises[0]?.name;
      assert.ok(name, 'the demo registry has an enterprise');
      await page.context().clearCookies();
      await page.setViewportSize(VIEWPORTS.phone);
      await page.goto(`${baseUrl}/public/report`);
      await page.getByLabel('查找被举报单位（企业名录，可选）').fill(name.slice(0, 4));
      await page.getByRole('button', { name: '查找' }).click();
      await page.locator('#enterprise-found').waitFor();
      assert.ok(((await page.locator('#enterprise-found').textContent()) ?? '').includes(name));
      assert.equal(await page.locator(`#enterprise-names option[value="${name}"]`).count(), 1);
      assert.equal(await page.locator('#enterpriseName').getAttribute('list'), 'enterprise-names');
      await page.screenshot({
        path: `${e2e.root}/e2e/screenshots/public-report-enterprise-search-phone.png`,
        fullPage: true,
      });
      // free text is still accepted in the field
      await page.locator('#enterpriseName').fill('名录外的小作坊');
      assert.equal(await page.locator('#enterpriseName').inputValue(), '名录外的小作坊');
      await page.setViewportSize(VIEWPORTS.desktop);
    },
  },
];
