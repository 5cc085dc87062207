import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { seedBytes } from './fixtures.ts';
import { multipart } from './multipart.ts';

const LIST_2025 = Buffer.from(
  [
    '## 某区安全生产治本攻坚三年行动任务清单（2025年）',
    '主要内容\t序号\t工作任务\t责任部门\t完成时限\t工作进展',
    '（一）责任落实\t1\t开展汛期安全检查\t区应急局\t汛期前\t',
    '\t2\t每月召开安委会会议\t应急管理部、建设环保管理部\t每月至少一次\t',
  ].join('\n'),
  'utf8',
);

describeEachDatabase('import wizard API', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  const upload = (
    account: 'admin' | 'staff' | 'dept_a',
    url: string,
    bytes: Uint8Array,
    fields: Record<string, string> = {},
  ) => {
    const body = multipart(fields, [
      { field: 'file', filename: 'list.txt', content: bytes, contentType: 'text/plain' },
    ]);
    return t.as(account, { method: 'POST', url, ...body });
  };

  it('previews the seed already imported as "same", with every schedule expanded', async () => {
    const res = await upload('staff', '/api/tasklists/import/preview', seedBytes());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2024, existing: 'same', problems: [], unknownDepartments: [] });
    expect(body.tasks).toHaveLength(64);
    expect(body.tasks[0].schedule.occurrences.map((o: { due: string }) => o.due)).toEqual([
      '2024-03-31',
      '2024-06-30',
      '2024-09-30',
      '2024-12-31',
    ]);
  });

  it('matches an unknown department with suggestions, and a corrected deadline replaces the parsed one', async () => {
    const preview = await upload('admin', '/api/tasklists/import/preview', LIST_2025);
    const body = preview.json();
    expect(body.existing).toBe('new');
    expect(body.unknownDepartments).toEqual([
      { name: '区应急局', suggestions: expect.arrayContaining([expect.objectContaining({ name: '应急管理部' })]) },
    ]);
    expect(body.tasks[0].schedule).toMatchObject({ needsReview: true, occurrences: [] });

    const emergencyId = t.departmentIds.应急管理部!;
    const fields = {
      departmentMap: JSON.stringify({ 区应急局: emergencyId }),
      deadlineOverrides: JSON.stringify({ '1': '2025年5月底前' }),
    };
    const corrected = await upload('admin', '/api/tasklists/import/preview', LIST_2025, fields);
    expect(corrected.json().unknownDepartments).toEqual([]);
    expect(corrected.json().tasks[0]).toMatchObject({
      deadline: '汛期前',
      deadlineOverride: '2025年5月底前',
      departments: [{ name: '应急管理部', departmentId: emergencyId }],
      schedule: { needsReview: false, occurrences: [{ due: '2025-05-31' }] },
    });

    const commit = await upload('admin', '/api/tasklists/import/commit', LIST_2025, fields);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toMatchObject({ status: 'created', year: 2025, createdDepartments: [] });
    const table = await t.as('admin', { method: 'GET', url: '/api/tasklists/2025/tasks?asOf=2025-01-01' });
    const task1 = table.json().categories[0].tasks[0];
    expect(task1).toMatchObject({ deadline: '汛期前', deadlineOverride: '2025年5月底前', deadlineNeedsReview: false });
    expect(task1.nextDue).toMatchObject({ due: '2025-05-31', department: '应急管理部' });

    // The match is remembered as an alias.
    const again = await upload('admin', '/api/tasklists/import/preview', LIST_2025);
    expect(again.json().unknownDepartments).toEqual([]);
    expect(again.json().existing).toBe('same');
  });

  it('refuses a list with problems as a whole, naming the rows', async () => {
    const bad = Buffer.concat([LIST_2025, Buffer.from('\n\t3\t\t应急管理部\t\t\n', 'utf8')]);
    const preview = await upload('admin', '/api/tasklists/import/preview', bad, { year: '2026' });
    expect(preview.json().problems.length).toBeGreaterThan(0);
    const commit = await upload('admin', '/api/tasklists/import/commit', bad, { year: '2026' });
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('import_has_problems');
    expect(commit.json().error.details[0]).toHaveProperty('row');
    const none = await t.as('admin', { method: 'GET', url: '/api/tasklists/2026/tasks' });
    expect(none.statusCode).toBe(404);
  });

  it('only the office imports; broken JSON fields are a clear 400', async () => {
    expect((await upload('dept_a', '/api/tasklists/import/preview', LIST_2025)).statusCode).toBe(403);
    const broken = await upload('admin', '/api/tasklists/import/preview', LIST_2025, { departmentMap: '{oops' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('departmentMap');
  });
});
