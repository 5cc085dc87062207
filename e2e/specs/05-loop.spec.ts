import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ApiSession } from '../fixtures/api.ts';
import type { Account, E2E, Spec } from '../fixtures/context.ts';
import { chooseOption, openFromMenu, toast } from '../fixtures/ui.ts';

interface InboxItem {
  id: number;
  task: { id: number; no: string; year: number };
  department: { id: number; name: string } | null;
  dueDate: string;
  periodKey: string;
}

const REASON = '请补充检查记录照片和参加人员名单';

async function inbox(api: ApiSession, departmentId: number, year: number): Promise<InboxItem[]> {
  const r = await api.get<{ items: InboxItem[] }>(`/api/inbox?departmentId=${departmentId}&year=${year}&limit=5`);
  assert.ok(r.items.length > 0, `no occurrences of department ${departmentId} in ${year}`);
  return r.items;
}

/**
 * The leader's password is changed by 04-users; set a known one so this file also runs on its own, and keep it in
 * the shared accounts so that later specs sign in as the leader with it.
 */
async function leaderAccount(api: ApiSession, leader: Account): Promise<Account> {
  const users = await api.get<{ users: { id: number; username: string }[] }>('/api/users');
  const row = users.users.find((u) => u.username === leader.username);
  assert.ok(row, 'leader account missing');
  const password = 'Leader-loop-2026';
  await api.post(`/api/users/${row.id}/reset-password`, { password });
  leader.password = password;
  return leader;
}

async function acceptedOnDashboard(page: Page, e2e: E2E, year: number): Promise<number> {
  await page.goto(`${e2e.baseUrl}/dashboard?year=${year}`);
  // The tasks' 已完成 figure (the hazards section below has a green rate too): the link that drills into done duties.
  const value = page.locator('.kpi.kpi-green a.kpi-value[href*="status=done"]');
  await value.waitFor();
  return Number(await value.textContent());
}

const occurrenceCard = (page: Page, id: number) => page.locator(`article[data-occurrence-id="${id}"]`);

