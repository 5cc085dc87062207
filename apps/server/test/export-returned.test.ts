import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { type AccountName, buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { fileQuarterOfReports, loadWorkbook } from './export-helpers.ts';
import { multipart } from './multipart.ts';

const SHEET = '任务清单落实情况';

async function exportQ1(t: TestApp, who: AccountName): Promise<Buffer> {
  const res = await t.as(who, { method: 'GET', url: '/api/exports/tasklist?year=2024&period=2024-Q1&format=xlsx' });
  if (res.statusCode !== 200) throw new Error(`export failed: ${res.body}`);
  return res.rawPayload;
}

/** Edits the exported workbook as a person in Excel would: cells by 序号 and column (1 = 主要内容 … 6 = 工作进展). */
async function fill(bytes: Buffer, edits: { no: string; column?: number; value: string }[]): Promise<Buffer> {
  const workbook = await loadWorkbook(bytes);
  const ws = workbook.getWorksheet(SHEET);
  if (!ws) throw new Error('no data sheet');
  for (const e of edits) {
    let row = 0;
    ws.eachRow((r, n) => {
      if (String(r.getCell(2).value) === e.no) row = n;
    });
    if (row === 0) throw new Error(`no row ${e.no}`);
    ws.getCell(row, e.column ?? 6).value = e.value;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = (bytes: Buffer, fields: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/api/exports/tasklist/returned',
  ...multipart(fields, [{ field: 'file', filename: '回传.xlsx', content: bytes }]),
});

describeEachDatabase('returned sheets', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
    await fileQuarterOfReports(t, get().handle.db);
  });

  const reportsOf = async (ids: number[]) =>
    get()
      .handle.db.selectFrom('reports')
      .select(['id', 'status', 'text', 'department_id'])
      .where('id', 'in', ids)
      .execute();

  it('a department fills two cells: two submitted reports; an edited row and accepted work are reported, not written', async () => {
    const exported = await exportQ1(t, 'dept_a');
    const filled = await fill(exported, [
      { no: '14', value: '已在醒目位置设置安全风险公告栏23处' },
      { no: '15', value: '⚠ 逾期\n已对12家企业的发包合同开展检查' },
      { no: '17', column: 3, value: '改过的工作任务' },
      { no: '17', value: '这一行的任务被改了' },
      { no: '11', value: '想改已验收的内容' },
    ]);
    const dry = await t.as('dept_a', upload(filled, { dryRun: 'true' }));
    expect(dry.statusCode).toBe(200);
    expect(dry.json().created).toHaveLength(2);
    expect(dry.json().created.every((c: { reportId: number | null }) => c.reportId === null)).toBe(true);

    const res = await t.as('dept_a', upload(filled));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: false, year: 2024, period: '2024-Q1', periodLabel: '2024年第一季度' });
    expect(
      body.created.map((c: { no: string; department: string; periodKey: string; action: string }) => [
        c.no,
        c.department,
        c.periodKey,
        c.action,
      ]),
    ).toEqual([
      ['14', '应急管理部', '2024-Q1', 'created'],
      ['15', '应急管理部', '2024-Q1', 'created'],
    ]);
    const reports = await reportsOf(body.created.map((c: { reportId: number }) => c.reportId));
    expect(reports.map((r) => [r.status, r.text, r.department_id]).sort()).toEqual(
      [
        ['submitted', '已在醒目位置设置安全风险公告栏23处', t.departmentIds.应急管理部],
        ['submitted', '已对12家企业的发包合同开展检查', t.departmentIds.应急管理部],
      ].sort(),
    );
    const messages = body.problems.map((p: { message: string }) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages.find((m: string) => m.includes('序号17'))).toMatch(/^第\d+行（序号17）：工作任务与导出时不一致/);
    expect(messages.find((m: string) => m.includes('序号11'))).toContain('已审核通过');
    // The office sees them for review.
    const list = await t.as('admin', { method: 'GET', url: '/api/reports?status=submitted' });
    expect(list.json().items.map((r: { id: number }) => r.id)).toEqual(
      expect.arrayContaining(body.created.map((c: { reportId: number }) => c.reportId)),
    );

    // The same sheet again writes nothing new.
    const again = await t.as('dept_a', upload(filled));
    expect(again.json().created).toEqual([]);
    expect(again.json().problems.filter((p: { no: string }) => p.no === '14')[0].message).toContain('相同内容已报送过');
    expect((await verifyAuditChain(get().handle.db)).ok).toBe(true);
  });

  it('offers a cell covering several months (1—3月…) to the occurrence of each month, and previews that text', async () => {
    const exported = await exportQ1(t, 'admin');
    const text = '1—3月：每月开展专项检查，整改隐患5处';
    const filled = await fill(exported, [{ no: '12', value: `应急管理部：${text}` }]);
    // February's report (under review) is returned, so February and March are both open; January is accepted.
    const february = await get()
      .handle.db.selectFrom('reports')
      .select(['id', 'version'])
      .where('text', '=', '二月检查进行中')
      .executeTakeFirstOrThrow();
    const returned = await t.as('staff', {
      method: 'POST',
      url: `/api/reports/${february.id}/return`,
      payload: { reason: '请补充检查记录', version: february.version },
    });
    expect(returned.statusCode).toBe(200);

    type Created = { no: string; periodKey: string; action: string; text: string; reportId: number | null };
    const dry = await t.as('staff', upload(filled, { dryRun: 'true' }));
    expect(dry.statusCode).toBe(200);
    // The preview shows, per month, the text that will be submitted.
    expect(dry.json().created.map((c: Created) => [c.no, c.periodKey, c.action, c.text])).toEqual([
      ['12', '2024-02', 'resubmitted', text],
      ['12', '2024-03', 'created', text],
    ]);
    expect(dry.json().problems.map((p: { message: string }) => p.message)).toEqual([
      expect.stringMatching(/^第\d+行（序号12）：应急管理部：1月：本期工作进展已审核通过/),
    ]);

    const res = await t.as('staff', upload(filled));
    expect(res.statusCode).toBe(200);
    const created: Created[] = res.json().created;
    expect(created.map((c) => c.periodKey)).toEqual(['2024-02', '2024-03']);
    const reports = await reportsOf(created.map((c) => c.reportId ?? 0));
    // February's returned report is revised and resubmitted, March gets a new one: the same text in each.
    expect(reports.map((r) => [r.id === february.id, r.status, r.text]).sort()).toEqual([
      [false, 'submitted', text],
      [true, 'resubmitted', text],
    ]);
  });

  it('the office files for a department by naming it, and is told when a shared row does not say whose it is', async () => {
    const exported = await exportQ1(t, 'admin');
    const filled = await fill(exported, [
      { no: '2', value: '⚠ 逾期：党群工作部、综合办公室\n综合办公室：已将安全生产纳入管委会重点工作' },
      { no: '4', value: '没有写部门名称的进展' },
      { no: '16', value: '已督促企业足额提取安全生产费用' },
    ]);
    const res = await t.as('staff', upload(filled));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.created.map((c: { no: string; department: string }) => [c.no, c.department])).toEqual([
      ['2', '综合办公室'],
      ['16', '财政管理运营部'],
    ]);
    expect(body.problems).toEqual([
      expect.objectContaining({ no: '4', message: expect.stringContaining('请在内容前写明部门名称') }),
    ]);
    const [report] = await reportsOf([body.created[0].reportId]);
    expect(report).toMatchObject({ status: 'submitted', text: '已将安全生产纳入管委会重点工作' });
    const office = await get()
      .handle.db.selectFrom('departments')
      .select('id')
      .where('name', '=', '综合办公室')
      .executeTakeFirstOrThrow();
    expect(report?.department_id).toBe(office.id);
  });

  it('a department returns only its own rows', async () => {
    const exported = await exportQ1(t, 'admin');
    const filled = await fill(exported, [
      { no: '1', value: '党群工作部的进展，不是应急管理部的' },
      { no: '19', value: '建设环保管理部：替别的部门填' },
    ]);
    const res = await t.as('dept_a', upload(filled));
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toEqual([]);
    const messages = res.json().problems.map((p: { message: string }) => p.message);
    expect(messages).toEqual([
      expect.stringContaining('该任务不是本部门的任务'),
      expect.stringContaining('“建设环保管理部”不是本行可填报的责任部门'),
    ]);
    // Another department's own export is refused as a whole.
    const theirs = await fill(await exportQ1(t, 'dept_b'), [{ no: '20', value: 'x' }]);
    const refused = await t.as('dept_a', upload(theirs));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'not_our_file', message: expect.stringContaining('其他部门') });
    expect((await t.as('leader', upload(theirs))).statusCode).toBe(403);
  });

  it('refuses a sheet that is not ours, or whose marker was tampered with', async () => {
    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Sheet1').addRow(['主要内容', '序号', '工作任务', '责任部门', '完成时限', '工作进展']);
    const res = await t.as('dept_a', upload(Buffer.from(await foreign.xlsx.writeBuffer())));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'not_our_file',
      message: expect.stringContaining('不是本系统导出'),
    });

    const tampered = await loadWorkbook(await exportQ1(t, 'dept_a'));
    const marker = tampered.getWorksheet('duban_export');
    if (!marker) throw new Error('no marker');
    marker.getCell(4, 1).value = '2024-Q2';
    const tamperedRes = await t.as('dept_a', upload(Buffer.from(await tampered.xlsx.writeBuffer())));
    expect(tamperedRes.statusCode).toBe(422);
    expect(tamperedRes.json().error.message).toContain('导出标记与导出记录不符');

    const madeUp = await loadWorkbook(await exportQ1(t, 'dept_a'));
    madeUp.getWorksheet('duban_export')!.getCell(2, 1).value = 'f'.repeat(32);
    const madeUpRes = await t.as('dept_a', upload(Buffer.from(await madeUp.xlsx.writeBuffer())));
    expect(madeUpRes.json().error.code).toBe('not_our_file');

    const notXlsx = await t.as('dept_a', upload(Buffer.from('主要内容\t序号\n')));
    expect(notXlsx.statusCode).toBe(422);
    expect(notXlsx.json().error.code).toBe('unreadable_file');
  });

  it('keeps a formula typed into 工作进展 out, and reports it', async () => {
    const workbook = await loadWorkbook(await exportQ1(t, 'dept_a'));
    const ws = workbook.getWorksheet(SHEET)!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (String(r.getCell(2).value) === '18') row = n;
    });
    ws.getCell(row, 6).value = { formula: 'HYPERLINK("http://x","y")', result: 'y' };
    const res = await t.as('dept_a', upload(Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(res.json().created).toEqual([]);
    expect(res.json().problems[0].message).toContain('工作进展是公式');
  });
});
