import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Spec } from '../fixtures/context.ts';
import { VIEWPORTS } from '../fixtures/context.ts';
import { toast } from '../fixtures/ui.ts';

/** Script in every public field: if any of it ran, window.__xss is set or a dialog opens. */
const XSS = `<script>window.__xss='script'</script><img src=x onerror="window.__xss='img'">`;
const NAME = '王举报';
const PHONE = '13800001111';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF e2e photo')]);

async function noScriptRan(page: Page, where: string): Promise<void> {
  const flag = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss);
  assert.equal(flag, undefined, `${where}: injected script ran (${flag})`);
}

async function answerChallenge(page: Page): Promise<void> {
  const label = (await page.locator('label[for=challengeAnswer]').textContent()) ?? '';
  const m = /(\d+) \+ (\d+)/.exec(label);
  assert.ok(m, `no challenge in "${label}"`);
  await page.locator('#challengeAnswer').fill(String(Number(m[1]) + Number(m[2])));
}

export const specs: Spec[] = [
  {
    name: 'public report → lookup → handling → reward at phone width, no injected script runs',
    run: async (e2e) => {
      const { page, api, baseUrl, screenshot, loginAs } = e2e;
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      // The office administrator holds the whistleblower-handler permission.
      const users = await api.get<{ users: { id: number; username: string }[] }>('/api/users');
      const admin = users.users.find((u) => u.username === e2e.accounts.office.username);
      assert.ok(admin);
      await api.put(`/api/users/${admin.id}/report-handler`, { canHandleReports: true });
      // A knowledge article with script in title and body.
      const article = await api.post<{ slug: string }>('/api/articles', {
        title: `有限空间作业安全须知${XSS}`,
        bodyHtml: `<h2>先通风、再检测、后作业</h2><p>严禁盲目施救。</p>${XSS}<a href="javascript:window.__xss='href'">点我</a>`,
        published: true,
      });

      await page.context().clearCookies();
      await page.setViewportSize(VIEWPORTS.phone);
      await page.goto(`${baseUrl}/public`);
      await page.getByRole('heading', { name: '安全生产监管责任清单' }).waitFor();
      await noScriptRan(page, '/public');
      await screenshot('public-home');

      await page.goto(`${baseUrl}/public/articles/${article.slug}`);
      await page.getByRole('heading', { name: '先通风、再检测、后作业' }).waitFor();
      await page
        .getByText('点我')
        .click()
        .catch(() => undefined);
      await noScriptRan(page, 'article');
      await screenshot('public-article');

      // The report form, filled on a phone, with script in every text field.
      await page.setViewportSize(VIEWPORTS.phone);
      await page.goto(`${baseUrl}/public/report`);
      await page.locator('#category').selectOption('major_hazard');
      await page.locator('#enterpriseName').fill(`示例化工${XSS}`);
      await page.locator('#place').fill(`三号仓库${XSS}`);
      await page.locator('#description').fill(`消防通道被堵塞，危险化学品露天堆放。${XSS}`);
      await page.getByLabel('实名举报').check();
      await page.locator('#name').fill(NAME);
      await page.locator('#contact').fill(PHONE);
      await page.locator('#files').setInputFiles([{ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: JPEG }]);
      await answerChallenge(page);
      await page.getByLabel(/我已阅读举报须知/).check();
      await screenshot('public-report-form');
      await page.getByRole('button', { name: '提交举报' }).click();
      await page.locator('#receipt-code').waitFor();
      const code = (await page.locator('#receipt-code').textContent()) ?? '';
      const password = (await page.locator('#receipt-password').textContent()) ?? '';
      assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);
      await noScriptRan(page, 'receipt');
      await screenshot('public-receipt');

      const lookup = async () => {
        await page.goto(`${baseUrl}/public/lookup`);
        await page.locator('#receiptCode').fill(code.toLowerCase());
        await page.locator('#lpassword').fill(password);
        await page.getByRole('button', { name: '查询' }).click();
        await page.locator('#lookup-status').waitFor();
        await noScriptRan(page, 'lookup');
      };
      await lookup();
      assert.equal(await page.locator('#lookup-status').textContent(), '已收到，待受理');
      await screenshot('public-lookup-received');

      // The office handles it: accept, open the identity (audited), conclude 查实 with a reply, propose a reward.
      await page.setViewportSize(VIEWPORTS.desktop);
      await loginAs('office');
      await page.goto(`${baseUrl}/whistle`);
      const card = page.locator('article[data-whistle-id]').filter({ hasText: '示例化工' }).first();
      await card.waitFor();
      await card.getByRole('button', { name: /详\s*情/ }).click();
      await card
        .getByRole('button', { name: '受 理' })
        .or(card.getByRole('button', { name: '受理' }))
        .first()
        .click();
      await toast(page, '已保存');
      await card.getByRole('button', { name: '查看举报人身份' }).click();
      await card.getByTestId('identity').waitFor();
      assert.match((await card.getByTestId('identity').textContent()) ?? '', new RegExp(`${NAME}.*${PHONE}`));
      await noScriptRan(page, 'office queue');
      await card.getByLabel('理由', { exact: true }).fill('经现场核查属实，已责令停产整改并立案。');
      await card.getByLabel('给举报人的答复（回执页可见）').first().fill(`经核查属实，已依法处理。${XSS}`);
      await card.getByRole('button', { name: /办\s*结/ }).click();
      await toast(page, '已保存');
      await page
        .getByRole('button', { name: '全部' })
        .or(page.getByText('全部', { exact: true }))
        .first()
        .click();
      const done = page.locator('article[data-whistle-id]').filter({ hasText: '示例化工' }).first();
      await done.getByRole('button', { name: /详\s*情/ }).click();
      await done.getByLabel('罚款金额（元）').fill('100000');
      await done.getByRole('button', { name: '提出奖励' }).click();
      await toast(page, '已保存');
      await noScriptRan(page, 'office detail');
      await screenshot('whistle-handling');

      await page.goto(`${baseUrl}/rewards`);
      await page.getByRole('button', { name: /批\s*准/ }).click();
      await toast(page, '已保存');
      await page.getByText('已批准，待领取').waitFor();
      await screenshot('whistle-rewards');

      // Back on the phone: the reporter sees the conclusion, the reply (as text) and the reward, and claims it.
      await page.context().clearCookies();
      await page.setViewportSize(VIEWPORTS.phone);
      await lookup();
      assert.equal(await page.locator('#lookup-status').textContent(), '已办结');
      assert.ok(
        ((await page.locator('#lookup-reply').textContent()) ?? '').includes("<script>window.__xss='script'</script>"),
      );
      assert.equal(await page.locator('#lookup-reward').textContent(), '15000 元');
      await page.locator('#cpassword').fill(password);
      await page.locator('#payee').fill('银行卡 6222 0000 1111 2222');
      await screenshot('public-lookup-reward');
      await page.getByRole('button', { name: '申领奖励' }).click();
      await page.getByText('已申领，待发放').waitFor();
      await noScriptRan(page, 'claim');
      await screenshot('public-claimed');
      assert.deepEqual(dialogs, []);

      // The portal never shows the reporter.
      await page.goto(`${baseUrl}/public`);
      const portal = (await page.content()) ?? '';
      assert.ok(!portal.includes(NAME) && !portal.includes(PHONE));
    },
  },
];