export const specs: Spec[] = [
  {
    name: 'the loop: report with a PDF, returned with a reason, edited and resubmitted, accepted, counted on the dashboard',
    run: async (e2e) => {
      const { page, api, accounts, loginAs, screenshot, file, baseUrl } = e2e;
      const departmentId = accounts.department.departmentId ?? 0;
      const [occ] = await inbox(api, departmentId, 2024);
      assert.ok(occ);
      const leader = await leaderAccount(api, accounts.leader);

      await loginAs(leader);
      const before = await acceptedOnDashboard(page, e2e, 2024);

      // The department files its report with a PDF and submits it.
      await loginAs('department');
      assert.match(page.url(), /\/my-work$/);
      await occurrenceCard(page, occ.id).waitFor();
      await occurrenceCard(page, occ.id).getByText('已逾期').waitFor();
      await screenshot('my-work-inbox');
      await occurrenceCard(page, occ.id).locator('a.inbox-card-title').click();
      await page.getByRole('heading', { name: '填报工作进展' }).waitFor();
      await page
        .getByLabel('工作进展', { exact: true })
        .fill('1月召开安委会全体会议，分析安全形势，部署春节期间安全生产工作。');
      await page.locator('#evidence-file').setInputFiles(file('检查记录.pdf'));
      await toast(page, '已上传 1 个文件');
      await page.getByRole('link', { name: /检查记录\.pdf/ }).waitFor();
      // The header names the person and the department, not the login name and role.
      const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).user);
      assert.ok(me.departmentName);
      await page.getByTestId('header-user').filter({ hasText: me.departmentName }).waitFor();
      // Photos show as thumbnails; one chosen by mistake is removed before submission.
      await page.locator('#evidence-file').setInputFiles([file('现场照片.png'), file('误传照片.png')]);
      await toast(page, '已上传 2 个文件');
      await page.getByRole('img', { name: '现场照片.png' }).waitFor();
      await page.getByRole('img', { name: '误传照片.png' }).waitFor();
      await page.getByRole('button', { name: '删除 误传照片.png' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /^删\s*除$/ })
        .click();
      await toast(page, '已删除证明材料');
      await page.getByRole('img', { name: '误传照片.png' }).waitFor({ state: 'detached' });
      const shown = await page.getByRole('img', { name: '现场照片.png' }).evaluate((img) => {
        const i = img as HTMLImageElement;
        return i.complete && i.naturalWidth;
      });
      assert.equal(shown, 240, 'the thumbnail loads the photo through the evidence route');
      await screenshot('occurrence-report-form');
      await page.getByRole('button', { name: '提交审核' }).click();
      await page.getByText('已提交，等待安委办审核。').waitFor();

      const reports = await api.get<{ items: { id: number; status: string }[] }>(`/api/reports?occurrenceId=${occ.id}`);
      const reportId = reports.items[0]?.id;
      assert.equal(reports.items[0]?.status, 'submitted');

      // The office returns it with a reason (two clicks).
      await loginAs('office');
      await openFromMenu(page, '审核队列');
      const card = page.locator(`article[data-report-id="${reportId}"]`);
      await card.getByRole('link', { name: /检查记录\.pdf/ }).waitFor();
      await screenshot('review-queue');
      // The reviewer opens the photo inline (preview), not as a download.
      await card.getByRole('img', { name: '现场照片.png' }).click();
      await page.locator('.ant-image-preview').first().waitFor();
      await screenshot('review-photo-preview');
      await page.keyboard.press('Escape');
      await page.locator('.ant-image-preview').first().waitFor({ state: 'hidden' });
      await card.getByRole('button', { name: /^退回：/ }).click();
      await card.getByLabel('退回原因').fill(REASON);
      await card.getByRole('button', { name: /确认退回/ }).click();
      await toast(page, '已退回');
      await card.waitFor({ state: 'detached' });

      // The department sees the reason, edits, resubmits.
      await loginAs('department');
      const returned = occurrenceCard(page, occ.id);
      await returned.getByText('已退回').first().waitFor();
      await returned.locator('a.inbox-card-title').click();
      await page.getByRole('heading', { name: '修改被退回的工作进展' }).waitFor();
      await page.getByRole('alert').filter({ hasText: REASON }).waitFor();
      await screenshot('occurrence-returned');
      const text = page.getByLabel('工作进展', { exact: true });
      await text.fill(`${await text.inputValue()}已补充会议签到表和现场照片。`);
      await page.getByRole('button', { name: '重新提交' }).click();
      await page.getByText('已提交，等待安委办审核。').waitFor();
      await page.getByText(`退回原因：${REASON}`).waitFor();

      // The office sees the whole history on the occurrence, then accepts from the queue in one click.
      await loginAs('office');
      await page.goto(`${baseUrl}/occurrences/${occ.id}`);
      await page
        .locator('.timeline-item.report-resubmitted')
        .getByRole('button', { name: /^通过：/ })
        .waitFor();
      await page.getByText(`退回原因：${REASON}`).waitFor();
      await screenshot('occurrence-office');
      await openFromMenu(page, '审核队列');
      const again = page.locator(`article[data-report-id="${reportId}"]`);
      await again.getByText('已重新提交').waitFor();
      await again.getByRole('button', { name: /^通过：/ }).click();
      await toast(page, '已通过');
      await again.waitFor({ state: 'detached' });

      // The task detail shows the accepted report with its evidence on the department's timeline.
      await page.goto(`${baseUrl}/tasks/${occ.task.id}?year=2024`);
      const item = page.locator(`li[data-occurrence-id="${occ.id}"]`);
      await item.getByText('已通过').first().waitFor();
      await item.getByRole('link', { name: /检查记录\.pdf/ }).waitFor();
      await screenshot('task-detail');

      // The leader's dashboard counts it.
      await loginAs(leader);
      const after = await acceptedOnDashboard(page, e2e, 2024);
      assert.equal(after, before + 1, `accepted on the dashboard: ${before} → ${after}`);
      await page.locator('[data-chart="chart-heatmap"] canvas').first().waitFor();
      await page.locator('[data-chart="chart-category"] canvas').first().waitFor();
      await screenshot('dashboard');

      // A figure drills down to its tasks: the accepted KPI → the task table filtered by status.
      await page.locator('.kpi.kpi-green a.kpi-value').click();
      await page.waitForURL(/\/tasks\?.*status=done/);
      await page.getByText(/筛选出 1 项/).waitFor();
      await page.locator(`tr[data-task-id="${occ.task.id}"]`).getByText('逾期完成').first().waitFor();
      await screenshot('tasks-drilldown');

      // The heatmap's table (the keyboard's way into the chart): 应急管理部 × the month of that report.
      await page.goBack();
      const heat = page.locator('[data-chart="chart-heatmap"]');
      await heat.getByText('以表格查看').click();
      const month = Number(occ.dueDate.slice(5, 7));
      await heat.getByRole('link', { name: new RegExp(`^应急管理部 2024年${month}月 1/`) }).click();
      await page.waitForURL(/\/tasks\?.*department=\d+.*month=2024-\d\d/);
      const rows = page.locator('table.official-table tbody tr[data-task-id]');
      await rows.first().waitFor();
      assert.ok((await rows.count()) >= 1);
      await page.locator(`tr[data-task-id="${occ.task.id}"]`).waitFor();
    },
  },
  {
    name: '督办 and 延期: a 督办单 answered by the department; an extension asked before the due date and approved',
    run: async (e2e) => {
      const { page, api, accounts, loginAs, screenshot, baseUrl } = e2e;
      const departmentId = accounts.department.departmentId ?? 0;
      const [, occ] = await inbox(api, departmentId, 2024);
      assert.ok(occ);

      // The office records a 督办单 on an overdue occurrence.
      await loginAs('office');
      await openFromMenu(page, '督办');
      await chooseOption(page, 'overdue-department', '应急管理部', true);
      const card = occurrenceCard(page, occ.id);
      await card.getByRole('button', { name: /^记录督办：/ }).click();
      await chooseOption(
        page,
        await card.locator('[role=combobox]').first().getAttribute('id').then(String),
        '3. 督办单',
      );
      await card.getByLabel('回复期限').waitFor();
      await card.getByLabel('内容').fill('第一季度安委会会议纪要逾期未报，请于回复期限前书面说明原因和整改措施。');
      await screenshot('supervision-overdue');
      await card.getByRole('button', { name: /记\s*录/ }).click();
      await toast(page, '已记录：督办单');
      await card.getByText('督办单 · 待回复').waitFor();
      await page.getByText('督办记录', { exact: true }).click();
      await page.locator('.timeline-item').filter({ hasText: '第一季度安委会会议纪要' }).first().waitFor();
      await screenshot('supervision-records');

      // The department answers the 督办单 on the occurrence.
      await loginAs('department');
      await page.goto(`${baseUrl}/occurrences/${occ.id}`);
      await page.getByLabel('书面回复').fill('已于本周召开专题会议补报纪要，并明确专人负责按月报送。');
      await page.getByRole('button', { name: '提交回复' }).click();
      await toast(page, '回复已提交');
      await page.getByText(/部门回复（/).waitFor();

      await loginAs('office');
      await page.goto(`${baseUrl}/supervision?view=notices`);
      await page.locator('.timeline-item').filter({ hasText: '已回复' }).first().waitFor();
      await screenshot('supervision-notices');

      // An extension needs an occurrence that is not due yet: a small list for the coming months.
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const year = Number(today.slice(0, 4)) + (today.slice(5, 7) === '12' ? 1 : 0);
      const csv = `主要内容,序号,工作任务,责任部门,完成时限,工作进展\n（一）开展安全生产责任大落实行动,1,组织开展年度安全生产应急演练并形成总结报告。,应急管理部,${year}年12月31日前,\n`;
      const form = new FormData();
      form.set('year', String(year));
      form.set('file', new Blob([csv], { type: 'text/csv' }), `tasklist-${year}.csv`);
      await api.postForm('/api/tasklists/import/commit', form);
      const [future] = await inbox(api, departmentId, year);
      assert.ok(future);

      await loginAs('department');
      await page.goto(`${baseUrl}/occurrences/${future.id}`);
      await page.getByRole('button', { name: '申请延期' }).click();
      const requested = await page.getByLabel('申请延至').inputValue();
      await page.getByLabel('延期理由').fill('演练需与市级联合演练同步开展，市里安排在次年一月。');
      await page.getByRole('button', { name: '提交申请' }).click();
      await toast(page, '延期申请已提交');
      await page.locator('.timeline-item').filter({ hasText: '待审批' }).waitFor();
      await screenshot('occurrence-extension');

      await loginAs('office');
      await openFromMenu(page, '延期审批');
      const request = page.locator('article[data-extension-id]').filter({ hasText: requested });
      await request.getByText(future.dueDate, { exact: true }).waitFor();
      await screenshot('extensions');
      await request.getByLabel('审批意见（可选）').fill('同意，与市级演练合并开展。');
      await request.getByRole('button', { name: /^批准：/ }).click();
      await toast(page, `已批准，完成时限延至 ${requested}`);

      await loginAs('department');
      await page.goto(`${baseUrl}/my-work?year=${year}`);
      const moved = occurrenceCard(page, future.id);
      await moved.getByText(`到期 ${requested}`).waitFor();
      await moved.getByText(`（原定 ${future.dueDate}）`).waitFor();
    },
  },
  {
    name: 'departments: the registry with 待确认 marks, confirmed by the office',
    run: async ({ page, loginAs, screenshot }) => {
      await loginAs('office');
      await openFromMenu(page, '部门与用户');
      await page.getByText('部门', { exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: '市水务局开发区工作站' });
      await row.getByText('待确认').waitFor();
      await screenshot('departments');
      await row.getByRole('button', { name: /^确认：/ }).click();
      await toast(page, '已确认“市水务局开发区工作站”');
      await row.getByText('已确认').waitFor();
    },
  },
];
