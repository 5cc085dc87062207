import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { Spec } from '../fixtures/context.ts';
import { chooseOption, toast, waitForTaskTable } from '../fixtures/ui.ts';

const DATA_SHEET = '任务清单落实情况';
const FIRST_DATA_ROW = 4;
const FILLED = '已组织开展一季度安全生产大检查，整改隐患12处（回填测试）';

/** 导出 on the 2024 task table: 2024-Q1 (the dialog's default), Excel; returns the saved file's path. */
async function exportQ1(page: Page, dir: string, name: string, screenshot?: () => Promise<void>): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/tasks?year=2024`);
  await waitForTaskTable(page);
  await page.getByRole('button', { name: /导\s*出/ }).click();
  const dialog = page.getByRole('dialog', { name: '导出 2024 年任务清单落实情况' });
  await dialog.getByText('2024年第1季度').waitFor();
  await dialog.getByLabel('Excel (.xlsx)').check();
  await screenshot?.();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('link', { name: /下\s*载/ }).click(),
  ]);
  const path = join(dir, name);
  await download.saveAs(path);
  return path;
}

async function dataRows(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(DATA_SHEET);
  assert.ok(sheet, `no sheet ${DATA_SHEET}`);
  const rows: ExcelJS.Row[] = [];
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (/^\d+$/.test(row.getCell(2).text.trim())) rows.push(row);
  }
  return { workbook, rows };
}

export const specs: Spec[] = [
  {
    name: 'exports, returned sheet and bulletin: office .xlsx for 2024-Q1, a department fills one cell, 通报 published',
    run: async ({ page, loginAs, screenshot }) => {
      const dir = mkdtempSync(join(tmpdir(), 'duban-e2e-export-'));
      try {
        await loginAs('office');
        const officeFile = await exportQ1(page, dir, 'office.xlsx', () => screenshot('export-dialog'));
        assert.equal((await dataRows(officeFile)).rows.length, 64);

        // A department: its own Q1 sheet, one overdue row filled in, checked, then imported.
        await loginAs('department');
        await page.getByRole('link', { name: /回填导入/ }).waitFor();
        const own = await exportQ1(page, dir, 'department.xlsx');
        const { workbook, rows } = await dataRows(own);
        const row = rows.find((r) => r.getCell(6).text.startsWith('⚠ 逾期'));
        assert.ok(row, 'no overdue row in the department’s sheet');
        row.getCell(6).value = `${row.getCell(6).text}\n${FILLED}`;
        const filled = join(dir, 'filled.xlsx');
        await workbook.xlsx.writeFile(filled);

        await page.goto(`${new URL(page.url()).origin}/my-work`);
        await page
          .getByRole('link', { name: /回填导入/ })
          .first()
          .click();
        await page.getByRole('heading', { name: '回填导入', level: 1 }).waitFor();
        await page.locator('input[type=file]').setInputFiles(filled);
        await page.getByRole('button', { name: /预\s*检/ }).click();
        await page.getByText('将报送的工作进展（1）').waitFor();
        await page.getByText(/预检结果（2024年第一季度）/).waitFor();
        // The preview shows the text that will be submitted (报送内容).
        await page.locator('section[aria-labelledby="returned-created"]').getByText(FILLED).waitFor();
        await screenshot('returned-check');
        await page.getByRole('button', { name: '确认导入' }).click();
        await page.getByText('已导入 1 条工作进展（2024年第一季度），等待审核').waitFor();
        await screenshot('returned-done');

        // The office drafts the 2024-Q1 bulletin, edits 表扬, publishes.
        await loginAs('office');
        await page.goto(`${new URL(page.url()).origin}/bulletins`);
        await page.getByRole('heading', { name: '通报', level: 1 }).waitFor();
        await chooseOption(page, 'bulletin-new-year', '2024');
        await page.getByRole('button', { name: '生成草稿' }).click();
        await page.waitForURL(/\/bulletins\/\d+$/);
        const praise = page.getByLabel('二、表扬');
        await praise.fill('应急管理部按时报送一季度工作进展，予以表扬。');
        await page.getByRole('button', { name: /保\s*存/ }).click();
        await toast(page, '通报已保存');
        await screenshot('bulletin-edit');
        await page.getByRole('button', { name: /发\s*布/ }).click();
        await page
          .locator('.ant-popconfirm')
          .getByRole('button', { name: /发\s*布/ })
          .click();
        await toast(page, '通报已发布');
        await page.locator('.page-title').getByText('已发布').waitFor();
        await page.getByText('应急管理部按时报送一季度工作进展，予以表扬。').waitFor();

        // Departments see it published, with its downloads.
        await loginAs('department');
        await page.goto(`${new URL(page.url()).origin}/bulletins`);
        await page
          .getByRole('link', { name: /2024年第一季度/ })
          .first()
          .waitFor();
        await screenshot('bulletins-department');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
