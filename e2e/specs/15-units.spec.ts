import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Account, Spec } from '../fixtures/context.ts';
import { chooseOption } from '../fixtures/ui.ts';

// Issue 16 item 1: org units are tenants. A city leader (account made with the CLI) sees its unit in the header,
// switches to one of its zones and reads it under a read-only banner, then goes back to its own unit; the city's
// administrator makes a zone's first account, which signs in to its zone.

const PASSWORD = 'Units-pass-2026';

function duban(root: string, dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dataDir, 'e2e.db')}`, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
}

export const specs: Spec[] = [
  {
    name: 'units: a city leader switches to a zone, reads it read-only, and goes back',
    run: async ({ root, dataDir, baseUrl, page, loginAs, screenshot }) => {
      duban(root, dataDir, [
        'units',
        'add',
        '--parent',
        '1409',
        '--code',
        '1409-units',
        '--name',
        '单位测试区',
        '--level',
        'zone',
      ]);
      duban(root, dataDir, [
        'users',
        'add',
        'city-leader-e2e',
        '--role',
        'leader',
        '--unit',
        '1409',
        '--password',
        PASSWORD,
      ]);
      const leader: Account = { username: 'city-leader-e2e', password: PASSWORD, role: 'leader' };

      await loginAs(leader);
      const switcher = page.getByTestId('unit-switcher');
      await switcher.getByText('忻州市').waitFor();
      // Options are indented by depth (忻州市, then its zones), so pick by text rather than by the whole label.
      await page.locator('#unit-switcher').click();
      await page.locator('.ant-select-item-option', { hasText: '忻州经济开发区' }).click();
      await page
        .getByTestId('read-only-banner')
        .getByText('正在查看下级单位“忻州经济开发区”的数据（只读，不能修改）')
        .waitFor();
      await page.goto(`${baseUrl}/dashboard`);
      // After a reload the chosen unit stays (its cookie) and the banner with it.
      await page.getByTestId('read-only-banner').waitFor();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await screenshot('units-city-drilled');

      await page.getByRole('button', { name: '返回本单位' }).click();
      await page.getByTestId('read-only-banner').waitFor({ state: 'hidden' });
      await switcher.getByText('忻州市').waitFor();
    },
  },
  {
    name: "units: the city's administrator makes a zone's first account, which signs in to its zone",
    run: async ({ root, dataDir, baseUrl, page, loginAs }) => {
      duban(root, dataDir, [
        'users',
        'add',
        'city-admin-e2e',
        '--role',
        'office_admin',
        '--unit',
        '1409',
        '--password',
        PASSWORD,
      ]);
      await loginAs({ username: 'city-admin-e2e', password: PASSWORD, role: 'office_admin' });
      await page.goto(`${baseUrl}/users`);
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill('units-zone-admin');
      await dialog.getByLabel('姓名').fill('单位测试区安委办');
      await chooseOption(page, 'unitCode', '单位测试区');
      await dialog.getByLabel('初始密码').fill(PASSWORD);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('已创建用户“units-zone-admin”').waitFor();

      await loginAs({ username: 'units-zone-admin', password: PASSWORD, role: 'office_admin' });
      await page.getByTestId('header-unit').getByText('单位测试区').waitFor();
    },
  },
];
