import type { ImportDiff, ImportPreviewResponse } from '@duban/shared/contracts/tasklists';
import { expandOccurrences } from '@duban/shared/deadline/expand-occurrences';
import { phraseOfRules } from '@duban/shared/deadline/phrase-of-rules';
import type { ImportPreview } from './import-preview.ts';

/** The wizard's preview as the contract answers it: each task's dated 任务事项 of the list year, doubts, matches. */
/** Dates were read, yet the reading asks for review (words left over that might matter). */
function readWithDoubt(schedule: ImportPreview['tasks'][number]['schedule']): boolean {
  return schedule.needsReview && schedule.rules.some((r) => r.kind !== 'ongoing' && r.kind !== 'relative');
}

export function presentPreview(
  preview: ImportPreview,
  existing: 'new' | 'same' | 'changed',
  departments: { id: number; name: string; kind: string }[],
  diff: ImportDiff,
): ImportPreviewResponse {
  const window = { from: `${preview.year}-01-01`, to: `${preview.year}-12-31` };
  const byName = new Map(departments.map((d) => [d.name, d]));
  return {
    year: preview.year,
    yearSource: preview.yearSource,
    warnings: preview.warnings,
    diff,
    title: preview.title,
    format: preview.format,
    sha256: preview.sha256,
    existing,
    tasks: preview.tasks.map((t, i) => ({
      seq: i + 1,
      row: t.row,
      category: t.category,
      no: t.no,
      text: t.text,
      departments: t.departments,
      deadline: t.deadline,
      deadlineOverride: t.deadlineOverride,
      schedule: {
        ongoing: t.schedule.ongoing,
        needsReview: t.schedule.needsReview,
        unparsed: t.schedule.unparsed,
        readWithDoubt: readWithDoubt(t.schedule),
        suggestedDeadline: readWithDoubt(t.schedule) ? phraseOfRules(t.schedule.rules) : null,
        occurrences: expandOccurrences(t.schedule.rules, window).map((o) => ({
          start: o.start,
          due: o.due,
          minCount: o.minCount,
          condition: o.condition,
        })),
        relative: t.schedule.rules.filter((r) => r.kind === 'relative').map((r) => r.source),
      },
    })),
    problems: preview.problems,
    unknownDepartments: preview.unknownDepartments.map((u) => ({
      name: u.name,
      suggestions: u.suggestions.flatMap((name) => {
        const d = byName.get(name);
        return d ? [{ id: d.id, name: d.name }] : [];
      }),
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name, kind: d.kind })),
  };
}
