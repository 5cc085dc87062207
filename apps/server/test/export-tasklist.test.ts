import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { parseTaskListFile } from '../src/modules/tasklists/parse/parse-tasklist-file.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import {
  fileQuarterOfReports,
  HYPERLINK,
  hasTool,
  loadWorkbook,
  pdfText,
  renderPages,
  zipEntry,
} from './export-helpers.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIRST_DATA_ROW = 4;
const q1 = (format: string, extra = '') => ({
  method: 'GET' as const,
  url: `/api/exports/tasklist?year=2024&period=2024-Q1&format=${format}${extra}`,
});

/** Rows of the data sheet as [序号, 工作任务, 工作进展] text, by 序号. */
function progressByNo(ws: ExcelJS.Worksheet): Map<string, string> {
  const map = new Map<string, string>();
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r += 1) {
    const no = ws.getCell(r, 2).value;
    if (typeof no === 'number') map.set(String(no), String(ws.getCell(r, 6).value));
  }
  return map;
}

describeEachDatabase('task-list export', (get, dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
    await fileQuarterOfReports(t, get().handle.db);
  });

  it('exports the seed list after a quarter of reports as .xlsx: 64 rows, merged categories, progress in place', async () => {
    const res = await t.as('admin', q1('xlsx'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('安全生产治本攻坚三年行动任务清单落实情况（2024年第一季度）.xlsx')}`,
    );
    const workbook = await loadWorkbook(res.rawPayload);
    const ws = workbook.getWorksheet('任务清单落实情况');
    if (!ws) throw new Error('no data sheet');
    expect(String(ws.getCell(1, 1).value)).toBe(
      '忻州经济开发区安全生产委员会办公室\n安全生产治本攻坚三年行动任务清单落实情况（2024年第一季度）',
    );
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getCell(3, c).value)).toEqual([
      '主要内容',
      '序号',
      '工作任务',
      '责任部门',
      '完成时限',
      '工作进展',
    ]);
    expect(ws.getCell(3, 1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    expect(workbook.getWorksheet('duban_export')?.state).toBe('veryHidden');

    const progress = progressByNo(ws);
    expect([...progress.keys()]).toEqual(Array.from({ length: 64 }, (_, i) => String(i + 1)));
    // The category column: one vertical merge per category with several rows, 11 titles in all.
    const merges = (ws.model.merges ?? []).filter(
      (m) => m.startsWith('A') && !m.startsWith('A1:') && !m.startsWith('A2:'),
    );
    expect(merges[0]).toBe('A4:A21');
    const titles = new Set<string>();
    for (let r = FIRST_DATA_ROW; r < FIRST_DATA_ROW + 64; r += 1) {
      const cell = ws.getCell(r, 1);
      if (!cell.isMerged || cell.master === cell) titles.add(String(cell.value));
    }
    expect(titles.size).toBe(11);
    expect(ws.getCell(5, 1).isMerged && ws.getCell(5, 1).master.address).toBe('A4');

    expect(progress.get('1')).toBe('✓ 已完成\n一季度党工委理论学习中心组专题学习1次');
    expect(progress.get('11')).toBe(
      '应急管理部 ✓ 已完成：已制定2024年度企业主要负责人安全生产任务清单\n建设环保管理部 ✓ 已完成：已印发建设领域全员安全生产责任制考核办法',
    );
    // Jan accepted, Feb under review, Mar overdue: the row shows the accepted text and the most urgent status.
    expect(progress.get('12')).toBe(`应急管理部 ⚠ 逾期：（1月）${HYPERLINK}\n⚠ 逾期：建设环保管理部`);
    expect(progress.get('13')).toBe('应急管理部 ✓ 逾期完成：隐患排查清单已动态更新\n⚠ 逾期：建设环保管理部');
    expect(progress.get('5')).toBe('— 本期无应报事项');
    expect(progress.get('2')).toBe('⚠ 逾期：党群工作部、综合办公室');
  });

  it('is read back as the same list by the task-list importer (an independent reader of merged cells)', async () => {
    for (const format of ['xlsx', 'docx'] as const) {
      const res = await t.as('leader', q1(format));
      expect(res.statusCode).toBe(200);
      const parsed = await parseTaskListFile(res.rawPayload, `export.${format}`);
      expect(parsed.problems).toEqual([]);
      expect(parsed.tasks).toHaveLength(64);
      expect(new Set(parsed.tasks.map((r) => r.category)).size).toBe(11);
      expect(parsed.tasks[11]).toMatchObject({ no: 12, category: '（一）开展安全生产责任大落实行动' });
      expect(parsed.tasks[0]?.progress).toBe('✓ 已完成\n一季度党工委理论学习中心组专题学习1次');
    }
  });

  it('.docx: landscape A4, the title, the same table with vMerge categories and a repeated header row', async () => {
    const res = await t.as('admin', q1('docx'));
    expect(res.statusCode).toBe(200);
    const xml = zipEntry(res.rawPayload, 'word/document.xml').toString('utf8');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toContain('忻州经济开发区安全生产委员会办公室');
    expect(xml).toContain('安全生产治本攻坚三年行动任务清单落实情况（2024年第一季度）');
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(8);
    expect(xml.match(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/g)).toHaveLength(64 - 11);
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('已印发建设领域全员安全生产责任制考核办法');
    expect(xml).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
  });

  it.runIf(hasTool('pdftotext'))(
    'PDF: pages of Chinese text in an embedded CJK font, rendered to PNG for a look',
    async () => {
      const res = await t.as('admin', q1('pdf'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain('忻州经济开发区安全生产委员会办公室');
      expect(text).toContain('已制定2024年度企业主要负责人安全生产任务清单');
      expect(text).toContain('开展全民安全素质提升行动'.slice(0, 4));
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoS(ans|erif)CJKsc-Regular/);
      if (dialect === 'sqlite') {
        const docx = (await t.as('admin', q1('docx'))).rawPayload;
        const xlsx = (await t.as('admin', q1('xlsx'))).rawPayload;
        const pages = renderPages('tasklist-2024-Q1', pdf, { docx, xlsx });
        expect(pages.length).toBeGreaterThanOrEqual(5);
      }
    },
  );

  it('writes user text as text, never as a formula, even where a cell starts with = + - @', async () => {
    const { db } = get().handle;
    const task = await db
      .selectFrom('tasks')
      .select(['id', 'text', 'departments_text'])
      .where('no', '=', '64')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('tasks')
      .set({ text: HYPERLINK, departments_text: '+cmd|/C calc!A0' })
      .where('id', '=', task.id)
      .execute();
    try {
      const res = await t.as('admin', q1('xlsx'));
      const bytes = res.rawPayload;
      const sheetXml = zipEntry(bytes, 'xl/worksheets/sheet1.xml').toString('utf8');
      expect(sheetXml).not.toMatch(/<f[ >]/);
      const workbook = await loadWorkbook(bytes);
      const ws = workbook.getWorksheet('任务清单落实情况');
      if (!ws) throw new Error('no data sheet');
      let formulas = 0;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas += 1;
        }),
      );
      expect(formulas).toBe(0);
      const last = FIRST_DATA_ROW + 63;
      expect(ws.getCell(last, 3).value).toBe(HYPERLINK);
      expect(ws.getCell(last, 3).numFmt).toBe('@');
      expect(ws.getCell(last, 4).value).toBe('+cmd|/C calc!A0');
      expect(progressByNo(ws).get('12')).toContain(HYPERLINK);
    } finally {
      await db
        .updateTable('tasks')
        .set({ text: task.text, departments_text: task.departments_text })
        .where('id', '=', task.id)
        .execute();
    }
  });

  it('a department exports only its own rows with only its own progress; enterprises may not export', async () => {
    const { db } = get().handle;
    const own = await db
      .selectFrom('tasks as t')
      .select('t.no')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('assignments as a')
            .select('a.id')
            .whereRef('a.task_id', '=', 't.id')
            .where('a.department_id', '=', t.departmentIds.应急管理部!),
        ),
      )
      .orderBy('t.seq')
      .execute();
    const res = await t.as('dept_a', q1('xlsx'));
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('_应急管理部.xlsx');
    const ws = (await loadWorkbook(res.rawPayload)).getWorksheet('任务清单落实情况');
    if (!ws) throw new Error('no data sheet');
    const progress = progressByNo(ws);
    expect([...progress.keys()]).toEqual(own.map((r) => r.no));
    expect(progress.has('1')).toBe(false);
    expect(progress.get('11')).toBe('✓ 已完成\n已制定2024年度企业主要负责人安全生产任务清单');
    expect(progress.get('12')).toBe(`⚠ 逾期\n（1月）${HYPERLINK}`);
    expect([...progress.values()].join('\n')).not.toContain('建设环保管理部');
    expect(String(ws.getCell(2, 1).value)).toContain('责任部门：应急管理部');

    expect((await t.as('enterprise', q1('xlsx'))).statusCode).toBe(403);
    expect((await t.as(null, q1('xlsx'))).statusCode).toBe(401);
  });

  it('takes month, half-year, year and as-of periods, and refuses a period it cannot read', async () => {
    const month = await t.as('admin', { method: 'GET', url: '/api/exports/tasklist?period=2024-01&format=xlsx' });
    expect(month.statusCode).toBe(200);
    expect(decodeURIComponent(String(month.headers['content-disposition']))).toContain('（2024年1月）.xlsx');
    const janWs = (await loadWorkbook(month.rawPayload)).getWorksheet('任务清单落实情况');
    expect(janWs && progressByNo(janWs).get('12')).toBe(`应急管理部 ✓ 已完成：${HYPERLINK}\n⚠ 逾期：建设环保管理部`);
    const asOf = await t.as('admin', { method: 'GET', url: '/api/exports/tasklist?asOf=2024-03-31&format=xlsx' });
    const asOfWs = (await loadWorkbook(asOf.rawPayload)).getWorksheet('任务清单落实情况');
    if (!asOfWs) throw new Error('no data sheet');
    // As of 31 March the task-13 report was only submitted (accepted on 3 April): no text, status under review.
    expect(progressByNo(asOfWs).get('13')).toBe('○ 即将到期：应急管理部、建设环保管理部');
    expect(progressByNo(asOfWs).get('12')).toBe(`应急管理部 ○ 即将到期：（1月）${HYPERLINK}\n⚠ 逾期：建设环保管理部`);
    for (const period of ['2024-H1', '2024']) {
      const r = await t.as('admin', { method: 'GET', url: `/api/exports/tasklist?period=${period}&format=docx` });
      expect(r.statusCode).toBe(200);
    }
    const bad = await t.as('admin', { method: 'GET', url: '/api/exports/tasklist?period=2024-Q5&format=xlsx' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('统计期间');
    const noList = await t.as('admin', { method: 'GET', url: '/api/exports/tasklist?period=2019-Q1&format=xlsx' });
    expect(noList.statusCode).toBe(404);
  });
});
