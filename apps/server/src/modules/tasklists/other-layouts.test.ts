/**
 * Task lists laid out the way other regions publish them, built here in each format (.xlsx without 序号, other
 * column names, lead and co labelled inside one cell, .docx, GBK .csv, tab text), each read through the import
 * preview with the year given as a user would, and checked row by row: task, category, deadline reading,
 * departments and roles.
 */
import { describeRules } from '@duban/shared/deadline/corpus/corpus-score';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { demoRegistryInMemory } from '../departments/departments.service.ts';
import { type ImportPreview, previewTaskListImport, toDryRunJson } from './import-preview.ts';

interface Row {
  category?: string;
  /** Cells after the category, in header order (without the category column). */
  cells: string[];
  /** What must come out. */
  no: number | string | null;
  text: string;
  deadline: string;
  departments: string;
}

interface Layout {
  name: string;
  title: string | null;
  /** The category column's header, or null when categories are heading rows. */
  categoryHeader: string | null;
  headers: string[];
  rows: Row[];
  year?: number;
  expectYear: number;
  expectYearSource: 'option' | 'title' | 'deadlines';
}

const C1 = '一、压实安全生产责任';
const C2 = '二、深化重大事故隐患排查整治';

const LAYOUTS: Layout[] = [
  {
    name: 'xlsx without 序号, 具体任务 | 牵头单位 | 配合单位 | 时间节点, categories as heading rows',
    title: '某市2024年安全生产治本攻坚重点任务清单',
    categoryHeader: null,
    headers: ['具体任务', '牵头单位', '配合单位', '时间节点'],
    rows: [
      {
        category: C1,
        cells: ['制定安全生产责任清单', '应急管理部', '党群工作部', '2024年4月底前'],
        no: null,
        text: '制定安全生产责任清单',
        deadline: 'once 2024-04-30',
        departments: '应急管理部 lead, 党群工作部 co',
      },
      {
        cells: ['召开安委会全体会议', '应急管理部', '', '每季度至少召开1次'],
        no: null,
        text: '召开安委会全体会议',
        deadline: 'quarterly',
        departments: '应急管理部 lead',
      },
      {
        category: C2,
        cells: ['开展重大事故隐患专项排查', '建设环保管理部', '应急管理部、党群工作部', '1次/月'],
        no: null,
        text: '开展重大事故隐患专项排查',
        deadline: 'monthly',
        departments: '建设环保管理部 lead, 应急管理部 co, 党群工作部 co',
      },
      {
        cells: ['建立隐患整改台账', '建设环保管理部', '', '在2024年6月底前报区安委办备案'],
        no: null,
        text: '建立隐患整改台账',
        deadline: 'once 2024-06-30',
        departments: '建设环保管理部 lead',
      },
    ],
    expectYear: 2024,
    expectYearSource: 'title',
  },
  {
    name: 'xlsx 检查内容 | 承办单位 | 时间安排 | 推进情况, lead and co labelled inside one cell',
    title: '某县2025年安全生产大排查大整治任务分工',
    categoryHeader: '工作类别',
    headers: ['序号', '检查内容', '承办单位', '时间安排', '推进情况'],
    rows: [
      {
        category: C1,
        cells: [
          '1',
          '检查企业主要负责人履职情况',
          '牵头单位：应急管理部；配合单位：党群工作部、综合办公室',
          '3月15日前',
          '',
        ],
        no: 1,
        text: '检查企业主要负责人履职情况',
        deadline: 'once 2025-03-15',
        departments: '应急管理部 lead, 党群工作部 co, 综合办公室 co',
      },
      {
        category: C1,
        cells: ['2', '检查安全生产投入落实情况', '牵头单位：应急管理部 责任单位：建设环保管理部', '每半年一次', ''],
        no: 2,
        text: '检查安全生产投入落实情况',
        deadline: 'halfyearly',
        departments: '应急管理部 lead, 建设环保管理部 co',
      },
      {
        category: C2,
        cells: ['3', '检查有限空间作业', '建设环保管理部（牵头）、应急管理部', '每月25日前报送当月检查情况', ''],
        no: 3,
        text: '检查有限空间作业',
        deadline: 'monthly d25',
        departments: '建设环保管理部 lead, 应急管理部 co',
      },
    ],
    year: 2025,
    expectYear: 2025,
    expectYearSource: 'option',
  },
  {
    name: 'docx 序号 | 整治内容 | 责任单位 | 完成期限, role suffixes in the cell, no year in the title',
    title: '安全生产专项整治任务分解表',
    categoryHeader: '专项行动',
    headers: ['序号', '整治内容', '责任单位', '完成期限'],
    rows: [
      {
        category: C1,
        cells: ['1', '整治违规动火作业', '应急管理部牵头，建设环保管理部、党群工作部配合', '即日起至2024年9月底'],
        no: 1,
        text: '整治违规动火作业',
        deadline: 'once 2024-09-30',
        departments: '应急管理部 lead, 建设环保管理部 co, 党群工作部 co',
      },
      {
        category: C2,
        cells: ['2', '整治电动自行车违规停放充电', '党群工作部', '2024年5月起，每月开展一次'],
        no: 2,
        text: '整治电动自行车违规停放充电',
        deadline: 'monthly since 2024-05-01',
        departments: '党群工作部 lead',
      },
      {
        category: C2,
        cells: ['3', '组织消防安全培训', '应急管理部', '6月10日、20日'],
        no: 3,
        text: '组织消防安全培训',
        deadline: 'once 2024-06-10 | once 2024-06-20',
        departments: '应急管理部 lead',
      },
    ],
    year: 2024,
    expectYear: 2024,
    expectYearSource: 'option',
  },
  {
    name: 'GBK csv without 序号, 重点工作 | 实施单位 | 推进时限, labels written in the task cell, year from the deadlines',
    title: '安全生产重点工作推进表',
    categoryHeader: '板块',
    headers: ['重点工作', '实施单位', '推进时限'],
    rows: [
      {
        category: C1,
        cells: ['1.修订安全生产考核办法', '综合办公室', '2024年3月底前'],
        no: 1,
        text: '修订安全生产考核办法',
        deadline: 'once 2024-03-31',
        departments: '综合办公室 lead',
      },
      {
        category: C1,
        cells: ['2.开展安全生产述职', '党群工作部', '2024年12月20日前'],
        no: 2,
        text: '开展安全生产述职',
        deadline: 'once 2024-12-20',
        departments: '党群工作部 lead',
      },
      {
        category: C2,
        cells: ['3.组织应急演练', '应急管理部、建设环保管理部', '2024年6月安全生产月期间'],
        no: 3,
        text: '组织应急演练',
        deadline: 'once 2024-06-30',
        departments: '应急管理部 lead, 建设环保管理部 co',
      },
    ],
    expectYear: 2024,
    expectYearSource: 'deadlines',
  },
  {
    name: 'tab text 序号 | 工作措施 | 责任部门 | 完成时限 | 落实情况 with a ## title',
    title: '某开发区2024年安全生产工作要点任务分解',
    categoryHeader: '主要内容',
    headers: ['序号', '工作措施', '责任部门', '完成时限', '落实情况'],
    rows: [
      {
        category: C1,
        cells: ['1', '落实“三管三必须”', '安委会各成员单位', '长期坚持', ''],
        no: 1,
        text: '落实“三管三必须”',
        deadline: 'ongoing',
        departments: '安委会各成员单位 lead',
      },
      {
        category: C2,
        cells: ['2', '开展燃气安全排查', '建设环保管理部 督促企业落实', '2024年4月至6月', '已部署'],
        no: 2,
        text: '开展燃气安全排查',
        deadline: 'once 2024-04-01..2024-06-30',
        departments: '建设环保管理部 supervise',
      },
      {
        category: C2,
        cells: ['3', '春节前开展节前安全检查', '应急管理部', '春节前', ''],
        no: 3,
        text: '春节前开展节前安全检查',
        deadline: 'once 2024-02-09',
        departments: '应急管理部 lead',
      },
    ],
    expectYear: 2024,
    expectYearSource: 'title',
  },
  {
    name: 'xlsx drill plan 序号 | 演练科目 | 责任单位 | 演练时间',
    title: '2024年度生产安全事故应急演练计划',
    categoryHeader: null,
    headers: ['序号', '演练科目', '责任单位', '演练时间'],
    rows: [
      {
        cells: ['1', '危险化学品泄漏处置演练', '应急管理部', '2024年6月'],
        no: 1,
        text: '危险化学品泄漏处置演练',
        deadline: 'once 2024-06-30',
        departments: '应急管理部 lead',
      },
      {
        cells: ['2', '防汛应急演练', '建设环保管理部', '5月中旬前'],
        no: 2,
        text: '防汛应急演练',
        deadline: 'once 2024-05-20',
        departments: '建设环保管理部 lead',
      },
    ],
    expectYear: 2024,
    expectYearSource: 'title',
  },
  {
    name: 'docx without 序号, 推进措施 | 牵头责任单位 | 配合责任单位 | 完成时间, headings as rows',
    title: '某经开区2024年安全生产和消防工作要点',
    categoryHeader: null,
    headers: ['推进措施', '牵头责任单位', '配合责任单位', '完成时间'],
    rows: [
      {
        category: C1,
        cells: ['（一）完善安全生产责任体系', '综合办公室', '应急管理部', '2024年3月底前'],
        no: '（一）',
        text: '完善安全生产责任体系',
        deadline: 'once 2024-03-31',
        departments: '综合办公室 lead, 应急管理部 co',
      },
      {
        category: C2,
        cells: ['（二）开展打非治违专项行动', '应急管理部', '建设环保管理部、党群工作部', '2024年4月至10月'],
        no: '（二）',
        text: '开展打非治违专项行动',
        deadline: 'once 2024-04-01..2024-10-31',
        departments: '应急管理部 lead, 建设环保管理部 co, 党群工作部 co',
      },
    ],
    expectYear: 2024,
    expectYearSource: 'title',
  },
  {
    name: 'csv UTF-8-as-GBK 序号 | 排查内容 | 主责部门 | 协同部门 | 办结时限 in another order',
    title: '2024年城镇燃气安全专项排查整治任务分工',
    categoryHeader: null,
    headers: ['办结时限', '序号', '主责部门', '排查内容', '协同部门'],
    rows: [
      {
        cells: ['2024年5月31日前', '1', '建设环保管理部', '排查燃气管网老化隐患', '应急管理部'],
        no: 1,
        text: '排查燃气管网老化隐患',
        deadline: 'once 2024-05-31',
        departments: '建设环保管理部 lead, 应急管理部 co',
      },
      {
        cells: ['每季度末前报送', '2', '应急管理部', '检查餐饮场所燃气使用', ''],
        no: 2,
        text: '检查餐饮场所燃气使用',
        deadline: 'quarterly',
        departments: '应急管理部 lead',
      },
    ],
    expectYear: 2024,
    expectYearSource: 'title',
  },
  {
    name: 'text 编号 | 工作事项 | 落实单位 | 时间要求, 2025 list with a year given that agrees',
    title: '某园区2025年度安全生产工作任务清单',
    categoryHeader: '类别',
    headers: ['编号', '工作事项', '落实单位', '时间要求'],
    rows: [
      {
        category: C1,
        cells: ['1', '签订安全生产目标责任书', '党群工作部、综合办公室', '2025年2月底前'],
        no: 1,
        text: '签订安全生产目标责任书',
        deadline: 'once 2025-02-28',
        departments: '党群工作部 lead, 综合办公室 co',
      },
      {
        category: C2,
        cells: ['2', '开展“安全生产月”活动', '应急管理部', '每年6月'],
        no: 2,
        text: '开展“安全生产月”活动',
        deadline: 'yearly m6',
        departments: '应急管理部 lead',
      },
    ],
    year: 2025,
    expectYear: 2025,
    expectYearSource: 'option',
  },
];

