/**
 * The import wizard's preview against the list already imported (issue 12): the diff by position, the tasks whose
 * 工作进展 would block the commit, the year's source and warnings. Both databases.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { seedBytes } from './fixtures.ts';
import { multipart } from './multipart.ts';

describeEachDatabase('import preview diff', (get) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
  });

  const upload = (url: string, bytes: Uint8Array, fields: Record<string, string> = {}) =>
    t.as('admin', {
      method: 'POST',
      url,
      ...multipart(fields, [{ field: 'file', filename: 'list.txt', content: bytes, contentType: 'text/plain' }]),
    });

  /** The seed with task `seq`'s deadline changed and the last task left out. */
  function changedSeed(seq: number): Buffer {
    const lines = seedBytes().toString('utf8').split('\n');
    let done = false;
    const out = lines.filter((line) => (line.split('\t')[1] ?? '').trim() !== '64');
    return Buffer.from(
      out
        .map((line) => {
          const cols = line.split('\t');
          if (!done && (cols[1] ?? '').trim() === String(seq)) {
            done = true;
            cols[4] = '2024年6月底前';
            return cols.join('\t');
          }
          return line;
        })
        .join('\n'),
      'utf8',
    );
  }

  it('the seed against itself: nothing added, changed or removed; the year from the title', async () => {
    const res = await upload('/api/tasklists/import/preview', seedBytes());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2024, yearSource: 'title', warnings: [] });
    expect(body.diff).toEqual({ hasList: true, added: [], changed: [], removed: [], blocking: [] });
  });

  it('a year given against the title is kept, with a warning', async () => {
    const body = (await upload('/api/tasklists/import/preview', seedBytes(), { year: '2025' })).json();
    expect(body).toMatchObject({ year: 2025, yearSource: 'option' });
    expect(body.warnings.join('')).toContain('2024');
    expect(body.diff.hasList).toBe(false);
    expect(body.diff.added).toHaveLength(64);
  });

  it('names the changed and removed tasks, and those whose reports block, as the commit then refuses', async () => {
    const occ = await db
      .selectFrom('occurrences as o')
      .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .select(['o.id', 't.seq'])
      .where('a.department_id', '=', t.departmentIds.应急管理部!)
      .where('t.seq', '<', 64)
      .orderBy('t.seq')
      .orderBy('o.due_date')
      .executeTakeFirstOrThrow();
    const before = (await upload('/api/tasklists/import/preview', changedSeed(occ.seq))).json();
    expect(before.diff.changed.map((c: { seq: number; fields: string[] }) => [c.seq, c.fields])).toEqual([
      [occ.seq, ['deadline']],
    ]);
    expect(before.diff.removed.map((r: { seq: number }) => r.seq)).toEqual([64]);
    expect(before.diff.blocking).toEqual([]);

    // The department files 工作进展 on that task (a draft is enough to keep its occurrence).
    const report = await t.as('dept_a', {
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId: occ.id, text: '已部署', workDate: '2024-03-01' },
    });
    expect(report.statusCode, report.body).toBe(201);

    const after = (await upload('/api/tasklists/import/preview', changedSeed(occ.seq))).json();
    expect(after.diff.blocking.map((b: { seq: number; reason: string }) => [b.seq, b.reason])).toEqual([
      [occ.seq, 'changed'],
    ]);
    const commit = await upload('/api/tasklists/import/commit', changedSeed(occ.seq));
    expect(commit.statusCode).toBe(409);
  });

  it('pre-fills a deadline read with doubt, and the pre-filled phrase confirms it in one step', async () => {
    const list = Buffer.from(
      [
        '## 某区2025年安全生产任务清单',
        '序号\t工作任务\t责任部门\t完成时限',
        '1\t开展燃气安全排查\t应急管理部\t原则上6月底前完成',
        '2\t召开安委会会议\t应急管理部\t汛期前',
      ].join('\n'),
      'utf8',
    );
    const body = (await upload('/api/tasklists/import/preview', list)).json();
    expect(body.tasks[0].schedule).toMatchObject({
      needsReview: true,
      readWithDoubt: true,
      suggestedDeadline: '2025年6月30日前',
      occurrences: [{ due: '2025-06-30' }],
    });
    expect(body.tasks[1].schedule).toMatchObject({ needsReview: true, readWithDoubt: false, suggestedDeadline: null });
    const fields = { deadlineOverrides: JSON.stringify({ 1: body.tasks[0].schedule.suggestedDeadline }) };
    const confirmed = (await upload('/api/tasklists/import/preview', list, fields)).json();
    expect(confirmed.tasks[0].schedule).toMatchObject({ needsReview: false, occurrences: [{ due: '2025-06-30' }] });
  });

  it('commits a list without 序号 in row order, with lead and co from one labelled cell', async () => {
    const list = Buffer.from(
      [
        '## 某市2026年安全生产重点任务清单',
        '具体任务\t责任单位\t时间节点',
        '制定责任清单\t牵头单位：应急管理部；配合单位：党群工作部\t2026年4月底前',
        '开展专项排查\t建设环保管理部\t1次/季度',
      ].join('\n'),
      'utf8',
    );
    const commit = await upload('/api/tasklists/import/commit', list);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ status: 'created', year: 2026, counts: { tasks: 2 } });
    const table = (await t.as('admin', { method: 'GET', url: '/api/tasklists/2026/tasks' })).json();
    const tasks = table.categories.flatMap((c: { tasks: unknown[] }) => c.tasks);
    expect(
      tasks.map((x: { no: string; departments: { name: string; role: string }[] }) => [
        x.no,
        x.departments.map((d) => `${d.name} ${d.role}`),
      ]),
    ).toEqual([
      ['1', ['应急管理部 lead', '党群工作部 co']],
      ['2', ['建设环保管理部 lead']],
    ]);
  });
});
