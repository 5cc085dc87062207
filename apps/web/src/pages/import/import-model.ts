import type { ImportPreviewResponse, ImportProblem, PreviewTask, UnknownDepartment } from '../../api/contracts.ts';

/**
 * What the office chose for an unknown department name: an existing department, or create it unconfirmed; null
 * while undecided — nothing is created as a new department without the clerk choosing it (issue 13 item 7).
 */
export type DepartmentChoice = number | 'new' | null;

export function departmentMapOf(choices: Record<string, DepartmentChoice>): Record<string, number> {
  const map: Record<string, number> = {};
  for (const [name, choice] of Object.entries(choices)) if (typeof choice === 'number') map[name] = choice;
  return map;
}

const core = (name: string) => name.replace(/^(开发区|经济开发区|市|县|区)/, '').replace(/[（(].*?[)）]/g, '');

/** A strong match: one name contains the other (开发区应急管理部 ~ 应急管理部, 应急管理部（执法局） ~ 应急管理部). */
export function strongSuggestion(u: UnknownDepartment): { id: number; name: string } | null {
  const own = core(u.name);
  const first = u.suggestions[0];
  if (!first || own.length < 2) return null;
  const other = core(first.name);
  return other.length >= 2 && (own.includes(other) || other.includes(own)) ? first : null;
}

/** Strong matches preselected; everything else undecided. */
export function initialChoices(unknown: readonly UnknownDepartment[]): Record<string, DepartmentChoice> {
  return Object.fromEntries(unknown.map((u) => [u.name, strongSuggestion(u)?.id ?? null]));
}

export function undecidedNames(choices: Record<string, DepartmentChoice>): string[] {
  return Object.entries(choices)
    .filter(([, c]) => c === null)
    .map(([name]) => name);
}

export type PreviewRow =
  | { kind: 'task'; key: string; row: number; task: PreviewTask }
  | { kind: 'problem'; key: string; row: number; problem: ImportProblem };

/** Tasks and unreadable rows in file order, so a problem shows where it is in the file. */
export function previewRows(preview: ImportPreviewResponse): PreviewRow[] {
  const rows: PreviewRow[] = [
    ...preview.tasks.map((task) => ({ kind: 'task' as const, key: `t${task.seq}`, row: task.row, task })),
    ...preview.problems.map((problem, i) => ({
      kind: 'problem' as const,
      key: `p${i}`,
      row: problem.row,
      problem,
    })),
  ];
  return rows.sort((a, b) => a.row - b.row || (a.kind === 'problem' ? 1 : -1));
}

export interface PreviewSummary {
  tasks: number;
  categories: number;
  problems: number;
  unknown: number;
  needsReview: number;
}

export function summarize(preview: ImportPreviewResponse): PreviewSummary {
  return {
    tasks: preview.tasks.length,
    categories: new Set(preview.tasks.map((t) => t.category)).size,
    problems: preview.problems.length,
    unknown: preview.unknownDepartments.length,
    needsReview: preview.tasks.filter((t) => t.schedule.needsReview).length,
  };
}

/** How many tasks name an unknown department. */
export function usageCount(preview: ImportPreviewResponse, name: string): number {
  return preview.tasks.filter((t) => t.departments.some((d) => d.name === name)).length;
}