function table(layout: Layout): string[][] {
  const header = layout.categoryHeader === null ? layout.headers : [layout.categoryHeader, ...layout.headers];
  const out: string[][] = [header];
  for (const row of layout.rows) {
    if (layout.categoryHeader === null) {
      if (row.category !== undefined) out.push([row.category]);
      out.push(row.cells);
    } else {
      out.push([row.category ?? '', ...row.cells]);
    }
  }
  return out;
}

async function asXlsx(layout: Layout): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('清单');
  if (layout.title) sheet.addRow([layout.title]);
  for (const cells of table(layout)) sheet.addRow(cells);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function asDocx(layout: Layout): Promise<Uint8Array> {
  const rows = table(layout).map(
    (cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
  );
  const children = [...(layout.title ? [new Paragraph(layout.title)] : []), new Table({ rows })];
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

function asGbkCsv(layout: Layout): Uint8Array {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const lines = [...(layout.title ? [layout.title] : []), ...table(layout).map((r) => r.map(quote).join(','))];
  return new Uint8Array(iconv.encode(lines.join('\r\n'), 'gbk'));
}

function asText(layout: Layout): Uint8Array {
  const lines = [...(layout.title ? [`## ${layout.title}`] : []), ...table(layout).map((r) => r.join('\t'))];
  return new TextEncoder().encode(lines.join('\n'));
}

const FORMATS: Record<string, (l: Layout) => Promise<Uint8Array> | Uint8Array> = {
  xlsx: asXlsx,
  docx: asDocx,
  csv: asGbkCsv,
  text: asText,
};

function formatOf(layout: Layout): string {
  if (layout.name.startsWith('csv')) return 'csv';
  return layout.name.split(' ')[0] === 'GBK'
    ? 'csv'
    : layout.name.startsWith('tab')
      ? 'text'
      : (layout.name.split(' ')[0] ?? '');
}

function departmentsOf(preview: ImportPreview, index: number): string {
  return (preview.tasks[index]?.departments ?? []).map((d) => `${d.name} ${d.role}`).join(', ');
}

describe('task lists in other regions’ layouts', () => {
  it.each(LAYOUTS.map((l) => [l.name, l] as const))('%s', async (_name, layout) => {
    const format = formatOf(layout);
    const build = FORMATS[format];
    if (!build) throw new Error(`no builder for ${format}`);
    const bytes = await build(layout);
    const preview = await previewTaskListImport({
      bytes,
      fileName: `list.${format === 'text' ? 'txt' : format}`,
      year: layout.year,
      registry: demoRegistryInMemory(),
    });
    expect(preview.format).toBe(format);
    expect(preview.problems).toEqual([]);
    expect({ year: preview.year, source: preview.yearSource }).toEqual({
      year: layout.expectYear,
      source: layout.expectYearSource,
    });
    expect(preview.tasks).toHaveLength(layout.rows.length);
    let category = '';
    layout.rows.forEach((row, i) => {
      const task = preview.tasks[i];
      category = row.category ?? category;
      expect({
        category: task?.category,
        text: task?.text,
        deadline: task?.schedule.needsReview ? 'review' : describeRules(task?.schedule.rules ?? []),
        departments: departmentsOf(preview, i),
      }).toEqual({ category, text: row.text, deadline: row.deadline, departments: row.departments });
    });
    const json = toDryRunJson(preview);
    expect(json.tasks.map((t) => t.no)).toEqual(layout.rows.map((r) => r.no));
    expect(json.yearSource).toBe(layout.expectYearSource);
  });

  it('warns when the title disagrees with the year given', async () => {
    const layout = LAYOUTS[0];
    if (!layout) throw new Error('no layout');
    const preview = await previewTaskListImport({
      bytes: await asXlsx(layout),
      fileName: 'list.xlsx',
      year: 2025,
      registry: demoRegistryInMemory(),
    });
    expect(preview.year).toBe(2025);
    expect(preview.warnings.join('')).toContain('标题中的年份 2024');
  });

  it('still refuses a list whose year cannot be told', async () => {
    const layout = { ...LAYOUTS[3], title: '安全生产重点工作推进表' } as Layout;
    const rows = layout.rows.map((r) => ({ ...r, cells: [r.cells[0] ?? '', r.cells[1] ?? '', '长期坚持'] }));
    await expect(
      previewTaskListImport({
        bytes: asGbkCsv({ ...layout, rows }),
        fileName: 'list.csv',
        registry: demoRegistryInMemory(),
      }),
    ).rejects.toThrow(/年份/);
  });
});
