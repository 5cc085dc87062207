/** Recognise the header row of a task list by its column names (any order, simplified or traditional). */

import { toSimplified } from '@duban/shared/text/traditional';
import type { ColumnField, HeaderMap } from './tasklist-parse.types.ts';

/** How far down the header row may sit (titles and notes may come first). */
export const HEADER_SCAN_ROWS = 15;

/**
 * Column names, gathered from many published lists (provincial, city and zone task lists, inspection plans, drill
 * plans, rectification ledgers), not from one.
 */
const SYNONYMS: ReadonlyArray<readonly [ColumnField, readonly string[]]> = [
  [
    'category',
    ['主要内容', '任务类别', '工作类别', '专项行动', '重点领域', '类别', '行动', '领域', '项目', '工作板块', '板块'],
  ],
  ['no', ['序号', '编号']],
  [
    'task',
    [
      '工作任务',
      '重点任务',
      '检查内容',
      '任务内容',
      '工作内容',
      '主要任务',
      '具体任务',
      '工作措施',
      '具体措施',
      '主要措施',
      '工作举措',
      '任务',
      '排查内容',
      '整治内容',
      '治理内容',
      '检查事项',
      '检查项目',
      '演练内容',
      '演练项目',
      '演练科目',
      '演练名称',
      '培训内容',
      '重点工作',
      '工作事项',
      '任务事项',
      '具体工作',
      '主要工作',
      '任务名称',
      '工作要点',
      '工作要求',
      '目标任务',
      '推进措施',
      '整改措施',
      '措施',
      '事项',
    ],
  ],
  [
    'lead',
    ['牵头单位', '牵头部门', '牵头责任单位', '牵头责任部门', '责任牵头单位', '主办单位', '主责单位', '主责部门'],
  ],
  [
    'co',
    [
      '配合单位',
      '配合部门',
      '协办单位',
      '参与单位',
      '参与部门',
      '协同单位',
      '协同部门',
      '协作单位',
      '配合责任单位',
      '协办部门',
    ],
  ],
  [
    'departments',
    [
      '责任部门',
      '责任单位',
      '承办机构',
      '责任主体',
      '责任处室',
      '承办单位',
      '承办部门',
      '实施单位',
      '实施主体',
      '落实单位',
      '承担单位',
      '负责单位',
      '负责部门',
      '责任科室',
      '责任股室',
      '执行单位',
    ],
  ],
  [
    'deadline',
    [
      '完成时限',
      '完成时间',
      '时间安排',
      '时限要求',
      '完成期限',
      '时间节点',
      '推进时限',
      '办结时限',
      '截止时间',
      '计划完成时间',
      '进度安排',
      '节点安排',
      '时间要求',
      '完成节点',
      '时限',
      '检查时间',
      '演练时间',
      '实施时间',
    ],
  ],
  ['progress', ['工作进展', '完成情况', '进展情况', '落实情况', '推进情况', '进度情况']],
];

/** Strip spaces, newlines, `*`, parenthesised notes and colons; traditional → simplified. */
export function normalizeHeaderCell(cell: string): string {
  return toSimplified(cell)
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：]/g, '');
}

/** The field a header cell names: the longest synonym it contains wins (任务类别 is a category, not a task). */
export function matchHeaderCell(cell: string): ColumnField | null {
  const norm = normalizeHeaderCell(cell);
  if (norm === '' || norm.length > 12) return null;
  let best: ColumnField | null = null;
  let bestLength = 0;
  for (const [field, words] of SYNONYMS) {
    for (const word of words) {
      if (word.length > bestLength && norm.includes(word)) {
        best = field;
        bestLength = word.length;
      }
    }
  }
  return best;
}

/**
 * The header map of a row, or null when the row is not a header: it needs a 工作任务 column and a 序号 column, or,
 * for lists without 序号, a 工作任务, a department and a deadline column.
 * With a 牵头 column, a generic 责任单位/责任部门 column is the co-operating (co) column; with only a 配合 column,
 * the generic one is the lead column.
 */
export function matchHeaderRow(cells: readonly string[]): HeaderMap | null {
  const found: Partial<Record<ColumnField, number>> = {};
  const taskColumns: number[] = [];
  cells.forEach((cell, index) => {
    const field = matchHeaderCell(cell);
    if (field === 'task') taskColumns.push(index);
    if (field !== null && found[field] === undefined) found[field] = index;
  });
  if (taskColumns.length > 1) {
    // 重点任务 | 具体措施: the measure column holds the tasks, the broader one groups them.
    const measure = taskColumns.find((i) => /措施|举措|具体/.test(normalizeHeaderCell(cells[i] ?? '')));
    found.task = measure ?? taskColumns[taskColumns.length - 1];
    if (found.category === undefined) found.category = taskColumns.find((i) => i !== found.task);
  }
  const { no, task, departments, ...rest } = found;
  if (task === undefined || no === task) return null;
  // Without 序号 a row is a header only when it also names departments and deadlines (rows are numbered in order).
  const hasDepartments = departments !== undefined || rest.lead !== undefined || rest.co !== undefined;
  if (no === undefined && !(hasDepartments && rest.deadline !== undefined)) return null;
  const map: HeaderMap = { ...(no === undefined ? {} : { no }), task, ...rest };
  if (departments !== undefined) {
    if (map.lead !== undefined && map.co === undefined) map.co = departments;
    else if (map.lead === undefined && map.co !== undefined) map.lead = departments;
    else if (map.lead === undefined) map.departments = departments;
  }
  return map;
}

export interface HeaderHit {
  /** Index into the rows given. */
  index: number;
  header: HeaderMap;
}

/** The first row among the first HEADER_SCAN_ROWS rows that is a header row. */
export function findHeaderRow(rows: ReadonlyArray<{ cells: readonly string[] }>): HeaderHit | null {
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let index = 0; index < limit; index++) {
    const row = rows[index];
    const header = row === undefined ? null : matchHeaderRow(row.cells);
    if (header !== null) return { index, header };
  }
  return null;
}

/** Two header maps name the same columns (a table continued on the next page). */
export function sameHeader(a: HeaderMap, b: HeaderMap): boolean {
  const fields: ColumnField[] = ['category', 'no', 'task', 'departments', 'lead', 'co', 'deadline', 'progress'];
  return fields.every((field) => a[field] === b[field]);
}
