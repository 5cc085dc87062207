import type { CreatePlanRequest, PlanResponse } from '@duban/shared/contracts/inspections';
import { CreatePlanRequest as CreatePlanSchema } from '@duban/shared/contracts/inspections';
import { classRuleIndex } from '@duban/shared/inspections/class-rules';
import { generatePlan } from '@duban/shared/inspections/plan';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { classTable } from './class-tables.ts';
import { defaultClass, loadRoster } from './enterprise-source.ts';
import { presentPlan } from './inspections.present.ts';
import { insertPlan, insertPlanItems, selectInspectors, selectProfiles } from './inspections.repository.ts';

/**
 * Generates a draft annual plan: every operating enterprise of the unit with its class (profile, else the default
 * from its registry fields), the class table's frequencies, and the inspectors' capacity. One transaction.
 */
export async function createPlan(
  db: Db,
  scope: { orgUnitId: number; actor: string },
  request: CreatePlanRequest,
  now: Date = new Date(),
): Promise<PlanResponse> {
  const input = CreatePlanSchema.parse(request);
  const table = classTable(input.classTable);
  const rules = classRuleIndex(table);
  const roster = await loadRoster(db, scope.orgUnitId);
  const profiles = new Map((await selectProfiles(db, scope.orgUnitId)).map((p) => [p.enterprise_id, p]));
  const inspectorDays =
    input.inspectorDays ??
    (await selectInspectors(db, scope.orgUnitId, true))
      .filter((i) => i.kind === 'staff')
      .map(() => input.defaultInspectorDays);
  const enterprises = roster.map((e) => {
    const profile = profiles.get(e.id);
    const cls = profile ? { classCode: profile.class_code, key: profile.is_key === 1 } : defaultClass(e);
    return { id: e.id, departmentId: e.departmentId, classCode: cls.classCode, key: cls.key };
  });
  const capacityInput = { inspectorDays, visitsPerTeamDay: input.visitsPerTeamDay, teamSize: input.teamSize };
  const { items, summary } = generatePlan(enterprises, rules, capacityInput);
  const stamp = now.toISOString();
  const plan = await db.transaction().execute(async (trx) => {
    const row = await insertPlan(trx, {
      org_unit_id: scope.orgUnitId,
      year: input.year,
      title: input.title,
      class_table: table.code,
      inputs: JSON.stringify({ ...capacityInput, inspectors: inspectorDays.length }),
      summary: JSON.stringify(summary),
      created_by: scope.actor,
      created_at: stamp,
      approved_by: null,
      approved_at: null,
      published_at: null,
    });
    await insertPlanItems(
      trx,
      items.map((i) => ({
        plan_id: row.id,
        enterprise_id: i.enterpriseId,
        department_id: i.departmentId,
        class_code: i.classCode,
        is_key: i.key ? 1 : 0,
        planned: i.planned,
        months: i.months.join(','),
      })),
    );
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection_plan.create',
        entity: 'inspection_plan',
        entityId: row.id,
        after: { year: row.year, title: row.title, classTable: row.class_table, summary },
      },
      now,
    );
    return row;
  });
  return presentPlan(plan);
}
