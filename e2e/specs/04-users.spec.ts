import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Spec } from '../fixtures/context.ts';
import { chooseOption, taskRows, waitForTaskTable } from '../fixtures/ui.ts';

const NEW_USER = { username: 'jsh-dept', displayName: '建设环保管理部 张工', password: 'Jianshe-2025-pass' };

export const specs: Spec[] = [
  {
    name: 'users: the office creates a department user and resets a password',
    run: async ({ page, root, loginAs, screenshot }) => {
      await loginAs('office');
      await page.getByRole('navigation', { name: '主导航' }).getByText('部门与用户').click();
      await page.getByRole('heading', { name: '部门与用户', level: 1 }).waitFor();
      await page.getByRole('cell', { name: 'leader-e2e', exact: true }).waitFor();
      await screenshot('users');

      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill(NEW_USER.username);
      await dialog.getByLabel('姓名').fill(NEW_USER.displayName);
      await chooseOption(page, 'departmentId', '建设环保管理部', true);
      await dialog.getByLabel('初始密码').fill('short');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('密码至少 10 位').waitFor();
      await dialog.getByLabel('初始密码').fill(NEW_USER.password);
      await page.screenshot({ path: join(root, 'e2e/screenshots/users-create-desktop.png') });
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText(`已创建用户“${NEW_USER.username}”`).waitFor();
      const row = page.getByRole('row').filter({ hasText: NEW_USER.username });
      await row.getByRole('cell', { name: '建设环保管理部', exact: true }).waitFor();

      await page.getByRole('button', { name: '重置密码：leader-e2e' }).click();
      const reset = page.getByRole('dialog', { name: '重置“leader-e2e”的密码' });
      await reset.getByLabel('新密码').fill('Leader-pass-2026');
      await reset.getByRole('button', { name: /重置密码/ }).click();
      await page.getByText('已重置“leader-e2e”的密码').waitFor();
    },
  },
  {
    name: 'users: the new department user signs in and sees only its own tasks',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs({ ...NEW_USER, role: 'department' });
      assert.match(page.url(), /\/my-work$/);
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByText('我的工作', { exact: true }).waitFor();
      await nav.getByText('任务清单', { exact: true }).waitFor();
      assert.equal(await nav.getByText('导入向导').count(), 0);
      await page.getByText('所属部门：建设环保管理部').waitFor();
      await screenshot('my-work');

      await nav.getByText('任务清单', { exact: true }).click();
      await waitForTaskTable(page);
      // The newest list is 2025 (3 tasks, one of them for 建设环保管理部); then 2024.
      await chooseOption(page, 'filter-year', '2024');
      await waitForTaskTable(page);
      // The 2024 rows replace the 2025 ones asynchronously: wait for a 2024-only task before counting.
      await taskRows(page).first().waitFor();
      await page.waitForFunction(
        () => document.querySelectorAll('table.official-table tbody tr[data-task-id]').length > 3,
      );
      const count = await taskRows(page).count();
      assert.ok(count > 0 && count < 64, `the department sees ${count} of 64 tasks`);
      for (const text of await taskRows(page).locator('td:nth-of-type(3)').allInnerTexts())
        assert.ok(
          text.includes('建设环保管理部') || text.includes('成员单位'),
          `a task of another department: ${text}`,
        );
      await screenshot('tasks-department');

      await page.goto(page.url().replace(/\/tasks.*$/, '/import'));
      await page.getByText('没有权限访问此页面').waitFor();
    },
  },
  {
    name: 'account: change password, sign out, sign in with the new one; the leader lands on the dashboard',
    run: async ({ page, loginAs, accounts, screenshot }) => {
      await loginAs({ ...NEW_USER, role: 'department' });
      await page.getByRole('button', { name: '账号菜单' }).click();
      await page.getByRole('menuitem', { name: '修改密码' }).click();
      const dialog = page.getByRole('dialog', { name: '修改密码' });
      await dialog.getByLabel('原密码').fill(NEW_USER.password);
      await dialog.getByLabel('新密码', { exact: true }).fill('Jianshe-2026-pass');
      await dialog.getByLabel('确认新密码').fill('Jianshe-2026-pass');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('密码已修改').waitFor();
      await page.getByRole('button', { name: '账号菜单' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);
      await loginAs({ ...NEW_USER, password: 'Jianshe-2026-pass', role: 'department' });

      await loginAs({ ...accounts.leader, password: 'Leader-pass-2026' });
      // The office reset the leader's password above: later specs sign in as the leader with the new one.
      accounts.leader.password = 'Leader-pass-2026';
      assert.match(page.url(), /\/dashboard$/);
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByText('领导看板', { exact: true }).waitFor();
      await nav.getByText('任务清单', { exact: true }).waitFor();
      assert.equal(await nav.getByText('部门与用户').count(), 0);
      await screenshot('leader-dashboard');
    },
  },
];
