import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseTaskListFile } from './parse-tasklist-file.ts';

const TITLE = '某区2025年安全生产治本攻坚任务清单';
const CAT1 = '（一）开展安全生产责任落实行动';
const CAT2 = '（二）开展重大事故隐患动态清零行动';

/** A realistic workbook: notes sheet first, title row, traditional headers in another order, merges, a heading row. */
async function buildWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').addRow(['本表由安委办制发，请勿修改表头']);
  const sheet = workbook.addWorksheet('任务清单');
  sheet.addRow([TITLE]); // 1
  sheet.mergeCells('A1:G1');
  sheet.addRow([]); // 2
  sheet.addRow(['序號', '工作任務', '主要內容', '牽頭單位', '配合單位', '完成時限', '完成情況']); // 3
  sheet.addRow([
    1,
    '制定年度安全生产\n重点工作任务清单',
    CAT1,
    '应急管理部',
    '党群工作部、综合办公室',
    '2025年6月底前',
    '已完成部署',
  ]); // 4
  sheet.addRow([
    2,
    { richText: [{ text: '编制年度' }, { text: '监督检查计划', font: { bold: true } }] },
    null,
    '建设环保管理部',
    null,
    new Date(Date.UTC(2025, 8, 30)),
    null,
  ]); // 5
  sheet.addRow([3, '督促企业开展隐患自查', null, '应急管理部督促企业落实', null, '长期坚持', '']); // 6
  sheet.mergeCells('C4:C6');
  sheet.addRow([CAT2]); // 7: heading row
  sheet.mergeCells('A7:G7');
  sheet.addRow([
    { formula: 'ROW()-4', result: 4 },
    '建立重大事故隐患数据库',
    null,
    '应急管理部',
    '建设环保管理部',
    '2025年底前',
    null,
  ]); // 8
  sheet.addRow(['a', null, null, null, null, null, null]); // 9: a bad row
  sheet.addRow([5, '组织专家会诊', null, null, null, null, null]); // 10: no department, no deadline
  sheet.addRow([5, '组织专家会诊', null, null, null, null, null]); // 11: exact duplicate
  sheet.addRow([6, '开展执法检查', null, '应急管理部', null, '每季度', null]); // 12
  sheet.addRow([7, '开展宣传活动', null, '党群工作部', null, null, null]); // 13: deadline from the vertical merge
  sheet.mergeCells('F12:F13');
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('xlsx task list', () => {
  it('reads a workbook with merges, headings, formulas, dates and problems', async () => {
    const list = await parseTaskListFile(await buildWorkbook(), 'whatever.bin');
    expect(list.format).toBe('xlsx');
    expect(list.title).toBe(TITLE);
    expect(list.tasks.map((t) => [t.row, t.no, t.category])).toEqual([
      [4, 1, CAT1],
      [5, 2, CAT1],
      [6, 3, CAT1],
      [8, 4, CAT2],
      [10, 5, CAT2],
      [12, 6, CAT2],
      [13, 7, CAT2],
    ]);
    const [t1, t2, t3, t4, t5, , t7] = list.tasks;
    expect(t1).toEqual({
      row: 4,
      category: CAT1,
      no: 1,
      text: '制定年度安全生产重点工作任务清单', // the line break between CJK characters is dropped
      departments: [
        { name: '应急管理部', alias: null, role: 'lead' },
        { name: '党群工作部', alias: null, role: 'co' },
        { name: '综合办公室', alias: null, role: 'co' },
      ],
      departmentsText: '应急管理部；党群工作部、综合办公室',
      deadline: '2025年6月底前',
      progress: '已完成部署',
    });
    expect(t2?.text).toBe('编制年度监督检查计划');
    expect(t2?.deadline).toBe('2025年9月30日');
    expect(t2?.departments).toEqual([{ name: '建设环保管理部', alias: null, role: 'lead' }]);
    expect(t2?.progress).toBeNull();
    expect(t3?.departments).toEqual([{ name: '应急管理部', alias: null, role: 'supervise' }]);
    expect(t4?.departments.map((d) => d.role)).toEqual(['lead', 'co']);
    expect(t5?.departments).toEqual([]);
    expect(t7?.deadline).toBe('每季度');
    expect(list.problems).toEqual([
      { row: 9, message: '第9行：序号“a”不是数字，工作任务为空' },
      { row: 10, message: '第10行：责任部门为空（序号“5”）' },
      { row: 10, message: '第10行：完成时限为空（序号“5”）' },
      { row: 11, message: '第11行：与第10行完全重复，已忽略' },
    ]);
  });

  it('a truncated workbook cannot be read', async () => {
    const bytes = await buildWorkbook();
    await expect(parseTaskListFile(bytes.slice(0, Math.floor(bytes.length / 2)), 'list.xlsx')).rejects.toThrow(
      /无法读取文件：Excel 文件已损坏或不完整/,
    );
  });

  it('a workbook without a header row is rejected, naming the expected columns', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(parseTaskListFile(bytes, 'list.xlsx')).rejects.toThrow(/未找到表头.*序号.*工作任务/);
  });
});
