import assert from 'node:assert/strict';
import type { Spec } from '../fixtures/context.ts';
import { chooseOption } from '../fixtures/ui.ts';

// Issue 13 item 5: the office selects overdue 任务事项 grouped by department and issues one numbered 督办通知 per
// department; the 督办通知 view tracks each item's reply. Screenshots at 1366 and 375 px.

export const specs: Spec[] = [
  {
    name: 'batch 督办: five overdue items of one department → one numbered notice, replies tracked per item',
    run: async (e2e) => {
      const { page, loginAs, screenshot, baseUrl } = e2e;
      await loginAs('office');
      await page.goto(`${baseUrl}/supervision?view=overdue`);
      await page.locator('section.overdue-group').first().waitFor();
      await chooseOption(page, 'overdue-department', '应急管理部', true);
      await page.waitForFunction(() => document.querySelectorAll('section.overdue-group').length === 1);
      const group = page.locator('section.overdue-group', { hasText: '应急管理部' }).first();
      await group.waitFor();
      const boxes = group.locator('article input[type="checkbox"]');
      assert.ok((await boxes.count()) >= 5, 'five overdue items of 应急管理部');
      for (let i = 0; i < 5; i++) await boxes.nth(i).check();
      await page.locator('.batch-bar').getByText('已选 5 项（1 个部门）').waitFor();
      await screenshot('pilot-batch-select');
      await page.getByRole('button', { name: '批量督办' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('内容').fill('请逐项书面说明逾期原因、整改措施和完成时间。');
      await dialog.getByRole('button', { name: /发出/ }).click();
      const issued = page.locator('.batch-issued li').first();
      await issued.waitFor();
      const text = (await issued.textContent()) ?? '';
      assert.match(text, /开安委办督〔\d{4}〕\d+号/);
      assert.match(text, /应急管理部/);
      assert.match(text, /5 项/);
      await screenshot('pilot-batch-issued');

      await page.goto(`${baseUrl}/supervision?view=batches`);
      const card = page.locator('article.batch-card').first();
      await card.waitFor();
      await card.getByText('已回复 0/5').waitFor();
      assert.equal(await card.locator('.batch-items li').count(), 5);
      await card
        .getByText(/^第.+项/)
        .first()
        .waitFor();
      await screenshot('pilot-batches');
    },
  },
];
