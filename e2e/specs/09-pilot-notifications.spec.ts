import assert from 'node:assert/strict';
import type { Spec } from '../fixtures/context.ts';

// Issue 13 item 2: the department sees what happened — the bell's unread count, the notification list, badges on
// its inbox cards and the 督办 panel at the top of the occurrence. Screenshots at 1366 and 375 px.

interface InboxItem {
  id: number;
  status: string;
  latestReport: { id: number; status: string } | null;
}

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const plusDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export const specs: Spec[] = [
  {
    name: 'a manual 督办单 and a returned report reach the department: bell, list, badges, 督办 panel on top',
    run: async (e2e) => {
      const { page, api, accounts, loginAs, screenshot, baseUrl } = e2e;
      const departmentId = accounts.department.departmentId ?? 0;
      const today = shanghaiToday();
      const inbox = await api.get<{ items: InboxItem[] }>(`/api/inbox?departmentId=${departmentId}&year=2024&limit=50`);
      const open = inbox.items.filter((o) => o.latestReport === null);
      const [noticeOcc, returnOcc] = open;
      assert.ok(noticeOcc && returnOcc, 'two untouched occurrences of the department');

      // The office records a 督办单 by hand on one, and returns a report it filed on the other.
      await api.post(`/api/occurrences/${noticeOcc.id}/supervision`, {
        kind: 'notice',
        note: '开安委办督〔2024〕9号：该事项逾期未报，请书面说明原因。',
        replyBy: plusDays(today, 5),
      });
      const draft = await api.post<{ id: number; version: number }>('/api/reports', {
        occurrenceId: returnOcc.id,
        text: '已开展检查。',
        workDate: today,
      });
      const submitted = await api.post<{ id: number; version: number }>(`/api/reports/${draft.id}/submit`, {
        version: draft.version,
      });
      await api.post(`/api/reports/${draft.id}/return`, {
        reason: '请补充检查企业名单和现场照片',
        version: submitted.version,
      });

      await loginAs('department');
      const bell = page.locator('button.notification-bell');
      await bell.waitFor();
      await page.waitForFunction(() => {
        const b = document.querySelector('button.notification-bell');
        return Number(b?.getAttribute('data-unread') ?? 0) >= 2;
      });
      assert.match((await bell.getAttribute('aria-label')) ?? '', /通知（\d+ 条未读）/);

      // The inbox: badges on the two cards, the role shown.
      await page.goto(`${baseUrl}/my-work?year=2024`);
      const noticeCard = page.locator(`article[data-occurrence-id="${noticeOcc.id}"]`);
      await noticeCard.getByText('督办单待回复').waitFor();
      await noticeCard.getByText('已逾期').waitFor();
      await noticeCard
        .locator('.ant-tag', { hasText: /牵头|配合|督促/ })
        .first()
        .waitFor();
      const returnCard = page.locator(`article[data-occurrence-id="${returnOcc.id}"]`);
      await returnCard.getByText('已退回').first().waitFor();
      await screenshot('pilot-my-work-badges');

      // The list.
      await bell.click();
      await page.waitForURL(/\/notifications$/);
      await page
        .getByRole('heading', { name: /^工作进展被退回：第.+项$/ })
        .first()
        .waitFor();
      await page.locator('.notification-card', { hasText: '督办单' }).first().waitFor();
      await page.locator('.notification-card', { hasText: '请补充检查企业名单和现场照片' }).first().waitFor();
      await screenshot('pilot-notifications');

      // The 督办 notification opens the occurrence with the panel on top, reply form included.
      await page
        .locator('.notification-card', { hasText: '督办单' })
        .first()
        .getByRole('link', { name: /查看任务事项/ })
        .click();
      await page.waitForURL(new RegExp(`/occurrences/${noticeOcc.id}$`));
      const top = page.locator('.occ-sup-top');
      await top.getByText(/份督办单待回复/).waitFor();
      const box = await top.boundingBox();
      const summary = await page.locator('.occ-main > .card').nth(1).boundingBox();
      assert.ok(box && summary && box.y < summary.y, 'the 督办 panel is above the summary card');
      await screenshot('pilot-occurrence-supervision');

      // Mark all read: the bell goes to zero.
      await page.goto(`${baseUrl}/notifications`);
      await page.getByRole('button', { name: '全部标为已读' }).click();
      await page.waitForFunction(
        () => document.querySelector('button.notification-bell')?.getAttribute('data-unread') === '0',
      );
    },
  },
];
