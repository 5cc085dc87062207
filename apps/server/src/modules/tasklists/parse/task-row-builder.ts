/**
 * Shared row → task logic for every format. Rows after the header are one of: blank (skipped), a repeated title or
 * header (skipped), a category heading (`一、…` / `（二）…` alone in the row, or only the category cell), a task, or
 * a problem. Nothing is dropped silently.
 *
 * Decisions: a task needs 序号 and 工作任务. A row with 工作任务 but no 序号, or 序号 but no 工作任务, is a problem
 * and not a task. A task with an empty 责任部门 or 完成时限 is returned as a task *and* reported as a problem.
 * Repeated 序号 is fine (numbering may restart per category); an exact duplicate row is reported and left out.
 */
import { type CategoryRef, CategoryTracker, isCategoryHeading } from './category-tracker.ts';
import { parseDepartmentCell } from './department-cell.ts';
import { matchHeaderRow } from './header-match.ts';
import type {
  ColumnField,
  HeaderMap,
  ImportProblem,
  ParsedDepartment,
  RawTaskRow,
  SourceRow,
} from './tasklist-parse.types.ts';
import { asciiDigits, cleanTaskText, collapseWhitespace } from './text-normalize.ts';

export interface BuildTasksInput {
  header: HeaderMap;
  headerRow: SourceRow;
  /** The rows after the header row. */
  rows: readonly SourceRow[];
  title: string | null;
  /** PDF-derived text: join split category titles (see CategoryTracker). */
  joinFragments: boolean;
}

export interface BuildTasksResult {
  tasks: RawTaskRow[];
  problems: ImportProblem[];
}

interface PendingTask {
  task: RawTaskRow;
  category: CategoryRef | null;
}

export function rowLabel(row: SourceRow): string {
  return row.label ?? `第${row.row}行`;
}

function excerpt(text: string): string {
  const flat = collapseWhitespace(text);
  return flat.length > 20 ? `${flat.slice(0, 20)}…` : flat;
}

/** 序号 as a number when it is an integer (`1`, `１`, `1、`, `1.`), else the label as written. */
export function parseTaskNo(cell: string): number | string {
  const trimmed = cell.trim();
  const match = /^(\d+)\s*[、.．]?$/.exec(asciiDigits(trimmed));
  return match?.[1] === undefined ? trimmed : Number(match[1]);
}

/**
 * A 序号 that is not an integer is kept as written when it looks like a label (`1.2`, `（三）`, `A-1`, `一`):
 * short, with a digit, a Chinese numeral or a Latin letter. Anything else is text that slipped into the column.
 */
export function isTaskNoLabel(no: number | string): boolean {
  if (typeof no === 'number') return true;
  return no.length <= 10 && /[0-9０-９零〇一二三四五六七八九十A-Za-z]/.test(no) && !/[\u4e00-\u9fff]{3}/.test(no);
}

function readDepartments(
  header: HeaderMap,
  get: (field: ColumnField) => string,
): {
  departments: ParsedDepartment[];
  text: string;
  leadMissing: boolean;
} {
  if (header.lead !== undefined || header.co !== undefined) {
    const lead = get('lead');
    const co = get('co');
    const departments: ParsedDepartment[] = [];
    const seen = new Set<string>();
    for (const dept of [...parseDepartmentCell(lead, 'lead'), ...parseDepartmentCell(co, 'co')]) {
      if (seen.has(dept.name)) continue;
      seen.add(dept.name);
      departments.push(dept);
    }
    const text = [lead, co].filter((cell) => cell !== '').join('；');
    return { departments, text, leadMissing: lead === '' && co !== '' };
  }
  const cell = get('departments');
  return { departments: parseDepartmentCell(cell), text: cell, leadMissing: false };
}

