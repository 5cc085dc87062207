import assert from 'node:assert/strict';
import type { Spec } from '../fixtures/context.ts';
import { chooseOption, taskRows, waitForTaskTable } from '../fixtures/ui.ts';

export const specs: Spec[] = [
  {
    name: 'office: the 2024 list in the official layout, 64 tasks in 11 categories, filters',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      assert.match(page.url(), /\/tasks$/);
      await waitForTaskTable(page);
      assert.equal(await taskRows(page).count(), 64);
      assert.equal(await page.locator('table.official-table th.category-cell').count(), 11);
      await page.getByText('共 64 项任务，11 个类别').waitFor();
      const nav = page.getByRole('navigation', { name: '主导航' });
      for (const item of ['任务清单', '导入向导', '审核队列', '督办', '延期审批', '部门与用户'])
        await nav.getByText(item, { exact: true }).waitFor();

      // A group (安委会各成员单位) is one line; its members expand on demand.
      const row6 = page.locator('tr[data-task-id]').filter({ hasText: '纳入理论学习中心组重要内容' });
      const toggle = row6.getByRole('button', { name: /展开 \d+ 个成员单位/ });
      await toggle.click();
      await row6.getByText(/党群工作部、/).waitFor();
      await screenshot('tasks-office');

      await chooseOption(page, 'filter-department', '应急管理部', true);
      await page.getByText(/筛选出 \d+ 项（共 64 项）/).waitFor();
      const filtered = await taskRows(page).count();
      assert.ok(filtered > 0 && filtered < 64, `department filter left ${filtered} rows`);
      for (const text of await taskRows(page).locator('td:nth-of-type(3)').allInnerTexts())
        assert.ok(text.includes('应急管理部') || text.includes('成员单位'), `row without 应急管理部: ${text}`);
      await page.getByRole('button', { name: '重置筛选' }).click();
      await page.getByText('共 64 项任务，11 个类别').waitFor();

      await chooseOption(page, 'filter-category', '（六）开展重大事故隐患动态清零行动');
      await page.getByText('筛选出 11 项（共 64 项）').waitFor();
      assert.equal(await taskRows(page).count(), 11);
      assert.equal(await page.locator('table.official-table th.category-cell').count(), 1);
      await page.getByRole('button', { name: '重置筛选' }).click();

      // 截至日期 (as of) in 2024: the next due dates appear with their traffic light.
      await page.goto(`${page.url().split('?')[0]}?year=2024&asOf=2024-06-25`);
      await waitForTaskTable(page);
      await page.getByText('下一任务事项 2024-06-30').first().waitFor();
      await page.getByText('即将到期').first().waitFor();
      await screenshot('tasks-office-asof');
    },
  },
  {
    name: 'language switch: English interface, data stays Chinese',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      await waitForTaskTable(page);
      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Task list', level: 1 }).waitFor();
      await page.getByRole('columnheader', { name: 'Departments' }).waitFor();
      await page.getByText('（一）开展安全生产责任大落实行动').first().waitFor();
      await screenshot('tasks-office-en');
      await page.getByText('中文', { exact: true }).click();
      await page.getByRole('heading', { name: '任务清单', level: 1 }).waitFor();
    },
  },
];
