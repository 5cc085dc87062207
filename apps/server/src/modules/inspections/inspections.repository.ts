import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type {
  EnforcementActionTable,
  InspectionDrawTable,
  InspectionFindingTable,
  InspectionMatterTable,
  InspectionPlanItemTable,
  InspectionPlanTable,
  InspectionProfileTable,
  InspectionTable,
  InspectionTeamTable,
  InspectorConflictTable,
  InspectorTable,
} from '../../db/schema.ts';

/** All SQL of the inspections module's tables (inspection_*, inspectors, inspector_conflicts, enforcement_actions). */

export type ProfileRow = Selectable<InspectionProfileTable>;
export type PlanRow = Selectable<InspectionPlanTable>;
export type PlanItemRow = Selectable<InspectionPlanItemTable>;
export type MatterRow = Selectable<InspectionMatterTable>;
export type InspectorRow = Selectable<InspectorTable>;
export type ConflictRow = Selectable<InspectorConflictTable>;
export type DrawRow = Selectable<InspectionDrawTable>;
export type InspectionRow = Selectable<InspectionTable>;
export type FindingRow = Selectable<InspectionFindingTable>;
export type EnforcementRow = Selectable<EnforcementActionTable>;

const CHUNK = 500;

// ── profiles ──
export async function selectProfiles(db: Db, orgUnitId: number): Promise<ProfileRow[]> {
  return db.selectFrom('inspection_profiles').selectAll().where('org_unit_id', '=', orgUnitId).execute();
}

