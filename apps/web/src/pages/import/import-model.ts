import type { ImportPreviewResponse, ImportProblem, PreviewTask } from '../../api/contracts.ts';

/** What the office chose for an unknown department name: an existing department, or create it unconfirmed. */
export type DepartmentChoice = number | 'new';

export function departmentMapOf(choices: Record<string, DepartmentChoice>): Record<string, number> {
  const map: Record<string, number> = {};
  for (const [name, choice] of Object.entries(choices)) if (choice !== 'new') map[name] = choice;
  return map;
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
