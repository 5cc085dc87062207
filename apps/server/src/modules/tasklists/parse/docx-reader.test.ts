import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseTaskListFile } from './parse-tasklist-file.ts';

type Merge = (typeof VerticalMergeType)[keyof typeof VerticalMergeType];

function cell(text: string, verticalMerge?: Merge): TableCell {
  const lines = text.split('\n').map((line) => new Paragraph(line));
  return new TableCell({ children: lines, ...(verticalMerge === undefined ? {} : { verticalMerge }) });
}

function row(cells: TableCell[]): TableRow {
  return new TableRow({ children: cells });
}

const HEADER = ['类别', '序号', '重点任务', '责任单位', '完成时间'];
const CAT1 = '（一）开展安全生产责任大落实行动';
const CAT2 = '（二）开展重大事故隐患动态清零行动';

async function pack(children: Array<Paragraph | Table>): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('docx task list', () => {
  it('reads the table after a title paragraph, with vertically merged cells and a continued table', async () => {
    const first = new Table({
      rows: [
        row(HEADER.map((h) => cell(h))),
        row([
          cell(CAT1, VerticalMergeType.RESTART),
          cell('1'),
          cell('学习安全生产重要论述'),
          cell('党群工作部、综合办公室'),
          cell('每季度', VerticalMergeType.RESTART),
        ]),
        row([
          cell('', VerticalMergeType.CONTINUE),
          cell('2'),
          cell('制定责任清单'),
          cell('应急管理部\n建设环保管理部 督促企业落实'),
          cell('', VerticalMergeType.CONTINUE),
        ]),
        row([
          cell(CAT2, VerticalMergeType.RESTART),
          cell('3'),
          cell('基本消除重大事故隐患'),
          cell('应急管理部（综合行政执法局）'),
          cell('2025年底前'),
        ]),
      ],
    });
    const continued = new Table({
      rows: [
        row(HEADER.map((h) => cell(h))),
        row([cell(''), cell('4'), cell('建立隐患数据库'), cell(''), cell('长期坚持')]),
      ],
    });
    const bytes = await pack([
      new Paragraph('附件1'),
      new Paragraph({ text: '某区安全生产治本攻坚任务清单', heading: HeadingLevel.HEADING_1 }),
      first,
      new Paragraph('（续表）'),
      continued,
    ]);
    const list = await parseTaskListFile(bytes, 'list.docx');
    expect(list.format).toBe('docx');
    expect(list.title).toBe('某区安全生产治本攻坚任务清单');
    expect(list.tasks.map((t) => [t.row, t.no, t.category, t.text, t.deadline])).toEqual([
      [2, 1, CAT1, '学习安全生产重要论述', '每季度'],
      [3, 2, CAT1, '制定责任清单', '每季度'], // deadline merged down from row 2
      [4, 3, CAT2, '基本消除重大事故隐患', '2025年底前'],
      [2, 4, CAT2, '建立隐患数据库', '长期坚持'],
    ]);
    expect(list.tasks[0]?.departments.map((d) => [d.name, d.role])).toEqual([
      ['党群工作部', 'lead'],
      ['综合办公室', 'co'],
    ]);
    expect(list.tasks[1]?.departments.map((d) => [d.name, d.role])).toEqual([
      ['应急管理部', 'supervise'],
      ['建设环保管理部', 'supervise'],
    ]);
    expect(list.tasks[2]?.departments).toEqual([{ name: '应急管理部', alias: '综合行政执法局', role: 'lead' }]);
    expect(list.problems).toEqual([{ row: 2, message: '第2个表格第2行：责任部门为空（序号“4”）' }]);
  });

  it('a document without a table is rejected', async () => {
    const bytes = await pack([new Paragraph('只有一段文字，没有表格。')]);
    await expect(parseTaskListFile(bytes, 'list.docx')).rejects.toThrow(/文档中没有找到表格/);
  });

  it('a table whose header has no task columns is rejected', async () => {
    const bytes = await pack([
      new Table({ rows: [row([cell('姓名'), cell('电话')]), row([cell('张三'), cell('123')])] }),
    ]);
    await expect(parseTaskListFile(bytes, 'list.docx')).rejects.toThrow(/未找到表头/);
  });
});