export async function upsertProfile(db: Db, row: Insertable<InspectionProfileTable>): Promise<void> {
  await db
    .insertInto('inspection_profiles')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_unit_id', 'enterprise_id']).doUpdateSet({
        class_code: row.class_code,
        is_key: row.is_key,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ── plans ──
export async function insertPlan(db: Db, row: Insertable<InspectionPlanTable>): Promise<PlanRow> {
  return db.insertInto('inspection_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertPlanItems(db: Db, rows: Insertable<InspectionPlanItemTable>[]): Promise<void> {
  // 2,000 rows × 7 columns = 14,000 parameters a statement: under SQLite's 32,766 and PostgreSQL's 65,535.
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('inspection_plan_items')
      .values(rows.slice(i, i + 2000))
      .execute();
  }
}

export async function findPlan(db: Db, orgUnitId: number, id: number): Promise<PlanRow | undefined> {
  return db
    .selectFrom('inspection_plans')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function selectPlans(db: Db, orgUnitId: number, year: number | undefined): Promise<PlanRow[]> {
  let q = db.selectFrom('inspection_plans').selectAll().where('org_unit_id', '=', orgUnitId);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('id', 'desc').execute();
}

export async function updatePlanVersioned(
  db: Db,
  id: number,
  version: number,
  changes: Updateable<InspectionPlanTable>,
): Promise<PlanRow | undefined> {
  return db
    .updateTable('inspection_plans')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The latest published (else approved) plan of a year. */
export async function findCurrentPlan(db: Db, orgUnitId: number, year: number): Promise<PlanRow | undefined> {
  return db
    .selectFrom('inspection_plans')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('year', '=', year)
    .where('status', 'in', ['published', 'approved'])
    .orderBy('status', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function selectPlanItems(
  db: Db,
  planId: number,
  filter: { departmentId?: number; enterpriseIds?: number[]; limit?: number; offset?: number },
): Promise<PlanItemRow[]> {
  let q = db.selectFrom('inspection_plan_items').selectAll().where('plan_id', '=', planId);
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.enterpriseIds)
    q = q.where('enterprise_id', 'in', filter.enterpriseIds.length ? filter.enterpriseIds : [-1]);
  q = q.orderBy('enterprise_id');
  if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
  return q.execute();
}

export async function countPlanItems(db: Db, planId: number, departmentId: number | undefined): Promise<number> {
  let q = db
    .selectFrom('inspection_plan_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', planId);
  if (departmentId !== undefined) q = q.where('department_id', '=', departmentId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Per department: enterprises, planned visits. */
export async function planTotalsByDepartment(
  db: Db,
  planId: number,
): Promise<{ department_id: number | null; enterprises: number; planned: number }[]> {
  const rows = await db
    .selectFrom('inspection_plan_items')
    .select((eb) => [
      'department_id',
      eb.fn.countAll<number>().as('enterprises'),
      eb.fn.sum<number>('planned').as('planned'),
    ])
    .where('plan_id', '=', planId)
    .groupBy('department_id')
    .execute();
  return rows.map((r) => ({
    department_id: r.department_id,
    enterprises: Number(r.enterprises),
    planned: Number(r.planned ?? 0),
  }));
}

/** Planned inspections done per department (completed, linked to the plan). */
export async function planDoneByDepartment(
  db: Db,
  planId: number,
  asOf: string,
): Promise<{ department_id: number | null; done: number }[]> {
  const rows = await db
    .selectFrom('inspections')
    .select((eb) => ['department_id', eb.fn.countAll<number>().as('done')])
    .where('plan_id', '=', planId)
    .where('status', '=', 'completed')
    .where('inspected_on', '<=', asOf)
    .groupBy('department_id')
    .execute();
  return rows.map((r) => ({ department_id: r.department_id, done: Number(r.done) }));
}

export async function planDoneByEnterprise(
  db: Db,
  planId: number,
  enterpriseIds: number[],
): Promise<Map<number, number>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inspections')
    .select((eb) => ['enterprise_id', eb.fn.countAll<number>().as('done')])
    .where('plan_id', '=', planId)
    .where('status', '=', 'completed')
    .where('enterprise_id', 'in', enterpriseIds)
    .groupBy('enterprise_id')
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, Number(r.done)]));
}

// ── matters ──
export async function insertMatter(db: Db, row: Insertable<InspectionMatterTable>): Promise<MatterRow> {
  return db.insertInto('inspection_matters').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function selectMatters(db: Db, orgUnitId: number): Promise<MatterRow[]> {
  return db.selectFrom('inspection_matters').selectAll().where('org_unit_id', '=', orgUnitId).orderBy('code').execute();
}
export async function findMatter(db: Db, orgUnitId: number, id: number): Promise<MatterRow | undefined> {
  return db
    .selectFrom('inspection_matters')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

// ── inspector pool ──
export async function insertInspector(db: Db, row: Insertable<InspectorTable>): Promise<InspectorRow> {
  return db.insertInto('inspectors').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function selectInspectors(db: Db, orgUnitId: number, activeOnly = false): Promise<InspectorRow[]> {
  let q = db.selectFrom('inspectors').selectAll().where('org_unit_id', '=', orgUnitId);
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('id').execute();
}
export async function findInspector(db: Db, orgUnitId: number, id: number): Promise<InspectorRow | undefined> {
  return db
    .selectFrom('inspectors')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function findInspectorByUser(
  db: Db,
  orgUnitId: number,
  userId: number,
): Promise<InspectorRow | undefined> {
  return db
    .selectFrom('inspectors')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('user_id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
}
export async function insertConflict(db: Db, row: Insertable<InspectorConflictTable>): Promise<void> {
  await db
    .insertInto('inspector_conflicts')
    .values(row)
    .onConflict((oc) => oc.columns(['inspector_id', 'enterprise_id', 'kind']).doNothing())
    .execute();
}
export async function selectConflicts(db: Db, inspectorIds: number[]): Promise<ConflictRow[]> {
  if (inspectorIds.length === 0) return [];
  return db.selectFrom('inspector_conflicts').selectAll().where('inspector_id', 'in', inspectorIds).execute();
}

// ── draws ──
export async function insertDraw(db: Db, row: Insertable<InspectionDrawTable>): Promise<DrawRow> {
  return db.insertInto('inspection_draws').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function findDraw(db: Db, orgUnitId: number | null, id: number): Promise<DrawRow | undefined> {
  let q = db.selectFrom('inspection_draws').selectAll().where('id', '=', id);
  if (orgUnitId !== null) q = q.where('org_unit_id', '=', orgUnitId);
  return q.executeTakeFirst();
}
export async function selectDraws(db: Db, orgUnitId: number, publishedOnly = false): Promise<DrawRow[]> {
  let q = db.selectFrom('inspection_draws').selectAll().where('org_unit_id', '=', orgUnitId);
  if (publishedOnly) q = q.where('status', '=', 'published');
  return q.orderBy('id', 'desc').execute();
}
/** The newest draw before this one (for "not the same pair as last time"). */
export async function findLastDraw(db: Db, orgUnitId: number): Promise<DrawRow | undefined> {
  return db
    .selectFrom('inspection_draws')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
export async function markDrawPublished(db: Db, id: number, at: string): Promise<DrawRow | undefined> {
  return db
    .updateTable('inspection_draws')
    .set({ status: 'published', published_at: at })
    .where('id', '=', id)
    .where('status', '=', 'drawn')
    .returningAll()
    .executeTakeFirst();
}
/** For tests and `duban draw verify`: overwrite the stored pools (simulating tampering). */
export async function updateDrawPools(db: Db, id: number, pools: string): Promise<void> {
  await db.updateTable('inspection_draws').set({ pools }).where('id', '=', id).execute();
}

// ── inspections ──
export async function insertInspection(db: Db, row: Insertable<InspectionTable>): Promise<InspectionRow> {
  return db.insertInto('inspections').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function insertTeam(db: Db, inspectionId: number, inspectorIds: number[]): Promise<void> {
  if (inspectorIds.length === 0) return;
  await db
    .insertInto('inspection_team')
    .values(inspectorIds.map((inspector_id) => ({ inspection_id: inspectionId, inspector_id })))
    .execute();
}
/** A draw's inspections in batches (one per drawn enterprise); returns enterprise id → inspection id. */
export async function insertDrawInspections(
  db: Db,
  drawId: number,
  rows: Insertable<InspectionTable>[],
): Promise<Map<number, number>> {
  for (let i = 0; i < rows.length; i += CHUNK / 5) {
    await db
      .insertInto('inspections')
      .values(rows.slice(i, i + CHUNK / 5))
      .execute();
  }
  const ids = await db
    .selectFrom('inspections')
    .select(['id', 'enterprise_id'])
    .where('draw_id', '=', drawId)
    .execute();
  return new Map(ids.map((r) => [r.enterprise_id, r.id]));
}
export async function insertTeams(db: Db, rows: { inspection_id: number; inspector_id: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('inspection_team')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}
export async function findInspection(db: Db, orgUnitId: number, id: number): Promise<InspectionRow | undefined> {
  return db
    .selectFrom('inspections')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function updateInspectionVersioned(
  db: Db,
  id: number,
  version: number,
  changes: Updateable<InspectionTable>,
): Promise<InspectionRow | undefined> {
  return db
    .updateTable('inspections')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
export interface InspectionFilter {
  orgUnitId: number;
  departmentId: number | null;
  inspectorId: number | null;
  enterpriseId: number | null;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}
function filtered(db: Db, f: InspectionFilter) {
  let q = db.selectFrom('inspections').where('inspections.org_unit_id', '=', f.orgUnitId);
  // An inspector sees their assignments whichever department recorded them; others their department's.
  if (f.departmentId !== null && f.inspectorId === null) q = q.where('inspections.department_id', '=', f.departmentId);
  if (f.enterpriseId !== null) q = q.where('inspections.enterprise_id', '=', f.enterpriseId);
  if (f.inspectorId !== null) {
    const inspectorId = f.inspectorId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('inspection_team')
          .select('inspection_team.inspection_id')
          .whereRef('inspection_team.inspection_id', '=', 'inspections.id')
          .where('inspection_team.inspector_id', '=', inspectorId),
      ),
    );
  }
  if (f.from) q = q.where('inspections.inspected_on', '>=', f.from);
  if (f.to) q = q.where('inspections.inspected_on', '<=', f.to);
  return q;
}
export async function selectInspections(db: Db, f: InspectionFilter): Promise<InspectionRow[]> {
  let q = filtered(db, f)
    .selectAll('inspections')
    .orderBy('inspections.inspected_on', 'desc')
    .orderBy('inspections.id', 'desc');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  return q.execute();
}
export async function countInspections(db: Db, f: InspectionFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
/** A team member of an inspection: inspection_team's keys and the inspector's name and kind. */
export type TeamMemberRow = Pick<Selectable<InspectionTeamTable>, 'inspection_id' | 'inspector_id'> &
  Pick<Selectable<InspectorTable>, 'name' | 'kind'>;

export async function selectTeams(db: Db, inspectionIds: number[]): Promise<TeamMemberRow[]> {
  if (inspectionIds.length === 0) return [];
  return db
    .selectFrom('inspection_team')
    .innerJoin('inspectors', 'inspectors.id', 'inspection_team.inspector_id')
    .select(['inspection_team.inspection_id', 'inspection_team.inspector_id', 'inspectors.name', 'inspectors.kind'])
    .where('inspection_team.inspection_id', 'in', inspectionIds)
    .orderBy('inspection_team.inspector_id')
    .execute();
}
export async function selectFindings(db: Db, inspectionIds: number[]): Promise<FindingRow[]> {
  if (inspectionIds.length === 0) return [];
  return db
    .selectFrom('inspection_findings')
    .selectAll()
    .where('inspection_id', 'in', inspectionIds)
    .orderBy('id')
    .execute();
}
export async function findFindingByKey(db: Db, clientKey: string): Promise<FindingRow | undefined> {
  return db.selectFrom('inspection_findings').selectAll().where('client_key', '=', clientKey).executeTakeFirst();
}
export async function insertFinding(db: Db, row: Insertable<InspectionFindingTable>): Promise<FindingRow> {
  return db.insertInto('inspection_findings').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function setFindingHazard(db: Db, id: number, hazardId: number): Promise<void> {
  await db.updateTable('inspection_findings').set({ hazard_id: hazardId }).where('id', '=', id).execute();
}
export async function findPhotoByKey(db: Db, clientKey: string) {
  return db.selectFrom('inspection_photos').selectAll().where('client_key', '=', clientKey).executeTakeFirst();
}
export async function insertPhoto(
  db: Db,
  row: { inspection_id: number; client_key: string; sha256: string; mime: string; size: number; created_at: string },
): Promise<void> {
  await db
    .insertInto('inspection_photos')
    .values(row)
    .onConflict((oc) => oc.column('client_key').doNothing())
    .execute();
}
export async function selectPhotos(db: Db, inspectionId: number) {
  return db.selectFrom('inspection_photos').selectAll().where('inspection_id', '=', inspectionId).execute();
}
/**
 * The next number of a kind of document in a unit's year (record_no / order_no): one atomic upsert on
 * inspection_document_counters inside the numbering transaction, so two inspections completed at the same moment
 * (several instances) never get the same number; unique indexes on the numbers back it up.
 */
export async function allocateDocumentNumber(
  trx: Db,
  orgUnitId: number,
  kind: 'record_no' | 'order_no',
  year: number,
): Promise<number> {
  const r = await trx
    .insertInto('inspection_document_counters')
    .values({ org_unit_id: orgUnitId, kind, year, last_no: 1 })
    .onConflict((oc) =>
      oc
        .columns(['org_unit_id', 'kind', 'year'])
        .doUpdateSet({ last_no: sql`inspection_document_counters.last_no + 1` }),
    )
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return r.last_no;
}
/** Enterprises inspected (any status but scheduled) on or after a date: the draw's "already inspected" exclusion. */
export async function selectInspectedEnterpriseIds(db: Db, orgUnitId: number, since: string): Promise<number[]> {
  const rows = await db
    .selectFrom('inspections')
    .select('enterprise_id')
    .distinct()
    .where('org_unit_id', '=', orgUnitId)
    .where('inspected_on', '>=', since)
    .where('status', '!=', 'scheduled')
    .execute();
  return rows.map((r) => r.enterprise_id);
}

// ── enforcement ──
export async function insertEnforcement(db: Db, row: Insertable<EnforcementActionTable>): Promise<EnforcementRow> {
  return db.insertInto('enforcement_actions').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function findEnforcement(db: Db, orgUnitId: number, id: number): Promise<EnforcementRow | undefined> {
  return db
    .selectFrom('enforcement_actions')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function selectEnforcement(
  db: Db,
  f: {
    orgUnitId: number;
    departmentId: number | null;
    enterpriseId: number | null;
    from?: string;
    to?: string;
    publishedOnly?: boolean;
  },
): Promise<EnforcementRow[]> {
  let q = db.selectFrom('enforcement_actions').selectAll().where('org_unit_id', '=', f.orgUnitId);
  if (f.departmentId !== null) q = q.where('department_id', '=', f.departmentId);
  if (f.enterpriseId !== null) q = q.where('enterprise_id', '=', f.enterpriseId);
  if (f.from) q = q.where('decided_on', '>=', f.from);
  if (f.to) q = q.where('decided_on', '<=', f.to);
  if (f.publishedOnly) q = q.where('published_on', 'is not', null);
  return q.orderBy('decided_on', 'desc').orderBy('id', 'desc').execute();
}
export async function selectPenaltyDates(db: Db, orgUnitId: number, enterpriseId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('enforcement_actions')
    .select('decided_on')
    .where('org_unit_id', '=', orgUnitId)
    .where('enterprise_id', '=', enterpriseId)
    .where('kind', '!=', 'zero_penalty')
    .where('major_hazard', '=', 1)
    .execute();
  return rows.map((r) => r.decided_on);
}
export async function setEnforcementPublished(db: Db, id: number, on: string): Promise<EnforcementRow | undefined> {
  return db
    .updateTable('enforcement_actions')
    .set({ published_on: on })
    .where('id', '=', id)
    .where('published_on', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
/** Enterprises penalised on or after a date: the draw's "recently penalised" exclusion. */
export async function selectPenalisedEnterpriseIds(db: Db, orgUnitId: number, since: string): Promise<number[]> {
  const rows = await db
    .selectFrom('enforcement_actions')
    .select('enterprise_id')
    .distinct()
    .where('org_unit_id', '=', orgUnitId)
    .where('decided_on', '>=', since)
    .where('kind', '!=', 'zero_penalty')
    .execute();
  return rows.map((r) => r.enterprise_id);
}

// ── statistics ──
export interface StatInspection {
  id: number;
  enterprise_id: number;
  department_id: number | null;
  trigger: string;
  inspected_on: string;
  record_no: string | null;
  order_no: string | null;
  findings: number;
  major: number;
}
/** Completed inspections of a period with their finding counts (one grouped statement). */
export async function selectStatInspections(
  db: Db,
  orgUnitId: number,
  from: string,
  to: string,
): Promise<StatInspection[]> {
  const rows = await db
    .selectFrom('inspections')
    .leftJoin('inspection_findings', 'inspection_findings.inspection_id', 'inspections.id')
    .select((eb) => [
      'inspections.id',
      'inspections.enterprise_id',
      'inspections.department_id',
      'inspections.trigger',
      'inspections.inspected_on',
      'inspections.record_no',
      'inspections.order_no',
      eb.fn.count<number>('inspection_findings.id').as('findings'),
      eb.fn.sum<number>(eb.case().when('inspection_findings.level', '=', 'major').then(1).else(0).end()).as('major'),
    ])
    .where('inspections.org_unit_id', '=', orgUnitId)
    .where('inspections.status', '=', 'completed')
    .where('inspections.inspected_on', '>=', from)
    .where('inspections.inspected_on', '<=', to)
    .groupBy([
      'inspections.id',
      'inspections.enterprise_id',
      'inspections.department_id',
      'inspections.trigger',
      'inspections.inspected_on',
      'inspections.record_no',
      'inspections.order_no',
    ])
    .execute();
  return rows.map((r) => ({ ...r, findings: Number(r.findings), major: Number(r.major ?? 0) }));
}
