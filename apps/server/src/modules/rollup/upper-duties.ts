import type { TaskLinkRequest, UpperDutiesResponse } from '@duban/shared/contracts/rollup';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { unitRef } from './read-rollup.ts';
import type { RollupActingScope, RollupReadScope } from './rollup.policy.ts';
import {
  findTaskInUnit,
  findUnit,
  findZoneLinkOfZone,
  insertTaskLink,
  latestReportsOf,
  listTaskLinks,
  selectUpperDuties,
} from './rollup.repository.ts';

/** The zone's entry in its parent's list, or 409 when the parent has not linked one yet. */
export async function requireZoneLink(db: Db, zoneUnitId: number) {
  const link = await findZoneLinkOfZone(db, zoneUnitId);
  if (!link) {
    throw new AppError('conflict', '上级单位尚未把本单位设为其任务清单的责任单位 (no upper list names this unit)');
  }
  return link;
}

/** 上级任务: the duties of the parent's list of the year assigned to the zone, with the zone's reports and links. */
export async function readUpperDuties(db: Db, scope: RollupReadScope, year: number): Promise<UpperDutiesResponse> {
  const link = await findZoneLinkOfZone(db, scope.homeUnitId);
  if (!link) return { upperUnit: null, items: [] };
  const upper = await findUnit(db, link.org_unit_id);
  const duties = await selectUpperDuties(db, link.org_unit_id, link.department_id, year);
  const reports = await latestReportsOf(
    db,
    duties.map((d) => d.occurrence_id),
  );
  const links = await listTaskLinks(db, scope.homeUnitId, [...new Set(duties.map((d) => d.task_id))]);
  return {
    upperUnit: upper ? unitRef(upper) : null,
    items: duties.map((d) => {
      const r = reports.get(d.occurrence_id);
      return {
        occurrenceId: d.occurrence_id,
        taskId: d.task_id,
        taskNo: d.task_no,
        taskText: d.task_text,
        periodKey: d.period_key,
        dueDate: d.due_date,
        reportState: d.report_state,
        report: r ? { id: r.id, status: r.status, version: r.version, returnReason: r.return_reason } : null,
        linkedTasks: links
          .filter((k) => k.upper_task_id === d.task_id)
          .map((k) => ({ id: k.id, no: k.no, text: k.text })),
      };
    }),
  };
}

/**
 * 分解: the zone links an upper duty's task to one of its own tasks; the own task's departments report there, and
 * their accepted progress pre-fills the zone's report upward. The upper task must be one of the zone's duties.
 */
export async function linkUpperTask(db: Db, scope: RollupActingScope, input: TaskLinkRequest, now = new Date()) {
  const link = await requireZoneLink(db, scope.homeUnitId);
  const upper = await findTaskInUnit(db, link.org_unit_id, input.upperTaskId);
  const duties = upper ? await selectUpperDuties(db, link.org_unit_id, link.department_id, upper.year) : [];
  if (!upper || !duties.some((d) => d.task_id === upper.id)) {
    throw new AppError('not_found', '上级任务不存在 (upper task not found)');
  }
  const own = await findTaskInUnit(db, scope.homeUnitId, input.ownTaskId);
  if (!own) throw new AppError('not_found', '本单位任务不存在 (own task not found)');
  await db.transaction().execute(async (trx) => {
    const id = await insertTaskLink(trx, {
      zoneUnitId: scope.homeUnitId,
      upperTaskId: upper.id,
      ownTaskId: own.id,
      actor: scope.actor,
      now: now.toISOString(),
    });
    if (id === 0) throw new AppError('conflict', '已关联 (already linked)');
    await appendAudit(
      trx,
      {
        orgUnitId: scope.homeUnitId,
        actor: scope.actor,
        action: 'rollup.task_link',
        entity: 'rollup_task_link',
        entityId: id,
        after: { upperUnitId: link.org_unit_id, upperTaskId: upper.id, ownTaskId: own.id },
      },
      now,
    );
  });
  return readUpperDuties(db, scope, upper.year);
}
