import { createHash } from 'node:crypto';
import type { ImportDiff, ImportDryRunResponse } from '@duban/shared/contracts/tasklists';
import { type ParseDeadlineOptions, type ParsedDeadline, parseDeadline } from '@duban/shared/deadline/parse-deadline';
import { AppError } from '../../core/app-error.ts';
import { bundledHolidayYears } from '../calendar/calendar.service.ts';
import type { DepartmentRegistry } from '../departments/department-registry.ts';
import { decideListYear, type YearSource } from './import-year.ts';
import { markupProblems } from './markup-check.ts';
import { parseTaskListFile } from './parse/parse-tasklist-file.ts';
import { TaskListFileError } from './parse/tasklist-file-error.ts';
import type { AssignmentRole, ImportProblem, RawTaskRow } from './parse/tasklist-parse.types.ts';

export interface PreviewDepartment {
  /** Registry name when matched, else the cleaned name from the file. */
  name: string;
  role: AssignmentRole;
  departmentId: number | null;
}

export interface PreviewTask {
  row: number;
  category: string;
  no: number | string;
  /** False when the list has no 序号 and `no` is the row's position. */
  noWritten?: boolean;
  text: string;
  departmentsText: string;
  departments: PreviewDepartment[];
  deadline: string;
  /** The office's correction of the deadline, from which `schedule` was read; null when none. */
  deadlineOverride: string | null;
  schedule: ParsedDeadline;
  progress: string | null;
}

export interface ImportPreview {
  sourceName: string;
  sourceBytes: Uint8Array;
  sha256: string;
  format: string;
  title: string | null;
  year: number;
  /** Where the year came from (the user, the title, the deadlines). */
  yearSource: YearSource;
  /** Shown, not blocking: a title or deadlines that disagree with the year given, a year taken from the deadlines. */
  warnings: string[];
  tasks: PreviewTask[];
  problems: ImportProblem[];
  unknownDepartments: { name: string; suggestions: string[] }[];
  /** Unknown names the office matched to existing departments: recorded as aliases on commit. */
  aliasesToAdd: { alias: string; departmentId: number }[];
}

/** The office's decisions in the import wizard. Keys of deadlineOverrides are row positions (1-based). */
export interface ImportDecisions {
  departmentMap?: Record<string, number>;
  deadlineOverrides?: Record<string, string>;
}

/** Reads a file into a preview: parsed rows, departments matched against the registry, deadlines parsed. Writes nothing. */
export async function previewTaskListImport(input: {
  bytes: Uint8Array;
  fileName: string;
  year?: number | undefined;
  registry: DepartmentRegistry;
  decisions?: ImportDecisions;
  /** How the file is read: in-process by default (CLI, demo list); HTTP routes read it in the worker pool. */
  parse?: typeof parseTaskListFile;
}): Promise<ImportPreview> {
  let parsed: Awaited<ReturnType<typeof parseTaskListFile>>;
  try {
    parsed = await (input.parse ?? parseTaskListFile)(input.bytes, input.fileName);
  } catch (error) {
    if (error instanceof TaskListFileError) throw new AppError('unreadable_file', error.message);
    throw error;
  }
  const decided = decideListYear({
    option: input.year,
    title: parsed.title,
    deadlines: parsed.tasks.map((t) => t.deadline),
  });
  const { year, yearSource } = decided;
  if (year === undefined || yearSource === undefined) {
    throw new AppError('bad_request', '无法从标题确定任务清单的年份，请用 --year 指定 (cannot tell the list year)');
  }

  const unknown = new Map<string, string[]>();
  const departmentMap = resolveDepartmentMap(input.decisions?.departmentMap ?? {}, input.registry);
  const overrides = input.decisions?.deadlineOverrides ?? {};
  for (const key of Object.keys(overrides)) {
    const seq = Number(key);
    if (!Number.isInteger(seq) || seq < 1 || seq > parsed.tasks.length) {
      throw new AppError('validation_failed', `完成时限修正指向不存在的第 ${key} 项任务`, [
        { path: `deadlineOverrides.${key}`, message: '无此任务' },
      ]);
    }
  }
  const tasks = parsed.tasks.map((row, index) => {
    const departments = matchDepartments(row, input.registry, departmentMap, unknown);
    const override = overrides[String(index + 1)]?.trim() || null;
    return {
      row: row.row,
      category: row.category,
      no: row.no,
      ...(row.noWritten === false ? { noWritten: false } : {}),
      text: row.text,
      departmentsText: row.departmentsText,
      departments,
      deadline: row.deadline,
      deadlineOverride: override,
      schedule: parseDeadline(override ?? row.deadline, { year, holidays: holidayLookup() }),
      progress: row.progress,
    };
  });
  return {
    sourceName: input.fileName,
    sourceBytes: input.bytes,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    format: parsed.format,
    title: parsed.title,
    year,
    yearSource,
    warnings: decided.warnings,
    tasks,
    problems: [...parsed.problems, ...markupProblems(parsed.title, parsed.tasks)],
    unknownDepartments: [...unknown].map(([name, suggestions]) => ({ name, suggestions })),
    aliasesToAdd: [...departmentMap].map(([alias, d]) => ({ alias, departmentId: d.id })),
  };
}

