import { todayInShanghai } from '@duban/shared/civil-date';
import type {
  AddConflictRequest,
  CreateInspectorRequest,
  CreateMatterRequest,
  PlanProgressResponse,
  SetProfileRequest,
} from '@duban/shared/contracts/inspections';
import {
  AddConflictRequest as ConflictSchema,
  CreateInspectorRequest as InspectorSchema,
  CreateMatterRequest as MatterSchema,
} from '@duban/shared/contracts/inspections';
import { ENFORCEMENT_LABELS, isPenalty } from '@duban/shared/inspections/enforcement';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { listDepartmentRegistry } from '../departments/departments.service.ts';
import { findEnterpriseForScope } from '../enterprises/enterprises.service.ts';
import { presentDraw } from './create-draw.ts';
import { loadRoster } from './enterprise-source.ts';
import { drawNotFound, enterpriseNotFound, type OfficeScope, planNotFound } from './inspections.policy.ts';
import {
  countPlanItems,
  findDraw,
  findPlan,
  insertConflict,
  insertInspector,
  insertMatter,
  markDrawPublished,
  planDoneByDepartment,
  planDoneByEnterprise,
  planTotalsByDepartment,
  selectConflicts,
  selectDraws,
  selectEnforcement,
  selectInspectors,
  selectMatters,
  selectPlanItems,
  upsertProfile,
} from './inspections.repository.ts';

/** Office/leader/department reads and the office's small writes (profiles, matter list, inspector pool, publishing). */

export async function setProfile(
  db: Db,
  scope: OfficeScope,
  enterpriseId: number,
  input: SetProfileRequest,
  now = new Date(),
) {
  const enterprise = await findEnterpriseForScope(db, scope.enterprises, enterpriseId);
  if (!enterprise) throw enterpriseNotFound();
  await db.transaction().execute(async (trx) => {
    await upsertProfile(trx, {
      org_unit_id: scope.orgUnitId,
      enterprise_id: enterpriseId,
      class_code: input.classCode,
      is_key: input.key ? 1 : 0,
      updated_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection_profile.set',
        entity: 'enterprise',
        entityId: enterpriseId,
        after: input,
      },
      now,
    );
  });
  return { enterpriseId, classCode: input.classCode, key: input.key };
}

export async function planProgress(
  db: Db,
  scope: { orgUnitId: number; departmentId: number | null },
  planId: number,
  now = new Date(),
): Promise<PlanProgressResponse> {
  const plan = await findPlan(db, scope.orgUnitId, planId);
  if (!plan) throw planNotFound();
  const asOf = todayInShanghai(now);
  const totals = await planTotalsByDepartment(db, planId);
  const done = new Map((await planDoneByDepartment(db, planId, asOf)).map((d) => [d.department_id, d.done]));
  const names = new Map((await listDepartmentRegistry(db, scope.orgUnitId)).map((d) => [d.id, d.name]));
  const rows = totals
    .filter((t) => scope.departmentId === null || t.department_id === scope.departmentId)
    .map((t) => {
      const d = done.get(t.department_id) ?? 0;
      return {
        departmentId: t.department_id,
        departmentName:
          t.department_id === null ? '（未指定部门）' : (names.get(t.department_id) ?? `#${t.department_id}`),
        enterprises: t.enterprises,
        planned: t.planned,
        done: d,
        rate: t.planned === 0 ? 0 : Math.round((d / t.planned) * 1000) / 1000,
      };
    });
  const planned = rows.reduce((s, r) => s + r.planned, 0);
  const doneTotal = rows.reduce((s, r) => s + r.done, 0);
  return {
    planId,
    asOf,
    byDepartment: rows,
    total: {
      enterprises: rows.reduce((s, r) => s + r.enterprises, 0),
      planned,
      done: doneTotal,
      rate: planned === 0 ? 0 : Math.round((doneTotal / planned) * 1000) / 1000,
    },
  };
}

