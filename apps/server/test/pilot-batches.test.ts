import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

// Issue 13 item 5: 督办 by department in batches — one numbered document per department, replies per item.
describeEachDatabase('督办/催办 in batches', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  let deptB: number;
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部 ?? 0;
    deptB = t.departmentIds.建设环保管理部 ?? 0;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const overdue = async (departmentId: number, n: number) =>
    (
      await db
        .selectFrom('occurrences')
        .select('id')
        .where('department_id', '=', departmentId)
        .where('due_date', '<', today)
        .where('report_state', '=', 'none')
        .orderBy('due_date')
        .orderBy('id')
        .limit(n)
        .execute()
    ).map((o) => o.id);

  it('one notice per department with the next 文号, five items tracked reply by reply, printable', async () => {
    const a = await overdue(deptA, 5);
    const b = await overdue(deptB, 2);
    expect(a).toHaveLength(5);
    const issued = await t.as('admin', {
      method: 'POST',
      url: '/api/supervision/batches',
      payload: {
        kind: 'notice',
        occurrenceIds: [...a, ...b],
        note: '请逐项说明逾期原因和整改措施。',
        replyBy: addDays(today, 5),
      },
    });
    expect(issued.statusCode).toBe(201);
    const batches = issued.json().batches as {
      id: number;
      docNo: string;
      department: { id: number; name: string };
      items: { actionId: number; occurrenceId: number; version: number; reply: unknown }[];
      replied: number;
    }[];
    expect(batches).toHaveLength(2);
    const [forA, forB] = batches;
    expect(forA?.department).toEqual({ id: deptA, name: '应急管理部' });
    expect(forA?.docNo).toBe(`开安委办督〔${year}〕1号`);
    expect(forB?.docNo).toBe(`开安委办督〔${year}〕2号`);
    expect(forA?.items.map((i) => i.occurrenceId).sort()).toEqual([...a].sort());
    expect(forA?.replied).toBe(0);
    // Each item is its own 督办 record in the batch, notified to the department.
    const records = await db
      .selectFrom('supervision_actions')
      .select(['batch_id', 'kind'])
      .where('batch_id', '=', forA!.id)
      .execute();
    expect(records).toHaveLength(5);
    const inbox = await t.as('dept_a', { method: 'GET', url: '/api/notifications?unreadOnly=true' });
    expect(inbox.json().unread).toBeGreaterThanOrEqual(1);

    // The department replies item by item; the batch counts them.
    for (const [i, item] of (forA?.items ?? []).entries()) {
      const r = await t.as('dept_a', {
        method: 'POST',
        url: `/api/supervision/${item.actionId}/reply`,
        payload: { text: `第${i + 1}项已整改`, version: item.version },
      });
      expect(r.statusCode).toBe(200);
      const now = await t.as('dept_a', { method: 'GET', url: `/api/supervision/batches/${forA?.id}` });
      expect(now.json().replied).toBe(i + 1);
    }
    // Another department cannot see it (same 404 as a missing one); the leader reads it.
    const hidden = await t.as('dept_b', { method: 'GET', url: `/api/supervision/batches/${forA?.id}` });
    const missing = await t.as('dept_b', { method: 'GET', url: '/api/supervision/batches/999999' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect((await t.as('leader', { method: 'GET', url: `/api/supervision/batches/${forA?.id}` })).statusCode).toBe(200);
    const mine = await t.as('dept_b', { method: 'GET', url: '/api/supervision/batches' });
    expect(mine.json().batches.map((x: { id: number }) => x.id)).toEqual([forB?.id]);

    // The printable notice: one .docx with the 文号, the addressee and each item as 第N项.
    const docx = await t.as('dept_a', {
      method: 'GET',
      url: `/api/supervision/batches/${forA?.id}/document?format=docx`,
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain(`开安委办督〔${year}〕1号`);
    expect(xml).toContain('应急管理部：');
    expect((xml?.match(/第[^<]{1,6}项</g) ?? []).length).toBeGreaterThanOrEqual(5);
    const pdf = await t.as('admin', { method: 'GET', url: `/api/supervision/batches/${forA?.id}/document?format=pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('the 文号 pattern is the office’s; 催办 has its own series; a pattern without {n} is refused', async () => {
    const settings = await t.as('staff', { method: 'GET', url: '/api/supervision/settings' });
    expect(settings.json()).toEqual({
      noticePattern: '开安委办督〔{year}〕{n}号',
      urgePattern: '开安委办催〔{year}〕{n}号',
      version: null,
    });
    const bad = await t.as('admin', {
      method: 'PUT',
      url: '/api/supervision/settings',
      payload: { noticePattern: '安委办督〔{year}〕号', urgePattern: '安委办催〔{year}〕{n}号', version: null },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('{n}');
    const saved = await t.as('admin', {
      method: 'PUT',
      url: '/api/supervision/settings',
      payload: {
        noticePattern: '安委办督字〔{year}〕第{n}号',
        urgePattern: '安委办催字〔{year}〕第{n}号',
        version: null,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    const stale = await t.as('admin', {
      method: 'PUT',
      url: '/api/supervision/settings',
      payload: { noticePattern: 'x{n}', urgePattern: 'y{n}', version: null },
    });
    expect(stale.statusCode).toBe(409);
    const [occ] = await overdue(deptB, 1);
    const urge = await t.as('admin', {
      method: 'POST',
      url: '/api/supervision/batches',
      payload: { kind: 'urge', occurrenceIds: [occ], note: '请抓紧报送。' },
    });
    expect(urge.statusCode).toBe(201);
    expect(urge.json().batches[0].docNo).toBe(`安委办催字〔${year}〕第1号`);
    const notice = await t.as('admin', {
      method: 'POST',
      url: '/api/supervision/batches',
      payload: { kind: 'notice', occurrenceIds: [occ], note: '督办', replyBy: addDays(today, 3) },
    });
    expect(notice.json().batches[0].docNo).toBe(`安委办督字〔${year}〕第3号`);
    // A notice needs a reply date; departments and leaders cannot issue.
    const noDate = await t.as('admin', {
      method: 'POST',
      url: '/api/supervision/batches',
      payload: { kind: 'notice', occurrenceIds: [occ], note: '督办' },
    });
    expect(noDate.statusCode).toBe(400);
    const asDept = await t.as('dept_a', {
      method: 'POST',
      url: '/api/supervision/batches',
      payload: { kind: 'urge', occurrenceIds: [occ], note: 'x' },
    });
    expect(asDept.statusCode).toBe(403);
  });
});
