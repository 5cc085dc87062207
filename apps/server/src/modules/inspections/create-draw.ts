import { createHash, randomBytes } from 'node:crypto';
import { addDays } from '@duban/shared/civil-date';
import type { CreateDrawRequest, DrawResponse } from '@duban/shared/contracts/inspections';
import { CreateDrawRequest as CreateDrawSchema } from '@duban/shared/contracts/inspections';
import {
  canonicalPools,
  type DrawInspector,
  type DrawPools,
  type DrawTarget,
  runDraw,
  validateRules,
} from '@duban/shared/inspections/draw';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { expertRecusalIds } from '../experts/experts.service.ts';
import { defaultClass, loadRoster } from './enterprise-source.ts';
import {
  type DrawRow,
  findCurrentPlan,
  findLastDraw,
  insertDraw,
  insertDrawInspections,
  insertTeams,
  selectConflicts,
  selectInspectedEnterpriseIds,
  selectInspectors,
  selectPenalisedEnterpriseIds,
  selectPlanItems,
  selectProfiles,
} from './inspections.repository.ts';
import { newChecklist, unsignedColumns } from './new-inspection.ts';

/** Node's sha256 (the same digest as the shared pure one, several times faster on a 100,000-target pool). */
export const nativeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const DRAW_ALGORITHM = 'duban-draw-v1 (sha256 counter stream, Fisher–Yates, load-balanced teams)';

/**
 * A 双随机 draw: build the target pool (the registry's operating enterprises through the filters, with the
 * exclusions marked, not removed, so the published pool shows why), the inspector pool (active staff and experts
 * with their recusal lists) and the last draw's pairs; a fresh 32-byte seed from the OS; run the pure draw; store
 * seed, canonical pools, hash and result; schedule one inspection per team. One transaction.
 */
export async function createDraw(
  db: Db,
  scope: { orgUnitId: number; actor: string },
  request: CreateDrawRequest,
  now: Date = new Date(),
): Promise<{ row: DrawRow; inspectionIds: Map<number, number> }> {
  const input = CreateDrawSchema.parse(request);
  const year = Number(input.inspectedOn.slice(0, 4));
  const pools = await buildPools(db, scope.orgUnitId, input, year);
  const problems = validateRules(pools.rules);
  if (problems.length > 0) throw new AppError('validation_failed', problems.join('；'));
  if (pools.inspectors.filter((i) => i.kind === 'staff').length < input.teamSize) {
    throw new AppError('validation_failed', `执法人员库不足 ${input.teamSize} 人，无法组成检查组`, [
      { path: 'teamSize', message: '人员不足' },
    ]);
  }
  const seed = randomBytes(32).toString('hex');
  const canonical = canonicalPools(pools);
  const poolsJson = JSON.stringify(canonical);
  const result = runDraw(seed, canonical);
  const names = new Map(canonical.targets.map((t) => [t.id, t.name]));
  const departments = new Map(
    pools.targets.map((t) => [t.id, (t as DrawTarget & { departmentId?: number | null }).departmentId ?? null]),
  );
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await insertDraw(trx, {
      org_unit_id: scope.orgUnitId,
      title: input.title,
      matter_id: input.matterId,
      seed,
      // = hashPools(canonical): the canonical JSON is serialised once for both.
      pools_hash: nativeSha256(poolsJson),
      pools: poolsJson,
      result: JSON.stringify(result),
      algorithm: DRAW_ALGORITHM,
      drawn_by: scope.actor,
      drawn_at: stamp,
      published_at: null,
    });
    const checklist = await newChecklist(trx, scope.orgUnitId, input.matterId);
    const inspectionIds = await insertDrawInspections(
      trx,
      row.id,
      result.selected.map((team) => ({
        org_unit_id: scope.orgUnitId,
        enterprise_id: team.targetId,
        enterprise_name: names.get(team.targetId) ?? '',
        department_id: departments.get(team.targetId) ?? null,
        plan_id: null,
        draw_id: row.id,
        matter_id: input.matterId,
        mode: input.mode,
        trigger: 'draw',
        inspected_on: input.inspectedOn,
        checklist,
        ...unsignedColumns(scope.actor, stamp),
      })),
    );
    await insertTeams(
      trx,
      result.selected.flatMap((team) =>
        [...team.inspectorIds, ...team.expertIds].map((inspector_id) => ({
          inspection_id: inspectionIds.get(team.targetId) as number,
          inspector_id,
        })),
      ),
    );
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection_draw.create',
        entity: 'inspection_draw',
        entityId: row.id,
        after: { seed, poolsHash: row.pools_hash, selected: result.selected.length, unstaffed: result.unstaffed },
      },
      now,
    );
    return { row, inspectionIds };
  });
}

