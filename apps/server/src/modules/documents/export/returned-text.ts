import { normalizeCell } from './export-snapshot.ts';
import { NOTHING_DUE_MARK, STATUS_MARK } from './progress-cell.ts';

/**
 * What is new in a returned 工作进展 cell, and whose it is. Pure.
 * The exported cell held accepted progress and status marks; a person fills the cell by replacing the mark,
 * writing under it, or (the office, for a row with several departments) writing `部门名：…` lines.
 */
const MARKS = [...Object.values(STATUS_MARK), NOTHING_DUE_MARK].sort((a, b) => b.length - a.length);

/** Drops a leading status mark from a line, and then the spaces (and, with `punctuation`, the colon) after it. */
function withoutMark(line: string, punctuation = true): string {
  for (const mark of MARKS) {
    if (line.startsWith(mark)) return line.slice(mark.length).replace(punctuation ? /^[\s：:，,、]+/ : /^\s+/, '');
  }
  return line;
}

/** The lines of `value` that were not in the exported cell, with status marks removed. */
export function newProgressText(value: string, exported: string): string {
  const exportedLines = new Set(
    normalizeCell(exported)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return normalizeCell(value)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !exportedLines.has(l))
    .map((line) => withoutMark(line))
    .filter((l) => l !== '')
    .join('\n');
}

export interface NamedDepartment {
  id: number;
  name: string;
}

export interface DepartmentSegment {
  departmentId: number;
  name: string;
  text: string;
}

export interface SplitResult {
  segments: DepartmentSegment[];
  problems: string[];
}

/** `名称：…`, `名称 ✓ 已完成：…` or `名称:…` at the start of a line, for one of `names` (longest first). */
function prefixOf(line: string, names: readonly string[]): { name: string; rest: string } | null {
  for (const name of names) {
    if (!line.startsWith(name)) continue;
    const after = withoutMark(line.slice(name.length).trim(), false);
    const m = /^[：:]\s*([\s\S]*)$/.exec(after);
    if (m) return { name, rest: m[1] ?? '' };
  }
  return null;
}

/**
 * Splits new text into department segments. `rowDepartments` are the row's departments the uploader may file for
 * (a department user: its own only). Lines without a prefix continue the previous segment; leading ones belong to
 * `defaultDepartment` (the uploader's, or the row's only department), else they are a problem.
 */
export function splitByDepartment(
  text: string,
  rowDepartments: readonly NamedDepartment[],
  otherNames: readonly string[],
  defaultDepartment: NamedDepartment | null,
): SplitResult {
  const byName = new Map(rowDepartments.map((d) => [d.name, d]));
  const names = [...new Set([...byName.keys(), ...otherNames])].sort((a, b) => b.length - a.length);
  const segments = new Map<number, DepartmentSegment>();
  const problems: string[] = [];
  let current: DepartmentSegment | null = null;
  let unassigned = false;
  const open = (d: NamedDepartment): DepartmentSegment => {
    const existing = segments.get(d.id);
    if (existing) return existing;
    const created = { departmentId: d.id, name: d.name, text: '' };
    segments.set(d.id, created);
    return created;
  };
  const append = (segment: DepartmentSegment, line: string) => {
    if (line !== '') segment.text = segment.text === '' ? line : `${segment.text}\n${line}`;
  };
  for (const line of text.split('\n')) {
    const prefix = prefixOf(line, names);
    if (prefix) {
      const d = byName.get(prefix.name);
      if (!d) {
        problems.push(`“${prefix.name}”不是本行可填报的责任部门，该部门的内容未写入`);
        current = null;
        unassigned = true;
        continue;
      }
      current = open(d);
      append(current, prefix.rest.trim());
      continue;
    }
    if (current) {
      append(current, line);
    } else if (defaultDepartment && !unassigned) {
      current = open(defaultDepartment);
      append(current, line);
    } else if (!unassigned) {
      problems.push('该任务有多个责任部门，请在内容前写明部门名称（如“应急管理部：……”），未写入');
      unassigned = true;
    }
  }
  return { segments: [...segments.values()].filter((s) => s.text !== ''), problems };
}
