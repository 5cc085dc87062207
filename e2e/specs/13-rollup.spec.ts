import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ApiSession, departmentId } from '../fixtures/api.ts';
import type { Account, Spec } from '../fixtures/context.ts';

// Issue 16: a zone reports upward (直报) and its city reviews it among its zones (下级单位); a city's own list is
// distributed to a zone, which reports on its duty upward (上级任务). Accounts and units come from the CLI.

const PASSWORD = 'Rollup-pass-2026';

function duban(root: string, dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dataDir, 'e2e.db')}`, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
}

const account = (username: string): Account => ({ username, password: PASSWORD, role: 'office_admin' });

export const specs: Spec[] = [
  {
    name: 'rollup: the zone submits its period report, the city returns it, the zone resubmits, the city accepts',
    run: async ({ root, dataDir, baseUrl, page, loginAs, screenshot }) => {
      // A second zone under 忻州市 (it will not report) and the city's office account.
      duban(root, dataDir, [
        'units',
        'add',
        '--parent',
        '1409',
        '--code',
        '1409-e2e',
        '--name',
        '测试县',
        '--level',
        'zone',
      ]);
      duban(root, dataDir, [
        'users',
        'add',
        'city-e2e',
        '--role',
        'office_admin',
        '--unit',
        '1409',
        '--password',
        PASSWORD,
      ]);

      await loginAs('office');
      await page.goto(`${baseUrl}/rollup/submit?year=2024&period=2024-Q2`);
      await page.getByRole('heading', { name: '上报', level: 1 }).waitFor();
      // A zone without child units has no 下级单位 in its menu (上报 is there).
      await page.getByRole('menuitem', { name: '上报' }).waitFor();
      assert.equal(await page.getByRole('menuitem', { name: '下级单位' }).count(), 0);
      await page.getByLabel('报送说明（可选）').fill('二季度工作总结');
      await page.getByRole('button', { name: '报送上级' }).click();
      await page.getByText('已报送（第 1 次）').waitFor();
      await page.getByText('本期报告已报送，等待上级审核。').waitFor();
      await screenshot('rollup-submit');

      await loginAs(account('city-e2e'));
      // The city has no list of its own yet: its dashboard says to import one and points to 下级单位.
      await page.goto(`${baseUrl}/dashboard`);
      await page.getByText('忻州市（本级）还没有导入任务清单', { exact: false }).waitFor();
      await page.getByRole('menuitem', { name: '下级单位' }).waitFor();
      await page.goto(`${baseUrl}/rollup?year=2024&period=2024-Q2`);
      await page.getByRole('heading', { name: '下级单位', level: 1 }).waitFor();
      const overview = page.locator('.ant-table').first();
      const zoneRow = overview.getByRole('row').filter({ hasText: '忻州经济开发区' });
      await zoneRow.getByText('已报送').waitFor();
      await overview.getByRole('row').filter({ hasText: '测试县' }).getByText('未报送').waitFor();
      await page.locator('canvas').first().waitFor();
      await screenshot('rollup-overview');

      const review = page.locator('.ant-card').filter({ hasText: '直报审核' });
      await review.getByRole('button', { name: /退\s*回/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('退回原因/说明').fill('隐患数据与台账不符，请核实');
      await dialog.getByRole('button', { name: /退\s*回/ }).click();
      await page.getByText('已退回', { exact: true }).first().waitFor();

      await loginAs('office');
      await page.goto(`${baseUrl}/rollup/submit?year=2024&period=2024-Q2`);
      await page.getByText('上级退回了本期报告：隐患数据与台账不符，请核实').waitFor();
      await page.getByRole('button', { name: '报送上级' }).click();
      await page.getByText('已报送（第 2 次）').waitFor();

      await loginAs(account('city-e2e'));
      await page.goto(`${baseUrl}/rollup?year=2024&period=2024-Q2`);
      const again = page.locator('.ant-card').filter({ hasText: '直报审核' });
      await again.getByRole('button', { name: /通\s*过/ }).click();
      await page
        .locator('.ant-table')
        .first()
        .getByRole('row')
        .filter({ hasText: '忻州经济开发区' })
        .getByText('已通过')
        .waitFor();
      // Both versions stay: the accepted second and the returned first with its reason.
      await again.getByText('第 2 次').waitFor();
      await again.getByText('隐患数据与台账不符，请核实').waitFor();
      await screenshot('rollup-review');

      // Drill down to the zone's own dashboard, read-only.
      await page
        .locator('.ant-table')
        .first()
        .getByRole('row')
        .filter({ hasText: '忻州经济开发区' })
        .getByRole('link', { name: '查看看板' })
        .click();
      await page.getByRole('heading', { name: '忻州经济开发区督办看板', level: 1 }).waitFor();
      await page.getByText('下级单位的数据只能查看，不能修改。').waitFor();
      await screenshot('rollup-unit-dashboard');
    },
  },
  {
    name: 'rollup: a city imports its own list, makes a zone responsible, the zone distributes and reports upward',
    run: async ({ root, dataDir, baseUrl, page, loginAs, screenshot }) => {
      duban(root, dataDir, ['units', 'add', '--parent', '14', '--code', '1498', '--name', '测试市', '--level', 'city']);
      duban(root, dataDir, [
        'units',
        'add',
        '--parent',
        '1498',
        '--code',
        '1498-01',
        '--name',
        '测试开发区',
        '--level',
        'zone',
      ]);
      duban(root, dataDir, [
        'users',
        'add',
        'city2-e2e',
        '--role',
        'office_admin',
        '--unit',
        '1498',
        '--password',
        PASSWORD,
      ]);
      duban(root, dataDir, [
        'users',
        'add',
        'zone2-e2e',
        '--role',
        'office_admin',
        '--unit',
        '1498-01',
        '--password',
        PASSWORD,
      ]);
      const seed = join(root, 'apps/server/seed/xinzhou-2024-tasklist.txt');
      const importSeed = async (api: ApiSession) => {
        const { readFileSync } = await import('node:fs');
        const form = new FormData();
        form.set('year', '2024');
        form.set('file', new Blob([readFileSync(seed)]), 'xinzhou-2024-tasklist.txt');
        await api.postForm('/api/tasklists/import/commit', form);
      };
      // Both sign in once through the page first (a CLI password may have to be changed), then seed by API.
      await loginAs(account('city2-e2e'));
      await loginAs(account('zone2-e2e'));
      const city = await ApiSession.login(baseUrl, 'city2-e2e', PASSWORD);
      const zone = await ApiSession.login(baseUrl, 'zone2-e2e', PASSWORD);
      await importSeed(city);
      await importSeed(zone);
      const links = await city.get<{ children: { id: number; name: string }[] }>('/api/rollup/zones');
      const child = links.children.find((c) => c.name === '测试开发区');
      assert.ok(child);
      await city.post('/api/rollup/zones', {
        departmentId: await departmentId(city, 2024, '应急管理部'),
        zoneUnitId: child.id,
      });

      await loginAs(account('zone2-e2e'));
      await page.goto(`${baseUrl}/rollup/upper?year=2024`);
      await page.getByRole('heading', { name: '上级任务', level: 1 }).waitFor();
      await page.getByText(/测试市任务清单中由本单位承担的事项共 \d+ 项/).waitFor();
      // The first duty (antd puts a hidden measuring row first in a scrolling table: find rows by content).
      const duties = await zone.get<{ items: { taskText: string }[] }>('/api/rollup/upper-duties?year=2024');
      const firstText = duties.items[0]?.taskText ?? '';
      assert.ok(firstText);
      const first = page
        .getByRole('row')
        .filter({ hasText: firstText.slice(0, 20) })
        .first();
      await first.getByRole('button', { name: /分\s*解/ }).click();
      const link = page.getByRole('dialog', { name: '分解到本单位任务' });
      await link.getByLabel('本单位任务').click();
      await page.locator('.ant-select-item-option').first().click();
      await link.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('已分解').first().waitFor();
      await first.getByRole('button', { name: /上\s*报/ }).click();
      const report = page.getByRole('dialog', { name: '向上级报送工作进展' });
      await report.getByLabel('工作进展').fill('开发区已完成本期安全生产检查，发现问题均已整改。');
      await report.getByRole('button', { name: /上\s*报/ }).click();
      await page.getByText('已上报', { exact: true }).first().waitFor();
      await screenshot('rollup-upper-duties');

      // The city reviews the zone's report like any report.
      const queue = await city.get<{ items?: unknown[]; reports?: unknown[] }>('/api/reports');
      assert.ok(JSON.stringify(queue).includes('开发区已完成本期安全生产检查'));
    },
  },
];