/** A label written at the start of a task cell in a list without 序号: `1.`, `1、`, `（3）`, `（三）`, `一、`. */
const LEADING_LABEL =
  /^\s*(?:([0-9０-９]{1,3})\s*[、.．)）]|[（(]([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[）)]|([一二三四五六七八九十]{1,3})\s*、)\s*/;

/**
 * Lists without a 序号 column: the label written at the start of the task cell when there is one, else the row's
 * position among the tasks (row order kept).
 */
export function numberInOrder(
  taskCell: string,
  position: number,
): { no: number | string; text: string; written: boolean } {
  const m = LEADING_LABEL.exec(taskCell);
  const rest = m ? taskCell.slice(m[0].length) : '';
  if (m && rest.trim() !== '') {
    const digits = m[1] ?? (m[2] !== undefined && /^[0-9０-９]+$/.test(m[2]) ? m[2] : undefined);
    const no = digits !== undefined ? Number(asciiDigits(digits)) : m[0].trim();
    return { no, text: rest, written: true };
  }
  return { no: position, text: taskCell, written: false };
}

export function buildTaskRows(input: BuildTasksInput): BuildTasksResult {
  const { header, rows, title } = input;
  const problems: ImportProblem[] = [];
  const pending: PendingTask[] = [];
  /** Exact-duplicate detection: row key → label of the first such row. */
  const seen = new Map<string, string>();
  const tracker = new CategoryTracker(input.joinFragments);
  const normalizedTitle = title === null ? null : collapseWhitespace(title.replace(/^#+\s*/, ''));
  const hasDepartments = header.departments !== undefined || header.lead !== undefined || header.co !== undefined;

  const headerLabel = rowLabel(input.headerRow);
  if (!hasDepartments) problems.push({ row: input.headerRow.row, message: `${headerLabel}：表头缺少“责任部门”列` });
  if (header.deadline === undefined) {
    problems.push({ row: input.headerRow.row, message: `${headerLabel}：表头缺少“完成时限”列` });
  }

  for (const source of rows) {
    const label = rowLabel(source);
    const problem = (message: string) => problems.push({ row: source.row, message: `${label}：${message}` });
    const get = (field: ColumnField): string => {
      const index = header[field];
      return index === undefined ? '' : (source.cells[index] ?? '').trim();
    };
    const filled = source.cells.map((cell, index) => ({ cell: cell.trim(), index })).filter((c) => c.cell !== '');
    if (filled.length === 0) continue;
    if (
      filled.length === 1 &&
      normalizedTitle !== null &&
      collapseWhitespace(filled[0]?.cell ?? '') === normalizedTitle
    ) {
      continue;
    }
    if (matchHeaderRow(source.cells) !== null) continue;

    const numbered = header.no === undefined ? numberInOrder(get('task'), pending.length + 1) : null;
    const noCell = numbered === null ? get('no') : String(numbered.no);
    const text = cleanTaskText(numbered === null ? get('task') : numbered.text);
    const categoryCell = get('category');

    // A heading alone in its row (often merged across it, so it may sit in any column) starts a category.
    const only = filled.length === 1 ? filled[0] : undefined;
    if (only !== undefined && (isCategoryHeading(only.cell) || only.index === header.category)) {
      tracker.see(only.cell);
      continue;
    }
    if (noCell === '' && text === '') {
      problem(`序号和工作任务均为空，无法识别（内容：“${excerpt(filled.map((c) => c.cell).join(' '))}”）`);
      continue;
    }
    tracker.see(categoryCell);
    if (noCell === '') {
      problem(`序号为空，工作任务“${excerpt(text)}”未导入`);
      continue;
    }
    const no = numbered === null ? parseTaskNo(noCell) : numbered.no;
    if (text !== '' && !isTaskNoLabel(no)) {
      problem(`序号“${no}”不是有效的编号，工作任务“${excerpt(text)}”未导入`);
      continue;
    }
    if (text === '') {
      problem(typeof no === 'number' ? `序号“${no}”的工作任务为空` : `序号“${no}”不是数字，工作任务为空`);
      continue;
    }

    const { departments, text: departmentsText, leadMissing } = readDepartments(header, get);
    const deadline = get('deadline');
    const progress = get('progress');
    const category = tracker.currentCategory;
    const key = JSON.stringify([
      category === null ? -1 : tracker.categories.indexOf(category),
      no,
      text,
      departmentsText,
      deadline,
      progress,
    ]);
    const first = seen.get(key);
    if (first !== undefined) {
      problem(`与${first}完全重复，已忽略`);
      continue;
    }
    seen.set(key, label);
    if (hasDepartments && departments.length === 0) problem(`责任部门为空（序号“${no}”）`);
    else if (leadMissing) problem(`牵头单位为空（序号“${no}”）`);
    if (header.deadline !== undefined && deadline === '') problem(`完成时限为空（序号“${no}”）`);

    pending.push({
      category,
      task: {
        row: source.row,
        category: '',
        no,
        ...(numbered !== null && !numbered.written ? { noWritten: false } : {}),
        text,
        departments,
        departmentsText,
        deadline,
        progress: progress === '' ? null : progress,
      },
    });
  }

  // Categories are final only now (a title split over a page break is joined later on).
  const tasks = pending.map(({ task, category }) => ({ ...task, category: category?.title ?? '' }));
  return { tasks, problems };
}