export async function planItems(
  db: Db,
  scope: { orgUnitId: number; departmentId: number | null },
  planId: number,
  query: { departmentId?: number; limit: number; offset: number },
) {
  const plan = await findPlan(db, scope.orgUnitId, planId);
  if (!plan) throw planNotFound();
  const departmentId = scope.departmentId ?? query.departmentId;
  const items = await selectPlanItems(db, planId, { departmentId, limit: query.limit, offset: query.offset });
  const total = await countPlanItems(db, planId, departmentId);
  const roster = new Map((await loadRoster(db, scope.orgUnitId)).map((e) => [e.id, e.name]));
  const done = await planDoneByEnterprise(
    db,
    planId,
    items.map((i) => i.enterprise_id),
  );
  return {
    total,
    items: items.map((i) => ({
      enterpriseId: i.enterprise_id,
      enterpriseName: roster.get(i.enterprise_id) ?? `#${i.enterprise_id}`,
      departmentId: i.department_id,
      classCode: i.class_code,
      key: i.is_key === 1,
      planned: i.planned,
      months: i.months ? i.months.split(',').map(Number) : [],
      done: done.get(i.enterprise_id) ?? 0,
    })),
  };
}

export async function createMatter(
  db: Db,
  scope: { orgUnitId: number; actor: string },
  request: CreateMatterRequest,
  now = new Date(),
) {
  const input = MatterSchema.parse(request);
  const row = await db.transaction().execute(async (trx) => {
    if ((await selectMatters(trx, scope.orgUnitId)).some((m) => m.code === input.code)) {
      throw new AppError('conflict', `事项编码 ${input.code} 已存在`, { path: 'code' });
    }
    const r = await insertMatter(trx, {
      org_unit_id: scope.orgUnitId,
      code: input.code,
      title: input.title,
      basis: input.basis,
      department_id: input.departmentId,
      checklist: JSON.stringify(input.checklist),
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection_matter.create',
        entity: 'inspection_matter',
        entityId: r.id,
        after: input,
      },
      now,
    );
    return r;
  });
  return presentMatter(row);
}

export function presentMatter(r: Awaited<ReturnType<typeof selectMatters>>[number]) {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    basis: r.basis,
    departmentId: r.department_id,
    checklist: JSON.parse(r.checklist) as string[],
    active: r.active === 1,
  };
}

export async function listMatters(db: Db, orgUnitId: number) {
  return (await selectMatters(db, orgUnitId)).map(presentMatter);
}

export async function listInspectors(db: Db, orgUnitId: number) {
  const rows = await selectInspectors(db, orgUnitId);
  const conflicts = await selectConflicts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    userId: r.user_id,
    expertId: r.expert_id,
    name: r.name,
    departmentId: r.department_id,
    active: r.active === 1,
    conflicts: conflicts
      .filter((c) => c.inspector_id === r.id)
      .map((c) => ({ enterpriseId: c.enterprise_id, kind: c.kind, note: c.note })),
  }));
}

export async function createInspector(
  db: Db,
  scope: { orgUnitId: number; actor: string },
  request: CreateInspectorRequest,
  now = new Date(),
) {
  const input = InspectorSchema.parse(request);
  const existing = await selectInspectors(db, scope.orgUnitId);
  if (input.userId !== undefined && existing.some((e) => e.user_id === input.userId)) {
    throw new AppError('conflict', '该账号已在执法人员库中', { path: 'userId' });
  }
  if (input.expertId !== undefined && existing.some((e) => e.expert_id === input.expertId)) {
    throw new AppError('conflict', '该专家已在检查人员库中', { path: 'expertId' });
  }
  const row = await db.transaction().execute(async (trx) => {
    const r = await insertInspector(trx, {
      org_unit_id: scope.orgUnitId,
      kind: input.kind,
      user_id: input.userId ?? null,
      expert_id: input.expertId ?? null,
      name: input.name,
      department_id: input.departmentId,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspector.create',
        entity: 'inspector',
        entityId: r.id,
        after: input,
      },
      now,
    );
    return r;
  });
  return (await listInspectors(db, scope.orgUnitId)).find((i) => i.id === row.id);
}

export async function addConflict(
  db: Db,
  scope: { orgUnitId: number; actor: string },
  inspectorId: number,
  request: AddConflictRequest,
  now = new Date(),
) {
  const input = ConflictSchema.parse(request);
  const inspectors = await selectInspectors(db, scope.orgUnitId);
  if (!inspectors.some((i) => i.id === inspectorId))
    throw new AppError('not_found', '检查人员不存在 (inspector not found)');
  await db.transaction().execute(async (trx) => {
    await insertConflict(trx, {
      inspector_id: inspectorId,
      enterprise_id: input.enterpriseId,
      kind: input.kind,
      note: input.note,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspector.conflict',
        entity: 'inspector',
        entityId: inspectorId,
        after: input,
      },
      now,
    );
  });
  return (await listInspectors(db, scope.orgUnitId)).find((i) => i.id === inspectorId);
}

