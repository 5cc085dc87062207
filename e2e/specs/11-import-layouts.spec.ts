import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { Spec } from '../fixtures/context.ts';

async function upload(page: Page, file: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '上传并预览' }).click();
  await page.getByText('无法识别的行').waitFor({ timeout: 60_000 });
}

/** Another region's layout: no 序号, 具体任务 | 牵头单位 | 配合单位 | 时间节点, one deadline read with doubt. */
async function otherRegionXlsx(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('清单');
  sheet.addRow(['某市2026年安全生产治本攻坚重点任务清单']);
  sheet.addRow(['具体任务', '牵头单位', '配合单位', '时间节点']);
  sheet.addRow(['一、压实安全生产责任']);
  sheet.addRow(['制定安全生产责任清单', '应急管理部', '党群工作部', '在2026年4月底前报区安委办备案']);
  sheet.addRow(['开展重大事故隐患专项排查', '建设环保管理部', '应急管理部', '1次/月']);
  sheet.addRow(['组织消防安全培训', '应急管理部', '', '原则上6月底前完成']);
  const path = join(dir, 'other-region-2026.xlsx');
  writeFileSync(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return path;
}

export const specs: Spec[] = [
  {
    name: 'import wizard: another region’s .xlsx without 序号 — year from the title, a doubtful deadline pre-filled and confirmed in one click',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      await page.goto(page.url().replace(/\/[^/]*$/, '/import'));
      const dir = mkdtempSync(join(tmpdir(), 'duban-e2e-import-'));
      await upload(page, await otherRegionXlsx(dir));
      await page.getByTestId('year-source').getByText('年度取自标题').waitFor();
      await page.getByText('新清单：2026 年尚无任务清单，将新建。').waitFor();
      assert.equal(await page.getByTestId('import-diff').count(), 0);
      await page.getByText('已读出日期，请确认').first().waitFor();
      assert.equal(await page.locator('tr.row-problem').count(), 0);
      await screenshot('import-other-region-preview');

      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      const row = page.locator('tr[data-row-key="3"]');
      await row.getByText('2026-06-30').waitFor();
      const field = row.getByLabel('修正第 3 项的完成时限');
      assert.equal(await field.inputValue(), '2026年6月30日前');
      await row.getByText('已按读出的日期预填').waitFor();
      await screenshot('import-other-region-prefilled');
      await row.getByRole('button', { name: '重新解析' }).click();
      await row.getByText('已修正为“2026年6月30日前”').waitFor();
      assert.equal(await row.getByText('已读出日期，请确认').count(), 0);
      await screenshot('import-other-region-confirmed');
    },
  },
  {
    name: 'import wizard: a changed seed shows the diff against the imported 2024 list before anything is written',
    run: async ({ page, root, loginAs }) => {
      await loginAs('office');
      await page.goto(page.url().replace(/\/[^/]*$/, '/import'));
      const seed = readFileSync(join(root, 'apps/server/seed/xinzhou-2024-tasklist.txt'), 'utf8');
      let changed = false;
      const lines = seed
        .split('\n')
        .filter((line) => (line.split('\t')[1] ?? '').trim() !== '64')
        .map((line) => {
          const cols = line.split('\t');
          if (!changed && (cols[1] ?? '').trim() === '2') {
            changed = true;
            cols[4] = '2024年9月底前';
            return cols.join('\t');
          }
          return line;
        });
      const dir = mkdtempSync(join(tmpdir(), 'duban-e2e-import-'));
      const path = join(dir, 'xinzhou-2024-changed.txt');
      writeFileSync(path, lines.join('\n'));
      await upload(page, path);
      const diff = page.getByTestId('import-diff');
      await diff.getByText('与已导入的 2024 年清单对比').waitFor();
      await diff.getByText('新增 0 项，变更 1 项，删除 1 项').waitFor();
      await diff.getByText('变更 1', { exact: true }).click();
      await diff.getByText('原为：每年4月底前，长期坚持').waitFor();
      // The element only: a full-page shot of the 63-row preview times out on a loaded machine.
      await diff.screenshot({ path: join(root, 'e2e/screenshots/import-diff-desktop.png'), timeout: 60_000 });
    },
  },
];
