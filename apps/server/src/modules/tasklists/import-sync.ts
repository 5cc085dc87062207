import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { AssignmentRole, DepartmentKind } from '../../db/schema.ts';
import { type PlannedRule, planTaskSchedule, type ReportCadence } from '../schedules/schedule-plan.ts';
import {
  deleteOccurrences,
  deleteRulesOfTask,
  insertOccurrences,
  insertRule,
  listOccurrencesOfRules,
  listRulesOfTasks,
  type NewOccurrence,
} from '../schedules/schedules.repository.ts';
import type { PreviewTask } from './import-preview.ts';
import { oneDutyPerDepartment } from './one-duty.ts';
import {
  deleteAssignments,
  deleteCategories,
  deleteTasks,
  insertAssignment,
  insertCategory,
  insertTask,
  updateAssignment,
  updateCategoryTitle,
  updateTask,
} from './tasklist-writes.repository.ts';
import {
  type AssignmentRow,
  listAssignmentsOfTasks,
  listCategories,
  listTasks,
  type TaskFields,
} from './tasklists.repository.ts';

export interface SyncInput {
  taskListId: number;
  year: number;
  cadence: ReportCadence;
  tasks: PreviewTask[];
  departmentIds: Map<string, { id: number; kind: DepartmentKind }>;
  /** Departments the office retired (id → name): no new duties (a duty they already hold stays). */
  retired?: ReadonlyMap<number, string>;
  groupMembers: Map<number, number[]>;
}

interface DesiredAssignment {
  department_id: number;
  role: AssignmentRole;
  via_group_id: number | null;
  seq: number;
  /** Whether this assignment carries dated occurrences (a group with members reports through them). */
  reports: boolean;
}

/**
 * Brings categories, tasks, assignments, rules and occurrences of one list to the previewed state,
 * writing only what differs, so a repeated import writes nothing and existing ids survive an update.
 */
export async function syncTasks(trx: Db, input: SyncInput) {
  const categoryIds = await syncCategories(trx, input.taskListId, input.tasks);
  const existing = new Map((await listTasks(trx, input.taskListId)).map((t) => [t.seq, t]));
  const changes = { tasksAdded: 0, tasksUpdated: 0, tasksRemoved: 0 };
  const taskIds: number[] = [];

  for (const [index, task] of input.tasks.entries()) {
    const seq = index + 1;
    const fields = taskFields(task, categoryIds.get(task.category) ?? null);
    const old = existing.get(seq);
    let taskId: number;
    if (!old) {
      taskId = await insertTask(trx, input.taskListId, seq, fields);
      changes.tasksAdded += 1;
    } else {
      taskId = old.id;
      existing.delete(seq);
      if (!sameFields(old, fields)) {
        await updateTask(trx, taskId, fields);
        changes.tasksUpdated += 1;
      }
    }
    taskIds.push(taskId);
  }
  changes.tasksRemoved = existing.size;
  await deleteTasks(
    trx,
    [...existing.values()].map((t) => t.id),
  );

  const assignments = await listAssignmentsOfTasks(trx, taskIds);
  const rules = await listRulesOfTasks(trx, taskIds);
  for (const [index, task] of input.tasks.entries()) {
    const taskId = taskIds[index]!;
    const desired = desiredAssignments(task, input);
    const current = await syncAssignments(
      trx,
      taskId,
      desired,
      assignments.filter((a) => a.task_id === taskId),
      input.retired ?? new Map(),
    );
    const planned = planTaskSchedule(task.schedule, input.year, input.cadence);
    const ruleIds = await syncRules(
      trx,
      taskId,
      planned,
      rules.filter((r) => r.task_id === taskId),
    );
    await syncOccurrences(trx, planned, ruleIds, current);
  }
  return changes;
}

async function syncCategories(trx: Db, taskListId: number, tasks: PreviewTask[]): Promise<Map<string, number>> {
  const titles = [...new Set(tasks.map((t) => t.category).filter((c) => c !== ''))];
  const existing = await listCategories(trx, taskListId);
  const ids = new Map<string, number>();
  for (const [index, title] of titles.entries()) {
    const old = existing.find((c) => c.seq === index + 1);
    if (old && old.title !== title) await updateCategoryTitle(trx, old.id, title);
    ids.set(title, old?.id ?? (await insertCategory(trx, taskListId, index + 1, title)));
  }
  await deleteCategories(
    trx,
    existing.filter((c) => c.seq > titles.length).map((c) => c.id),
  );
  return ids;
}

function taskFields(task: PreviewTask, categoryId: number | null): TaskFields {
  return {
    category_id: categoryId,
    no: String(task.no),
    text: task.text,
    departments_text: task.departmentsText,
    deadline_text: task.deadline,
    deadline_override: task.deadlineOverride,
    deadline_needs_review: task.schedule.needsReview ? 1 : 0,
    deadline_unparsed: JSON.stringify(task.schedule.unparsed),
    deadline_ongoing: task.schedule.ongoing ? 1 : 0,
    source_progress: task.progress,
    source_row: task.row,
  };
}

