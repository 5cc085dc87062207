/** Recognise the header row of a task list by its column names (any order, simplified or traditional). */

import { toSimplified } from '@duban/shared/text/traditional';
import type { ColumnField, HeaderMap } from './tasklist-parse.types.ts';

/** How far down the header row may sit (titles and notes may come first). */
export const HEADER_SCAN_ROWS = 15;

const SYNONYMS: ReadonlyArray<readonly [ColumnField, readonly string[]]> = [
  ['category', ['主要内容', '任务类别', '工作类别', '专项行动', '重点领域', '类别', '行动', '领域', '项目']],
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
    ],
  ],
  ['lead', ['牵头单位', '牵头部门']],
  ['co', ['配合单位', '配合部门', '协办单位', '参与单位']],
  ['departments', ['责任部门', '责任单位', '承办机构', '责任主体', '责任处室']],
  ['deadline', ['完成时限', '完成时间', '时间安排', '时限要求', '完成期限', '时间节点']],
  ['progress', ['工作进展', '完成情况', '进展情况', '落实情况']],
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
 * The header map of a row, or null when the row is not a header (it needs a 序号 and a 工作任务 column).
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
  if (no === undefined || task === undefined || no === task) return null;
  const map: HeaderMap = { no, task, ...rest };
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