export async function listDraws(db: Db, orgUnitId: number) {
  return (await selectDraws(db, orgUnitId)).map((r) => {
    const { selected: _s, unstaffed: _u, ...rest } = presentDraw(r);
    return rest;
  });
}

export async function getDraw(db: Db, orgUnitId: number, id: number) {
  const row = await findDraw(db, orgUnitId, id);
  if (!row) throw drawNotFound();
  return presentDraw(row);
}

/** The canonical pools of a draw as stored: with the seed, what anyone needs to re-run it. */
export async function drawPools(db: Db, orgUnitId: number, id: number) {
  const row = await findDraw(db, orgUnitId, id);
  if (!row) throw drawNotFound();
  return { drawId: row.id, seed: row.seed, algorithm: row.algorithm, pools: JSON.parse(row.pools) as unknown };
}

export async function publishDraw(db: Db, scope: { orgUnitId: number; actor: string }, id: number, now = new Date()) {
  const row = await db.transaction().execute(async (trx) => {
    const current = await findDraw(trx, scope.orgUnitId, id);
    if (!current) throw drawNotFound();
    const updated = await markDrawPublished(trx, id, now.toISOString());
    if (!updated) throw new AppError('conflict', '该抽查结果已公开 (already published)');
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection_draw.publish',
        entity: 'inspection_draw',
        entityId: id,
      },
      now,
    );
    return updated;
  });
  return presentDraw(row);
}

// ── For the public portal (issue 14): what the zone must publish (双随机一公开, 第78条). No ids of people. ──

export interface PublishedDrawResult {
  drawId: number;
  title: string;
  publishedAt: string;
  seed: string;
  poolsHash: string;
  algorithm: string;
  targets: number;
  /** Drawn enterprises and the inspectors' names (public officials in their official capacity). */
  selected: { enterpriseName: string; inspectors: string[] }[];
}

/** Published 双随机 draw results of a unit, newest first: enough for anyone to check them with the published seed. */
export async function listPublishedDrawResults(db: Db, orgUnitId: number): Promise<PublishedDrawResult[]> {
  const rows = await selectDraws(db, orgUnitId, true);
  return rows.map((r) => {
    const d = presentDraw(r);
    const pools = JSON.parse(r.pools) as { inspectors: { id: number; name: string }[] };
    const names = new Map(pools.inspectors.map((i) => [i.id, i.name]));
    return {
      drawId: d.id,
      title: d.title,
      publishedAt: d.publishedAt ?? '',
      seed: d.seed,
      poolsHash: d.poolsHash,
      algorithm: d.algorithm,
      targets: d.targets,
      selected: d.selected.map((s) => ({
        enterpriseName: s.enterpriseName,
        inspectors: [...s.inspectorIds, ...s.expertIds].map((id) => names.get(id) ?? ''),
      })),
    };
  });
}

export interface PublishedPenalty {
  enterpriseName: string;
  kind: string;
  kindLabel: string;
  amountYuan: number | null;
  legalBasis: string;
  decisionNo: string | null;
  decidedOn: string;
  publishedOn: string;
}

/** Published penalty decisions (行政处罚决定公示, 第78条) of a unit, newest first. Zero-penalty outcomes are not penalties. */
export async function listPublishedPenalties(db: Db, orgUnitId: number, year?: number): Promise<PublishedPenalty[]> {
  const rows = await selectEnforcement(db, {
    orgUnitId,
    departmentId: null,
    enterpriseId: null,
    from: year ? `${year}-01-01` : undefined,
    to: year ? `${year}-12-31` : undefined,
    publishedOnly: true,
  });
  return rows
    .filter((r) => isPenalty(r.kind))
    .map((r) => ({
      enterpriseName: r.enterprise_name,
      kind: r.kind,
      kindLabel: ENFORCEMENT_LABELS[r.kind],
      amountYuan: r.amount_fen === null ? null : r.amount_fen / 100,
      legalBasis: r.legal_basis,
      decisionNo: r.decision_no,
      decidedOn: r.decided_on,
      publishedOn: r.published_on ?? '',
    }));
}

/** Enforcement statistics of a unit's year (inspection-stats.ts), for other modules' read models (roll-up). */
export { inspectionStats, inspectionTotals } from './inspection-stats.ts';