async function buildPools(
  db: Db,
  orgUnitId: number,
  input: ReturnType<typeof CreateDrawSchema.parse>,
  year: number,
): Promise<DrawPools & { targets: (DrawTarget & { departmentId: number | null })[] }> {
  const roster = await loadRoster(db, orgUnitId);
  const profiles = new Map((await selectProfiles(db, orgUnitId)).map((p) => [p.enterprise_id, p]));
  let planned: Set<number> | null = null;
  if (input.filter.drawPoolOnly) {
    const plan = await findCurrentPlan(db, orgUnitId, year);
    planned = new Set(
      plan ? (await selectPlanItems(db, plan.id, {})).filter((i) => i.planned > 0).map((i) => i.enterprise_id) : [],
    );
  }
  const penalised = new Set(
    input.exclusions.penalisedWithinDays > 0
      ? await selectPenalisedEnterpriseIds(
          db,
          orgUnitId,
          addDays(input.inspectedOn, -input.exclusions.penalisedWithinDays),
        )
      : [],
  );
  const inspected = new Set(
    input.exclusions.inspectedSince
      ? await selectInspectedEnterpriseIds(db, orgUnitId, input.exclusions.inspectedSince)
      : [],
  );
  const classes = input.filter.classCodes ? new Set(input.filter.classCodes) : null;
  const targets: (DrawTarget & { departmentId: number | null })[] = [];
  for (const e of roster) {
    if (input.filter.departmentId !== undefined && e.departmentId !== input.filter.departmentId) continue;
    const profile = profiles.get(e.id);
    const classCode = profile ? profile.class_code : defaultClass(e).classCode;
    if (classes && !classes.has(classCode)) continue;
    if (planned?.has(e.id)) continue;
    const excluded = penalised.has(e.id) ? 'recently_penalised' : inspected.has(e.id) ? 'inspected_this_period' : null;
    targets.push({ id: e.id, name: e.name, classCode, excluded, departmentId: e.departmentId });
  }

  const people = await selectInspectors(db, orgUnitId, true);
  const conflicts = await selectConflicts(
    db,
    people.map((p) => p.id),
  );
  const expertEmployers = await expertRecusalIds(
    db,
    people.flatMap((p) => (p.expert_id === null ? [] : [p.expert_id])),
  );
  const inspectors: DrawInspector[] = people.map((p) => {
    const own = conflicts.filter((c) => c.inspector_id === p.id);
    const employerIds = own.filter((c) => c.kind === 'employer').map((c) => c.enterprise_id);
    if (p.expert_id !== null) employerIds.push(...(expertEmployers.get(p.expert_id) ?? []));
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      employerIds,
      conflictIds: own.filter((c) => c.kind === 'declared').map((c) => c.enterprise_id),
    };
  });
  const last = await findLastDraw(db, orgUnitId);
  const lastPairs: [number, number][] = [];
  if (last) {
    const r = JSON.parse(last.result) as ReturnType<typeof runDraw>;
    for (const t of r.selected) for (const id of [...t.inspectorIds, ...t.expertIds]) lastPairs.push([id, t.targetId]);
  }
  return {
    targets,
    inspectors,
    lastPairs,
    rules: {
      targetCount: input.targetCount,
      capsPerClass: input.capsPerClass,
      teamSize: input.teamSize,
      expertsPerTeam: input.expertsPerTeam,
      maxTeamsPerInspector: input.maxTeamsPerInspector,
    },
  };
}

/** The draw as the API shows it. */
export function presentDraw(row: DrawRow, inspectionIds: Map<number, number> | null = null): DrawResponse {
  const pools = JSON.parse(row.pools) as DrawPools;
  const result = JSON.parse(row.result) as ReturnType<typeof runDraw>;
  const names = new Map(pools.targets.map((t) => [t.id, t.name]));
  return {
    id: row.id,
    title: row.title,
    matterId: row.matter_id,
    seed: row.seed,
    poolsHash: row.pools_hash,
    algorithm: row.algorithm,
    status: row.status,
    drawnAt: row.drawn_at,
    publishedAt: row.published_at,
    targets: pools.targets.length,
    eligible: result.eligible,
    excluded: result.excluded,
    selected: result.selected.map((t) => ({
      ...t,
      enterpriseName: names.get(t.targetId) ?? '',
      inspectionId: inspectionIds?.get(t.targetId) ?? null,
    })),
    unstaffed: result.unstaffed,
  };
}
