import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCodeCheckChar } from '@duban/shared/credit-code';
import iconv from 'iconv-lite';
import type { Spec } from '../fixtures/context.ts';
import { chooseOption, openFromMenu } from '../fixtures/ui.ts';

const code = (body17: string) => body17 + (creditCodeCheckChar(body17) as string);
const NEW_CODE = code('91140900MA0E20001');

export const specs: Spec[] = [
  {
    name: 'enterprises: the registry lists the demo set; a department sees only what it supervises',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      await openFromMenu(page, '企业名录');
      await page.getByTestId('enterprise-count').filter({ hasText: '共 40 家' }).waitFor();
      await page.getByRole('link', { name: '忻州华晋钢铁有限公司（演示）' }).waitFor();
      await screenshot('enterprises');

      await page.getByRole('link', { name: '忻州华新燃气有限公司（演示）' }).click();
      await page.getByRole('heading', { name: '忻州华新燃气有限公司（演示）', level: 1 }).waitFor();
      await page.getByText('建设环保管理部（行业监管）').waitFor();
      await page.getByText('应急管理部（综合监管）').waitFor();
      await screenshot('enterprise-detail');

      await loginAs('department');
      await openFromMenu(page, '企业名录');
      const count = await page.getByTestId('enterprise-count').textContent();
      // 应急管理部 supervises every demo enterprise (行业监管 or 综合监管), so it sees all 40.
      assert.match(count ?? '', /共 40 家/);
      await page
        .getByRole('button', { name: '登记企业' })
        .count()
        .then((n) => assert.equal(n, 0));
    },
  },
  {
    name: 'enterprises: the office registers one; a wrong credit code is named by position before saving',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      await openFromMenu(page, '企业名录');
      await page.getByRole('button', { name: '登记企业' }).click();
      await page.getByRole('heading', { name: '登记企业', level: 1 }).waitFor();
      await page.getByLabel('企业名称').fill('忻州测试机械有限公司');
      const wrong = NEW_CODE.slice(0, 17) + (NEW_CODE.endsWith('0') ? '1' : '0');
      await page.getByLabel('统一社会信用代码').fill(wrong);
      await page.getByText(`第18位（校验位）应为“${NEW_CODE.charAt(17)}”`).waitFor();
      await chooseOption(page, 'industries', '机械');
      await page.keyboard.press('Escape');
      await chooseOption(page, 'supervisors_0_departmentId', '应急管理部', true);
      await chooseOption(page, 'supervisors_0_role', '行业监管');
      await page.getByLabel('主要负责人').fill('测试甲');
      await screenshot('enterprise-form');
      await page.getByLabel('统一社会信用代码').fill(NEW_CODE);
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByRole('heading', { name: '忻州测试机械有限公司', level: 1 }).waitFor();
      await page.getByText('应急管理部（行业监管）').waitFor();
      await page.getByText(NEW_CODE).waitFor();
    },
  },
  {
    name: 'enterprises: importing a GBK CSV previews every row (problems by row) and then commits',
    run: async ({ page, loginAs, screenshot }) => {
      const dir = mkdtempSync(join(tmpdir(), 'duban-e2e-ent-'));
      const file = join(dir, '企业名录.csv');
      const csv =
        '企业名称,统一社会信用代码,行业类别,所属街道,主要负责人,联系电话,行业监管部门,属地管理部门\n' +
        `导入甲厂,${code('91140900MA0E30001')},冶金,云中街道,赵一,13900000001,应急管理部,建设环保管理部\n` +
        `导入乙厂,${code('91140900MA0E30002').slice(0, 17)}Y,危化,云中街道,钱二,13900000002,应急管理部,\n` +
        `导入丙厂,${code('91140900MA0E30003')},造船,秀容街道,孙三,13900000003,应急管理部,\n` +
        `导入丁厂,${code('91140900MA0E30004')},烟花爆竹,秀容街道,李四,13900000004,应急管理部,\n`;
      writeFileSync(file, iconv.encode(csv, 'gbk'));
      await loginAs('office');
      await page.goto(page.url().replace(/\/[^/]*$/, '/enterprises/import'));
      await page.getByRole('heading', { name: '导入企业名录', level: 1 }).waitFor();
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByText('可导入 2 家：新增 2，更新 0，无变化 0；问题 2 条').waitFor();
      await page.getByRole('cell', { name: /造船/ }).waitFor();
      await screenshot('enterprise-import');
      await page.getByRole('button', { name: /确认导入/ }).click();
      await page.getByText('导入完成：新增 2，更新 0，无变化 0').waitFor();
    },
  },
  {
    name: 'enterprises: the supervision responsibility list, its exports and the public JSON',
    run: async ({ page, baseUrl, api, loginAs, screenshot }) => {
      await loginAs('leader');
      await openFromMenu(page, '监管责任清单');
      await page.getByRole('heading', { name: /安全生产监管责任清单/, level: 1 }).waitFor();
      await page
        .getByTestId('list-meta')
        .filter({ hasText: /共 \d+ 家/ })
        .waitFor();
      await screenshot('supervision-list');
      const xlsx = await page.request.get(`${baseUrl}/api/supervision-list/export?format=xlsx`);
      assert.equal(xlsx.status(), 200);
      const pdf = await page.request.get(`${baseUrl}/api/supervision-list/export?format=pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
      const pub = await fetch(`${baseUrl}/api/public/supervision-list`);
      assert.equal(pub.status, 200);
      const text = await pub.text();
      assert.doesNotMatch(text, /1390350\d{4}/, 'no demo phone numbers in the public list');
      const list = JSON.parse(text) as { total: number; rows: { name: string }[] };
      // 40 demo (2 closed) + 1 registered + 2 imported.
      assert.equal(list.total, 41);
      assert.ok(list.rows.some((r) => r.name === '导入甲厂'));
      const all = await api.get<{ total: number }>('/api/enterprises?limit=1');
      assert.equal(all.total, 43);
    },
  },
];
