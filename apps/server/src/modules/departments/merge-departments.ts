import type { MergeDepartmentResponse } from '@duban/shared/contracts/departments';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { mergeDuplicateAssignments } from '../../db/migrations/20261201_0009_pilot.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { DepartmentsManageScope } from './departments.policy.ts';
import {
  DEPARTMENT_REFERENCES,
  deleteDepartmentRow,
  existingOccurrenceIds,
  insertAlias,
  listAliasesOf,
  listOccurrenceKeys,
  lockDepartment,
  moveAliases,
  moveAssignments,
  moveDepartmentRows,
  moveEnterpriseSupervision,
  moveGroupMemberships,
  moveZoneLink,
  relinkNotifications,
} from './departments.repository.ts';
import { departmentNotFound } from './update-department.ts';

/**
 * Merges department `fromId` into `intoId` (the survivor) in one transaction, keeping history: every duty, report,
 * 督办 record, extension, account, token, channel, feed, enterprise supervision, hazard listing and inspection
 * record moves to the survivor; the merged department's name and aliases become the survivor's aliases, its group
 * memberships follow. Where both had a duty on the same task, the duties are folded as the one-duty migration does
 * (strongest role kept; twin 任务事项 joined with every report, 督办 record, extension and reminder step moved;
 * notices relinked). Then the merged department's row goes. Audited with what moved.
 */
export async function mergeDepartments(
  db: Db,
  scope: DepartmentsManageScope,
  fromId: number,
  intoId: number,
  now = new Date(),
): Promise<MergeDepartmentResponse> {
  if (fromId === intoId) {
    throw new AppError('validation_failed', '不能把部门合并到它自己', [
      { path: 'intoId', message: '请选择另一个部门' },
    ]);
  }
  return db.transaction().execute(async (trx) => {
    // Locked in id order, so two opposite merges cannot deadlock.
    const [low, high] = fromId < intoId ? [fromId, intoId] : [intoId, fromId];
    const lockedLow = await lockDepartment(trx, scope.orgUnitId, low);
    const lockedHigh = await lockDepartment(trx, scope.orgUnitId, high);
    const from = lockedLow?.id === fromId ? lockedLow : lockedHigh;
    const into = lockedLow?.id === intoId ? lockedLow : lockedHigh;
    if (!from || !into || !lockedLow || !lockedHigh) throw departmentNotFound();
    if (from.kind === 'group' || into.kind === 'group') {
      throw new AppError('validation_failed', '“各成员单位”这类成员单位组不能合并，请合并具体部门');
    }

    const moved: Record<string, number> = {};
    const fromAliases = await listAliasesOf(trx, fromId);
    moved.department_aliases = await moveAliases(trx, fromId, intoId);
    // The merged department's name stays findable as an alias of the survivor.
    await insertAlias(trx, scope.orgUnitId, intoId, from.name);
    moved.department_group_members = await moveGroupMemberships(trx, fromId, intoId);
    moved.enterprise_supervisors = await moveEnterpriseSupervision(trx, fromId, intoId);
    if (!(await moveZoneLink(trx, fromId, intoId))) {
      throw new AppError('conflict', `“${from.name}”和“${into.name}”各自代表一个下级单位，不能合并`);
    }

    // Duties: move, then fold a task both had into one duty (the one-duty merge of migration 0009).
    const keys = await listOccurrenceKeys(trx, [fromId, intoId]);
    moved.assignments = await moveAssignments(trx, fromId, intoId);
    for (const [table, column] of DEPARTMENT_REFERENCES) {
      moved[table] = await moveDepartmentRows(trx, table, column, fromId, intoId);
    }
    const folded = await mergeDuplicateAssignments(trx);
    await relinkFoldedNotices(trx, keys);

    await deleteDepartmentRow(trx, fromId);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'department.merge',
        entity: 'department',
        entityId: intoId,
        before: {
          merged: { id: fromId, name: from.name, aliases: fromAliases },
          into: { id: intoId, name: into.name },
        },
        after: { moved, assignmentsFolded: folded.assignmentsMerged, occurrencesMerged: folded.occurrencesMerged },
      },
      now,
    );
    return { intoId, moved, occurrencesMerged: folded.occurrencesMerged };
  });
}

/** A notice about a 任务事项 that was folded into its twin now points at the twin. */
async function relinkFoldedNotices(
  trx: Db,
  keys: { id: number; task_id: number; rule_id: number; period_key: string }[],
): Promise<void> {
  const key = (k: { task_id: number; rule_id: number; period_key: string }) =>
    `${k.task_id}|${k.rule_id}|${k.period_key}`;
  const alive = await existingOccurrenceIds(
    trx,
    keys.map((k) => k.id),
  );
  const survivors = new Map<string, number>();
  for (const k of keys) if (alive.has(k.id)) survivors.set(key(k), k.id);
  for (const k of keys) {
    const survivor = survivors.get(key(k));
    if (!alive.has(k.id) && survivor !== undefined) await relinkNotifications(trx, k.id, survivor);
  }
}
