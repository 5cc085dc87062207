import type { ImportCommitResponse } from '@duban/shared/contracts/tasklists';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { isForeignKeyViolation } from '../../db/db-errors.ts';
import type { DepartmentKind } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { guessDepartmentKind } from '../departments/department-registry.ts';
import {
  addDepartmentAlias,
  createDepartment,
  loadDepartmentRegistry,
  loadGroupMembers,
  retiredDepartments,
} from '../departments/departments.service.ts';
import { getCampaignCadence } from '../orgunits/orgunits.repository.ts';
import { formatProblem, type ImportPreview } from './import-preview.ts';
import { syncTasks } from './import-sync.ts';
import { insertTaskList, type TaskListSource, updateTaskListSource } from './tasklist-writes.repository.ts';
import { countTaskListContents, findTaskList } from './tasklists.repository.ts';

export interface ImportContext {
  orgUnitId: number;
  campaignId: number;
  actor: string;
  /** Create departments the registry does not know, marked unconfirmed for the office to check. */
  createUnknownDepartments: boolean;
  now?: Date;
}

/**
 * Writes a previewed list in one transaction: all of it or nothing. Importing the same file again changes nothing;
 * a changed file for the same year updates the list in place, keyed by row position (序号 order).
 */
export async function commitTaskListImport(
  db: Db,
  preview: ImportPreview,
  ctx: ImportContext,
): Promise<ImportCommitResponse> {
  if (preview.problems.length > 0) {
    const first = preview.problems.slice(0, 3).map(formatProblem).join('；');
    throw new AppError(
      'import_has_problems',
      `有 ${preview.problems.length} 行无法识别，未导入任何内容：${first}`,
      preview.problems,
    );
  }
  if (preview.unknownDepartments.length > 0 && !ctx.createUnknownDepartments) {
    const names = preview.unknownDepartments.map((d) => d.name).join('、');
    throw new AppError(
      'unknown_departments',
      `以下责任部门不在部门库中，请先确认：${names}`,
      preview.unknownDepartments,
    );
  }
  const now = (ctx.now ?? new Date()).toISOString();

  try {
    return await writeImport(db, preview, ctx, now);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new AppError(
        'conflict',
        '重新导入会删除已有工作进展、督办或延期记录的任务事项，已取消导入，未作任何更改。请保留这些任务及其完成时限后再导入。',
      );
    }
    throw error;
  }
}

async function writeImport(
  db: Db,
  preview: ImportPreview,
  ctx: ImportContext,
  now: string,
): Promise<ImportCommitResponse> {
  return db.transaction().execute(async (trx) => {
    const existing = await findTaskList(trx, ctx.orgUnitId, ctx.campaignId, preview.year);
    const hasDecisions = preview.aliasesToAdd.length > 0 || preview.tasks.some((t) => t.deadlineOverride !== null);
    if (existing && existing.source_sha256 === preview.sha256 && !hasDecisions) {
      return {
        status: 'unchanged' as const,
        taskListId: existing.id,
        year: preview.year,
        counts: await countTaskListContents(trx, existing.id),
        createdDepartments: [],
        changes: { tasksAdded: 0, tasksUpdated: 0, tasksRemoved: 0 },
      };
    }

    for (const a of preview.aliasesToAdd) await addDepartmentAlias(trx, ctx.orgUnitId, a.departmentId, a.alias);
    const departmentIds = await resolveDepartments(trx, preview, ctx.orgUnitId, now);
    const source: TaskListSource = {
      title: preview.title ?? `${preview.year}年任务清单`,
      sourceName: preview.sourceName,
      sourceFormat: preview.format,
      sha256: preview.sha256,
      bytes: preview.sourceBytes,
      now,
    };
    let taskListId: number;
    if (existing) {
      await updateTaskListSource(trx, existing.id, source);
      taskListId = existing.id;
    } else {
      const scope = { orgUnitId: ctx.orgUnitId, campaignId: ctx.campaignId, year: preview.year };
      taskListId = await insertTaskList(trx, { ...source, ...scope });
    }

    const cadence = await getCampaignCadence(trx, ctx.campaignId);
    const groupIds = [...departmentIds.values()].filter((d) => d.kind === 'group').map((d) => d.id);
    const changes = await syncTasks(trx, {
      taskListId,
      year: preview.year,
      cadence,
      tasks: preview.tasks,
      departmentIds,
      groupMembers: await loadGroupMembers(trx, groupIds),
      retired: await retiredDepartments(trx, ctx.orgUnitId),
    });
    const counts = await countTaskListContents(trx, taskListId);
    const createdDepartments = preview.unknownDepartments.map((d) => d.name);
    await appendAudit(trx, {
      orgUnitId: ctx.orgUnitId,
      actor: ctx.actor,
      action: existing ? 'tasklist.reimport' : 'tasklist.import',
      entity: 'task_list',
      entityId: taskListId,
      before: existing ? { sha256: existing.source_sha256 } : undefined,
      after: {
        year: preview.year,
        sha256: preview.sha256,
        source: preview.sourceName,
        counts,
        changes,
        createdDepartments,
      },
    });
    return {
      status: existing ? ('updated' as const) : ('created' as const),
      taskListId,
      year: preview.year,
      counts,
      createdDepartments,
      changes,
    };
  });
}

/** Department name → id and kind, creating (unconfirmed) the ones the registry did not know. */
async function resolveDepartments(
  trx: Db,
  preview: ImportPreview,
  orgUnitId: number,
  now: string,
): Promise<Map<string, { id: number; kind: DepartmentKind }>> {
  const registry = await loadDepartmentRegistry(trx, orgUnitId);
  const map = new Map<string, { id: number; kind: DepartmentKind }>();
  for (const d of registry.departments) map.set(d.name, { id: d.id, kind: d.kind });
  for (const unknown of preview.unknownDepartments) {
    if (map.has(unknown.name)) continue;
    const kind = guessDepartmentKind(unknown.name);
    const id = await createDepartment(trx, { orgUnitId, name: unknown.name, kind, confirmed: false, now });
    map.set(unknown.name, { id, kind });
  }
  return map;
}
