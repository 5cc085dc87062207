import assert from 'node:assert/strict';
import type { Spec } from '../fixtures/context.ts';

const CHANNEL = '安委办钉钉群';
const CHANNEL_URL = 'https://oapi.dingtalk.com/robot/send?access_token=e2e-settings-token';
const LEADER_PASSWORD = 'Leader-settings-2026';

export const specs: Spec[] = [
  {
    name: 'settings: the office opens the settings menu and manages a notification channel',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      await page.getByRole('navigation', { name: '主导航' }).getByText('系统设置').click();
      await page.getByRole('heading', { name: '系统设置', level: 1 }).waitFor();
      for (const entry of ['通知渠道', '提醒与督办策略', '日历订阅', 'API 令牌', '部门名册', '用户']) {
        await page.getByRole('link', { name: entry, exact: true }).waitFor();
      }
      await screenshot('settings');

      await page.getByRole('link', { name: '通知渠道', exact: true }).click();
      await page.getByRole('heading', { name: '通知渠道', level: 1 }).waitFor();
      await page.getByText('还没有通知渠道').waitFor();
      await page.getByRole('button', { name: '新增渠道' }).click();
      const dialog = page.getByRole('dialog', { name: '新增渠道' });
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('请填写渠道名称').waitFor();
      await dialog.getByLabel('名称').fill(CHANNEL);
      await dialog.getByLabel('地址').fill('not a url');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('Webhook 地址应为 http(s) URL').waitFor();
      await dialog.getByLabel('地址').fill(CHANNEL_URL);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('渠道已保存').waitFor();
      const row = page.getByRole('row').filter({ hasText: CHANNEL });
      await row.getByRole('cell', { name: '钉钉机器人', exact: true }).waitFor();
      await row.getByRole('cell', { name: '本单位（安委办）', exact: true }).waitFor();
      // The stored token is never shown back.
      assert.equal(await page.getByRole('table').getByText('e2e-settings-token').count(), 0);
      await row.getByText('access_token=***').waitFor();
      await screenshot('settings-channels');

      await page.getByRole('button', { name: `编辑：${CHANNEL}` }).click();
      const edit = page.getByRole('dialog', { name: '编辑渠道' });
      await edit.getByLabel('名称').fill(`${CHANNEL}（值班）`);
      await edit.getByRole('switch').first().click();
      await edit.getByRole('button', { name: /保\s*存/ }).click();
      await edit.waitFor({ state: 'hidden' });
      const edited = page.getByRole('row').filter({ hasText: `${CHANNEL}（值班）` });
      await edited.getByText('停用', { exact: true }).waitFor();

      await page.getByRole('button', { name: `删除：${CHANNEL}（值班）` }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /删\s*除/ })
        .click();
      await page.getByText(`已删除渠道“${CHANNEL}（值班）”`).waitFor();
      await page.getByText('还没有通知渠道').waitFor();
    },
  },
  {
    name: 'settings: the reminder policy is changed and kept',
    run: async ({ page, baseUrl, loginAs, screenshot }) => {
      await loginAs('office');
      await page.goto(`${baseUrl}/settings/reminders`);
      await page.getByRole('heading', { name: '提醒与督办策略', level: 1 }).waitFor();
      await page.getByText('当前使用默认策略').waitFor();
      const urge = page.getByLabel('逾期后催办（工作日）');
      assert.equal(await urge.inputValue(), '1');
      await urge.fill('2');
      await page.getByLabel('逾期后下发督办单（工作日）').fill('');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('策略已保存').waitFor();
      await page.reload();
      await page.getByRole('heading', { name: '提醒与督办策略', level: 1 }).waitFor();
      await page.getByText(/最后修改：/).waitFor();
      assert.equal(await page.getByLabel('逾期后催办（工作日）').inputValue(), '2');
      assert.equal(await page.getByLabel('逾期后下发督办单（工作日）').inputValue(), '');
      // The order rule of the contract is shown in Chinese: 约谈 must come after 催办.
      await page.getByLabel('逾期后约谈（工作日）').fill('2');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByRole('alert').filter({ hasText: '顺序递增' }).waitFor();
      await page.getByLabel('逾期后约谈（工作日）').fill('15');
      await screenshot('settings-reminders');
    },
  },
  {
    name: 'settings: a calendar feed is created, its link works, and revoking it ends the link',
    run: async ({ page, baseUrl, loginAs, screenshot }) => {
      await loginAs('office');
      await page.goto(`${baseUrl}/settings/feeds`);
      await page.getByRole('heading', { name: '日历订阅', level: 1 }).waitFor();
      await page.getByRole('button', { name: '新建订阅' }).click();
      const dialog = page.getByRole('dialog', { name: '新建订阅' });
      await dialog.getByLabel('名称').fill('我的任务日历');
      await dialog.getByRole('button', { name: /新建订阅/ }).click();
      const url = ((await page.getByTestId('feed-url').textContent()) ?? '').trim();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/.+\.ics$/);
      const fetchStatus = (u: string) =>
        page.evaluate(async (href) => {
          const r = await fetch(href, { credentials: 'omit', cache: 'no-store' });
          return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
        }, u);
      const live = await fetchStatus(url);
      assert.equal(live.status, 200);
      assert.match(live.type, /text\/calendar/);
      assert.match(live.body, /BEGIN:VCALENDAR/);
      await page.getByRole('row').filter({ hasText: '我的任务日历' }).getByText('有效').waitFor();
      await screenshot('settings-feeds');

      await page.getByRole('button', { name: '撤销：我的任务日历' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /撤\s*销/ })
        .click();
      await page.getByText('已撤销“我的任务日历”').waitFor();
      await page.getByRole('row').filter({ hasText: '我的任务日历' }).getByText('已撤销').waitFor();
      assert.equal((await fetchStatus(url)).status, 404);
    },
  },
  {
    name: 'settings: the holiday calendar shows the loaded years with holidays and swapped workdays',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      await page.getByRole('navigation', { name: '主导航' }).getByText('系统设置').click();
      await page.getByRole('link', { name: '节假日安排', exact: true }).click();
      await page.getByRole('heading', { name: '节假日安排', level: 1 }).waitFor();
      for (const year of [2024, 2025, 2026]) await page.getByText(new RegExp(`^${year} 年\\s*内置$`)).waitFor();
      // The newest year is open: its source notice, 春节 and the 调休 workdays.
      await page.getByText('国务院办公厅关于2026年部分节假日安排的通知').waitFor();
      await page.getByText('春节', { exact: true }).waitFor();
      await page.getByText(/^调休上班日：\d{4}-\d{2}-\d{2}/).waitFor();
      await screenshot('settings-holidays');
    },
  },
  {
    name: 'settings: a reset password must be changed at the next sign-in (blocking dialog)',
    run: async ({ page, baseUrl, api, accounts, screenshot }) => {
      const users = await api.get<{ users: { id: number; username: string }[] }>('/api/users');
      const leader = users.users.find((u) => u.username === accounts.leader.username);
      assert.ok(leader, 'leader account missing');
      await api.post(`/api/users/${leader.id}/reset-password`, { password: LEADER_PASSWORD });

      await page.context().clearCookies();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('用户名').fill(accounts.leader.username);
      await page.getByLabel('密码', { exact: true }).fill(LEADER_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const dialog = page.getByRole('dialog', { name: '修改密码' });
      await dialog.getByText('您的密码是系统生成的，请先修改密码再继续使用。').waitFor();
      // No way around it: no cancel button, Escape and the mask keep it open.
      assert.equal(await dialog.getByRole('button', { name: /取\s*消/ }).count(), 0);
      await page.keyboard.press('Escape');
      await page.mouse.click(5, 5);
      await page.waitForTimeout(300);
      assert.ok(await dialog.isVisible());
      await screenshot('settings-password-forced');

      const next = 'Leader-changed-2026';
      await dialog.getByLabel('原密码').fill(LEADER_PASSWORD);
      await dialog.getByLabel('新密码', { exact: true }).fill(next);
      await dialog.getByLabel('确认新密码').fill(next);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { user: unknown });
      assert.equal((me.user as { mustChangePassword: boolean }).mustChangePassword, false);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(500);
      assert.equal(await page.getByRole('dialog', { name: '修改密码' }).count(), 0);
      // Restore the seeded password for any later spec.
      await api.post(`/api/users/${leader.id}/reset-password`, { password: accounts.leader.password });
    },
  },
];