function resolveDepartmentMap(
  map: Record<string, number>,
  registry: DepartmentRegistry,
): Map<string, { id: number; name: string }> {
  const resolved = new Map<string, { id: number; name: string }>();
  for (const [name, id] of Object.entries(map)) {
    const department = registry.departments.find((d) => d.id === id);
    if (!department) {
      throw new AppError('validation_failed', `部门对应关系中的部门不存在：${name} → ${id}`, [
        { path: `departmentMap.${name}`, message: '部门不存在' },
      ]);
    }
    resolved.set(name, department);
  }
  return resolved;
}

function matchDepartments(
  row: RawTaskRow,
  registry: DepartmentRegistry,
  departmentMap: Map<string, { id: number; name: string }>,
  unknown: Map<string, string[]>,
): PreviewDepartment[] {
  const result: PreviewDepartment[] = [];
  for (const d of row.departments) {
    const raw = d.alias ? `${d.name}（${d.alias}）` : d.name;
    const m = registry.match(raw);
    const mapped = m.status === 'unknown' ? departmentMap.get(m.name) : undefined;
    let entry: PreviewDepartment;
    if (m.status === 'matched') entry = { name: m.department.name, role: d.role, departmentId: m.department.id };
    else if (mapped) entry = { name: mapped.name, role: d.role, departmentId: mapped.id };
    else entry = { name: m.name, role: d.role, departmentId: null };
    if (m.status === 'unknown' && !mapped && !unknown.has(m.name)) unknown.set(m.name, m.suggestions);
    if (!result.some((r) => r.name === entry.name)) result.push(entry);
  }
  return result;
}

/** A problem as one line for people: the parsers already start most messages with 第N行. */
export function formatProblem(p: ImportProblem): string {
  return p.message.startsWith('第') ? p.message : `第${p.row}行：${p.message}`;
}

/** The stable `import --dry-run --json` shape. */
export function toDryRunJson(preview: ImportPreview, diff?: ImportDiff): ImportDryRunResponse {
  return {
    tasks: preview.tasks.map((t) => ({
      category: t.category,
      no: t.noWritten === false ? null : t.no,
      text: t.text,
      departments: t.departments.map((d) => ({ name: d.name, role: d.role })),
      deadline: t.deadline,
    })),
    problems: preview.problems,
    year: preview.year,
    title: preview.title,
    format: preview.format,
    unknownDepartments: preview.unknownDepartments,
    deadlinesNeedingReview: preview.tasks
      .filter((t) => t.schedule.needsReview)
      .map((t) => ({ no: t.no, deadline: t.deadline })),
    yearSource: preview.yearSource,
    warnings: preview.warnings,
    ...(diff ? { diff } : {}),
  };
}

let holidays: ParseDeadlineOptions['holidays'] | undefined;

/** The bundled State Council holiday arrangements as the deadline reader's lookup (春节前 → the eve of the holiday). */
function holidayLookup(): NonNullable<ParseDeadlineOptions['holidays']> {
  if (!holidays) {
    const years = new Map(bundledHolidayYears().map((y) => [y.year, y]));
    holidays = (name, year) => years.get(year)?.holidays.find((h) => h.name.split(/[、,，]/).includes(name)) ?? null;
  }
  return holidays;
}
