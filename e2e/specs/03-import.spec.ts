import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Spec } from '../fixtures/context.ts';
import { chooseOption, taskRows, waitForTaskTable } from '../fixtures/ui.ts';

async function upload(page: Page, file: string, year?: number): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  if (year) await page.getByLabel('清单年度').fill(String(year));
  await page.getByRole('button', { name: '上传并预览' }).click();
  await page.getByText('无法识别的行').waitFor();
}

const next = (page: Page) => page.getByRole('button', { name: '下一步' }).click();

export const specs: Spec[] = [
  {
    name: 'import wizard: the seed list again is recognised as the same list, commit changes nothing',
    run: async ({ page, root, loginAs, screenshot }) => {
      await loginAs('office');
      await page.getByRole('navigation', { name: '主导航' }).getByText('导入向导').click();
      await page.getByRole('heading', { name: '导入任务清单' }).waitFor();
      await screenshot('import-upload');
      await upload(page, join(root, 'apps/server/seed/xinzhou-2024-tasklist.txt'));
      await page.getByText('与已导入的 2024 年清单完全相同').waitFor();
      assert.equal(await page.locator('tr.row-problem').count(), 0);
      await screenshot('import-preview');
      await next(page);
      await page.getByText('所有部门名称都已匹配到部门名录。').waitFor();
      await next(page);
      await page.getByText('完成时限核对', { exact: true }).first().waitFor();
      await screenshot('import-schedule-2024');
      await next(page);
      await page.getByRole('button', { name: '确认导入', exact: true }).click();
      await page.getByText('2024 年任务清单没有变化').waitFor();
      await page.getByText('类别 11 个，任务 64 项').waitFor();
    },
  },
  {
    name: 'import wizard: a broken file shows the problem row in red and the commit is refused with it',
    run: async ({ page, root, file, loginAs }) => {
      await loginAs('office');
      await page.goto(page.url().replace(/\/[^/]*$/, '/import'));
      await upload(page, file('tasklist-2025-broken.csv'), 2025);
      const problemRow = page.locator('tr.row-problem');
      assert.equal(await problemRow.count(), 1);
      await problemRow.getByText('第3行：序号“x”不是数字').waitFor();
      await page.getByRole('alert').filter({ hasText: '有 1 行无法识别' }).waitFor();
      await page.getByRole('button', { name: '下一步' }).click();
      await next(page);
      await next(page);
      await page.getByRole('button', { name: '确认导入', exact: true }).click();
      const refusal = page.getByRole('alert').filter({ hasText: '导入被拒绝' });
      await refusal.waitFor();
      await refusal.getByText(/行号 3：第3行/).waitFor();
      await page.screenshot({ path: join(root, 'e2e/screenshots/import-refused-desktop.png'), fullPage: true });
    },
  },
  {
    name: 'import wizard: a 2025 list with unknown departments and a 汛期前 deadline corrected before commit',
    run: async ({ page, file, loginAs, screenshot }) => {
      await loginAs('office');
      await page.goto(page.url().replace(/\/[^/]*$/, '/import'));
      await upload(page, file('tasklist-2025-small.csv'), 2025);
      await page.getByText('新清单：2025 年尚无任务清单，将新建。').waitFor();

      await next(page);
      await page.getByText('“市水务局开发区工作站”对应的部门').waitFor();
      // 开发区财政局 is the registry's 财政管理运营部; the water bureau station is new. Nothing is created as a new
      // department unless the clerk chooses it: the next step stays disabled until every name is decided.
      assert.equal(await page.getByRole('button', { name: '下一步' }).isDisabled(), true);
      await chooseOption(page, 'dept-map-1', '财政管理运营部', true);
      await chooseOption(page, 'dept-map-0', '新建部门（待确认）', true);
      await screenshot('import-departments');

      await next(page);
      const row = page.locator('tr.row-review').filter({ hasText: '汛期前' });
      await row.getByText('无任务事项').waitFor();
      await row.getByLabel('修正第 1 项的完成时限').fill('2025年5月底前');
      await row.getByRole('button', { name: '重新解析' }).click();
      const fixed = page.locator('tr[data-row-key="1"]');
      await fixed.getByText('2025-05-31').waitFor();
      await fixed.getByText('已修正为“2025年5月底前”').waitFor();
      assert.equal(await page.locator('tr.row-review').count(), 0);
      await screenshot('import-schedule');

      await next(page);
      await page.getByText('部门对应：1 个名称对应到已有部门，1 个将新建').waitFor();
      await page.getByText('修正的完成时限：1 项').waitFor();
      await page.getByRole('button', { name: '确认导入', exact: true }).click();
      await page.getByText('已新建 2025 年任务清单').waitFor();
      await page.getByText('新建部门（待确认）：市水务局开发区工作站').waitFor();
      await screenshot('import-done');

      await page.getByRole('button', { name: '查看任务清单' }).click();
      await waitForTaskTable(page);
      assert.match(page.url(), /year=2025/);
      assert.equal(await taskRows(page).count(), 3);
      const first = taskRows(page).first();
      await first.getByText('2025年5月底前').waitFor();
      await first.getByText('原文：汛期前').waitFor();
      await first.getByText('已修正').waitFor();
      await first.getByText('市水务局开发区工作站').waitFor();
      const second = taskRows(page).nth(1);
      await second.getByText('财政管理运营部').waitFor();
      await screenshot('tasks-2025');
    },
  },
];
