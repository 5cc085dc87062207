/**
 * The import wizard's diff: what a (re-)import would add, change and remove against the list already imported for
 * that year, keyed by row position as import-sync writes it, and which of the touched tasks already have 工作进展
 * (their occurrences would be deleted, so the commit would refuse).
 */
import type { ImportDiff } from '@duban/shared/contracts/tasklists';
import type { Db } from '../../db/database.ts';
import type { PreviewTask } from './import-preview.ts';
import { findTaskList, listTaskIdsWithProgress, listTasks } from './tasklists.repository.ts';

export interface ExistingTask {
  seq: number;
  no: string;
  text: string;
  deadline: string;
  departmentsText: string;
  /** The task has 工作进展 on its occurrences (a report in any state) or a granted extension. */
  hasReports: boolean;
}

type NewTask = Pick<PreviewTask, 'no' | 'text' | 'deadline' | 'departmentsText' | 'deadlineOverride'>;

/** Pure: the diff of the new rows against the stored ones, position by position. */
export function diffTasks(existing: readonly ExistingTask[], next: readonly NewTask[]): ImportDiff {
  const bySeq = new Map(existing.map((t) => [t.seq, t]));
  const diff: ImportDiff = { hasList: existing.length > 0, added: [], changed: [], removed: [], blocking: [] };
  next.forEach((task, index) => {
    const seq = index + 1;
    const old = bySeq.get(seq);
    const item = { seq, no: String(task.no), text: task.text };
    if (!old) {
      diff.added.push(item);
      return;
    }
    bySeq.delete(seq);
    const fields: string[] = [];
    if (old.no !== String(task.no)) fields.push('no');
    if (old.text !== task.text) fields.push('text');
    if (old.deadline !== task.deadline) fields.push('deadline');
    if (old.departmentsText !== task.departmentsText) fields.push('departments');
    if (fields.length === 0) return;
    diff.changed.push({
      ...item,
      fields,
      before: { text: old.text, deadline: old.deadline, departments: old.departmentsText },
    });
    // A changed deadline or department rewrites the task's occurrences: reports on them would block the commit.
    if (old.hasReports && (fields.includes('deadline') || fields.includes('departments'))) {
      diff.blocking.push({ seq, no: old.no, text: old.text, reason: 'changed' });
    }
  });
  for (const old of [...bySeq.values()].sort((a, b) => a.seq - b.seq)) {
    diff.removed.push({ seq: old.seq, no: old.no, text: old.text });
    if (old.hasReports) diff.blocking.push({ seq: old.seq, no: old.no, text: old.text, reason: 'removed' });
  }
  return diff;
}

/** The stored tasks of the year's list (none when there is no list), with whether each has 工作进展. */
export async function loadExistingTasks(
  db: Db,
  orgUnitId: number,
  campaignId: number,
  year: number,
): Promise<ExistingTask[]> {
  const list = await findTaskList(db, orgUnitId, campaignId, year);
  if (!list) return [];
  const [tasks, withProgress] = await Promise.all([listTasks(db, list.id), listTaskIdsWithProgress(db, list.id)]);
  const reported = new Set(withProgress);
  return tasks.map((t) => ({
    seq: t.seq,
    no: t.no,
    text: t.text,
    deadline: t.deadline_text,
    departmentsText: t.departments_text,
    hasReports: reported.has(t.id),
  }));
}
