import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTaskListFile } from './parse-tasklist-file.ts';
import type { ParsedTaskList, RawTaskRow } from './tasklist-parse.types.ts';

const SEED = new Uint8Array(readFileSync(new URL('../../../../seed/xinzhou-2024-tasklist.txt', import.meta.url)));

const CATEGORIES = [
  '（一）开展安全生产责任大落实行动',
  '（二）开展生产经营单位主要负责人安全教育培训行动',
  '（三）开展生产经营单位从业人员安全素质能力提升行动',
  '（四）开展生产经营单位安全管理体系建设行动',
  '（五）开展重大事故隐患判定标准体系提升及“一行业一清单”行动',
  '（六）开展重大事故隐患动态清零行动',
  '（七）开展安全科技支撑和工程治理行动',
  '（八）开展安全生产监督管理职责厘清行动',
  '（九）开展安全生产精准执法和帮扶行动',
  '（十）开展党政领导干部安全生产履职能力提升行动',
  '（十一）开展全民安全素质提升行动',
];

/** The seed as CSV: one record per line, the `## ` title as a one-cell row. */
function seedAsCsv(): string {
  const text = new TextDecoder().decode(SEED);
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return text
    .split('\n')
    .map((line) => (line.startsWith('## ') ? quote(line.slice(3)) : line.split('\t').map(quote).join(',')))
    .join('\r\n');
}

function task(list: ParsedTaskList, no: number): RawTaskRow {
  const found = list.tasks.find((t) => t.no === no);
  if (found === undefined) throw new Error(`task ${no} missing`);
  return found;
}

describe('seed text task list', () => {
  let list: ParsedTaskList;
  beforeAll(async () => {
    list = await parseTaskListFile(SEED, 'xinzhou-2024-tasklist.txt');
  });

  it('reads 64 tasks in 11 categories without problems', () => {
    expect(list.format).toBe('text');
    expect(list.title).toBe('忻州经济开发区安全生产治本攻坚三年行动任务清单（2024年）');
    expect(list.problems).toEqual([]);
    expect(list.tasks).toHaveLength(64);
    expect(list.tasks.map((t) => t.no)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect([...new Set(list.tasks.map((t) => t.category))]).toEqual(CATEGORIES);
    expect(list.tasks.every((t) => t.progress === null && t.departments.length > 0 && t.deadline !== '')).toBe(true);
  });

  it('task 1: the `and` artefact becomes 和, one lead department', () => {
    expect(task(list, 1)).toEqual({
      row: 6,
      category: CATEGORIES[0],
      no: 1,
      text: '党工委理论学习中心组每季度至少专题学习党的二十大精神和习近平总书记关于应急管理、安全生产、消防、防灾减灾救灾工作重要指示一次。',
      departments: [{ name: '党群工作部', alias: null, role: 'lead' }],
      departmentsText: '党群工作部',
      deadline: '每季度至少一次，长期坚持',
      progress: null,
    });
  });

  it('task 12: a category fragment mid-page keeps the full title; suffix after a space → supervise', () => {
    const t = task(list, 12);
    expect(t.row).toBe(21);
    expect(t.category).toBe(CATEGORIES[0]);
    expect(t.text).toBe('高危企业主要负责人每月至少带队检查一次安全生产、每半年至少组织一次生产安全事故应急救援演练。');
    expect(t.departments).toEqual([
      { name: '应急管理部', alias: null, role: 'supervise' },
      { name: '建设环保管理部', alias: null, role: 'supervise' },
    ]);
    expect(t.departmentsText).toBe('应急管理部、建设环保管理部 督促企业落实');
    expect(t.deadline).toBe('每月至少检查一次，每半年至少组织一次，长期坚持');
  });

  it('task 15: the category tail after a page break belongs to （一）; suffix without a space', () => {
    const t = task(list, 15);
    expect(t.row).toBe(28);
    expect(t.category).toBe(CATEGORIES[0]);
    expect(t.departments).toEqual([
      { name: '应急管理部', alias: null, role: 'supervise' },
      { name: '建设环保管理部', alias: null, role: 'supervise' },
    ]);
    expect(t.departmentsText).toBe('应急管理部、建设环保管理部督促企业落实');
    expect(t.deadline).toBe('长期坚持');
  });

  it('task 24: parentheses in text and deadline are kept as written', () => {
    const t = task(list, 24);
    expect(t.category).toBe(CATEGORIES[2]);
    expect(t.text).toBe(
      '在厂区范围内，针对办公、生产、生活等区域，每年分别至少集中开展1次疏散逃生演练（高危行业领域每半年至少1次）',
    );
    expect(t.deadline).toBe('每年分别至少集中开展1次（高危行业领域每半年至少1次）');
    expect(t.departments.map((d) => d.role)).toEqual(['supervise', 'supervise']);
  });

  it('task 44: text not rewritten; first department leads, the others co-operate', () => {
    const t = task(list, 44);
    expect(t.category).toBe(CATEGORIES[6]);
    expect(t.text.startsWith('同招才引智服务中心，')).toBe(true);
    expect(t.departments).toEqual([
      { name: '应急管理部', alias: null, role: 'lead' },
      { name: '建设环保管理部', alias: null, role: 'co' },
      { name: '招才引智服务中心', alias: null, role: 'co' },
    ]);
  });

  it('task 46: a group with the 牵头 suffix', () => {
    const t = task(list, 46);
    expect(t.category).toBe(CATEGORIES[7]);
    expect(t.departments).toEqual([{ name: '各专业委员会', alias: null, role: 'lead' }]);
    expect(t.departmentsText).toBe('各专业委员会牵头');
    expect(t.deadline).toBe('2024年12月底');
  });

  it('tasks 61–64: the category split over a page break is joined; task 62 has an alias', () => {
    for (const no of [61, 62, 63, 64]) expect(task(list, no).category).toBe(CATEGORIES[10]);
    const t = task(list, 62);
    expect(t.row).toBe(105);
    expect(t.departments).toEqual([
      { name: '应急管理部', alias: '综合行政执法局', role: 'lead' },
      { name: '建设环保管理部', alias: null, role: 'co' },
      { name: '党群工作部', alias: null, role: 'co' },
    ]);
    expect(t.departmentsText).toBe('应急管理部（综合行政执法局）、建设环保管理部、党群工作部');
  });

  it('the seed as GBK CSV gives the same tasks', async () => {
    const csv = await parseTaskListFile(new Uint8Array(iconv.encode(seedAsCsv(), 'gbk')), 'list.csv');
    expect(csv.format).toBe('csv');
    expect(csv.title).toBe(list.title);
    expect(csv.problems).toEqual([]);
    expect(csv.tasks).toEqual(list.tasks);
  });

  it('the seed as UTF-8 CSV with a BOM gives the same tasks', async () => {
    const body = new TextEncoder().encode(seedAsCsv());
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const csv = await parseTaskListFile(bytes, 'list.csv');
    expect(csv.format).toBe('csv');
    expect(csv.problems).toEqual([]);
    expect(csv.tasks).toEqual(list.tasks);
  });

  it('the seed text encoded as GB18030 decodes the same', async () => {
    const text = new TextDecoder().decode(SEED);
    const gb = await parseTaskListFile(new Uint8Array(iconv.encode(text, 'gb18030')), 'list.txt');
    expect(gb.format).toBe('text');
    expect(gb.tasks).toEqual(list.tasks);
  });
});