function sameFields(old: TaskFields, next: TaskFields): boolean {
  return (Object.keys(next) as (keyof TaskFields)[]).every((k) => old[k] === next[k]);
}

function desiredAssignments(task: PreviewTask, input: SyncInput): DesiredAssignment[] {
  const candidates: Omit<DesiredAssignment, 'seq'>[] = [];
  const add = (a: Omit<DesiredAssignment, 'seq'>) => candidates.push(a);
  for (const d of task.departments) {
    const dept = input.departmentIds.get(d.name);
    if (!dept) throw new Error(`部门“${d.name}”不在部门库中（导入期间被删除？）`);
    const members = dept.kind === 'group' ? (input.groupMembers.get(dept.id) ?? []) : [];
    add({ department_id: dept.id, role: d.role, via_group_id: null, reports: members.length === 0 });
    for (const member of members) add({ department_id: member, role: d.role, via_group_id: dept.id, reports: true });
  }
  return oneDutyPerDepartment(candidates).map((a, i) => ({ ...a, seq: i + 1 }));
}

async function syncAssignments(
  trx: Db,
  taskId: number,
  desired: DesiredAssignment[],
  current: AssignmentRow[],
  retired: ReadonlyMap<number, string>,
): Promise<{ id: number; reports: boolean; departmentId: number }[]> {
  const kept: { id: number; reports: boolean; departmentId: number }[] = [];
  const remaining = [...current];
  for (const d of desired) {
    // One assignment per department: a changed role or group keeps the row (and the reports hanging off it).
    const i = remaining.findIndex((a) => a.department_id === d.department_id);
    const match = i >= 0 ? remaining.splice(i, 1)[0] : undefined;
    if (match) {
      if (match.seq !== d.seq || match.role !== d.role || match.via_group_id !== d.via_group_id) {
        await updateAssignment(trx, match.id, { seq: d.seq, role: d.role, via_group_id: d.via_group_id });
      }
      kept.push({ id: match.id, reports: d.reports, departmentId: d.department_id });
    } else if (retired.has(d.department_id)) {
      // A retired department gets no new duty: named through a group it is left out; named itself, the import stops.
      if (d.via_group_id === null) throw retiredDepartment(retired.get(d.department_id) ?? '');
    } else {
      const { reports, ...row } = d;
      kept.push({
        id: await insertAssignment(trx, { task_id: taskId, ...row }),
        reports,
        departmentId: row.department_id,
      });
    }
  }
  await deleteAssignments(
    trx,
    remaining.map((a) => a.id),
  );
  return kept;
}

function retiredDepartment(name: string): AppError {
  return new AppError(
    'validation_failed',
    `部门“${name}”已撤销，不能再分配新任务：请在导入向导中改选部门，或先在部门库中恢复该部门`,
  );
}

/** Keeps the task's rules when they are unchanged (same specs in the same order), else replaces them. */
async function syncRules(
  trx: Db,
  taskId: number,
  planned: PlannedRule[],
  current: { id: number; seq: number; spec: string }[],
): Promise<number[]> {
  const unchanged =
    current.length === planned.length &&
    planned.every((p, i) => current[i]?.seq === p.seq && current[i]?.spec === p.spec);
  if (unchanged) return current.map((r) => r.id);
  await deleteRulesOfTask(trx, taskId);
  const ids: number[] = [];
  for (const p of planned) ids.push(await insertRule(trx, { taskId, ...p }));
  return ids;
}

async function syncOccurrences(
  trx: Db,
  planned: PlannedRule[],
  ruleIds: number[],
  assignments: { id: number; reports: boolean; departmentId: number }[],
): Promise<void> {
  const key = (o: { assignment_id: number; rule_id: number; period_key: string }) =>
    `${o.assignment_id}|${o.rule_id}|${o.period_key}`;
  const existing = new Map((await listOccurrencesOfRules(trx, ruleIds)).map((o) => [key(o), o]));
  const toInsert: NewOccurrence[] = [];
  for (const [i, rule] of planned.entries()) {
    const ruleId = ruleIds[i]!;
    for (const a of assignments.filter((x) => x.reports)) {
      for (const o of rule.occurrences) {
        const row = {
          assignment_id: a.id,
          department_id: a.departmentId,
          rule_id: ruleId,
          period_key: o.periodKey,
          window_start: o.start,
          due_date: o.due,
          min_count: o.minCount,
          condition: o.condition,
        };
        if (!existing.delete(key(row))) toInsert.push(row);
      }
    }
  }
  await deleteOccurrences(
    trx,
    [...existing.values()].map((o) => o.id),
  );
  await insertOccurrences(trx, toInsert);
}
