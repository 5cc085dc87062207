import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OrgUnitTable, ReportTable, RollupSubmissionTable } from '../../db/schema.ts';

// All SQL of the roll-up module: the org tree, the read-model versions of a subtree, 直报 submissions, zone links,
// task links, and the upper list's duties of a zone (task-list tables read-only, as the dashboard reads them).

/** org_units' columns and the depth below the asked unit (raw SQL: typed here, depth converted below). */
export type UnitNodeRow = Pick<Selectable<OrgUnitTable>, 'id' | 'parent_id' | 'code' | 'name' | 'level'> & {
  depth: number;
};

/** The unit and every unit below it (depth 0 = the unit), in one recursive statement. */
export async function selectSubtree(db: Db, unitId: number): Promise<UnitNodeRow[]> {
  const r = await sql<UnitNodeRow>`
    with recursive t(id, parent_id, code, name, level, depth) as (
      select id, parent_id, code, name, level, 0 from org_units where id = ${unitId}
      union all
      select o.id, o.parent_id, o.code, o.name, o.level, t.depth + 1 from org_units o join t on o.parent_id = t.id
    )
    select id, parent_id, code, name, level, depth from t order by depth, code`.execute(db);
  return r.rows.map((x) => ({ ...x, depth: Number(x.depth) }));
}

/** The units in a tree (with a parent or a child): what a roll-up reads; a lone unit has no roll-up to warm. */
export async function selectTreeUnitIds(db: Db, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('org_units as u')
    .select('u.id')
    .where((eb) =>
      eb.or([
        eb('u.parent_id', 'is not', null),
        eb.exists(eb.selectFrom('org_units as c').select('c.id').whereRef('c.parent_id', '=', 'u.id')),
      ]),
    )
    .orderBy('u.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findUnit(db: Db, unitId: number) {
  return db
    .selectFrom('org_units')
    .select(['id', 'parent_id', 'code', 'name', 'level'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

// ---- 直报 ----

export type SubmissionRow = Selectable<RollupSubmissionTable>;

const submissionColumns = [
  'id',
  'org_unit_id',
  'parent_unit_id',
  'year',
  'period_key',
  'seq',
  'status',
  'figures',
  'file_name',
  'file_sha256',
  'note',
  'submitted_by',
  'submitted_at',
  'return_reason',
  'reviewed_by',
  'reviewed_at',
  'version',
] as const;
export type SubmissionMeta = Omit<SubmissionRow, 'file_bytes'>;

/** The unit's latest submission of a period (highest seq). */
export async function findLatestSubmission(
  db: Db,
  orgUnitId: number,
  periodKey: string,
): Promise<SubmissionMeta | undefined> {
  return db
    .selectFrom('rollup_submissions')
    .select(submissionColumns)
    .where('org_unit_id', '=', orgUnitId)
    .where('period_key', '=', periodKey)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertSubmission(
  db: Db,
  row: Omit<SubmissionRow, 'id' | 'version' | 'return_reason' | 'reviewed_by' | 'reviewed_at'>,
): Promise<number> {
  const r = await db
    .insertInto('rollup_submissions')
    .values({ ...row, return_reason: null, reviewed_by: null, reviewed_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findSubmission(db: Db, id: number): Promise<SubmissionMeta | undefined> {
  return db.selectFrom('rollup_submissions').select(submissionColumns).where('id', '=', id).executeTakeFirst();
}

export async function findSubmissionFile(db: Db, id: number) {
  return db
    .selectFrom('rollup_submissions')
    .select(['id', 'org_unit_id', 'parent_unit_id', 'file_name', 'file_bytes'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Sets the review fields when the row is still at `version` and submitted; false when it was not. */
export async function reviewSubmissionRow(
  db: Db,
  id: number,
  version: number,
  change: { status: 'accepted' | 'returned'; return_reason: string | null; reviewed_by: number; reviewed_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('rollup_submissions')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Submissions sent to `parentUnitId` (all versions), or made by `orgUnitId`, optionally of one period. */
export async function listSubmissions(
  db: Db,
  f: { parentUnitId?: number; orgUnitId?: number; periodKey?: string },
): Promise<(SubmissionMeta & { unit_code: string; unit_name: string; unit_level: string })[]> {
  let q = db
    .selectFrom('rollup_submissions as s')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .select(submissionColumns.map((c) => `s.${c}` as const))
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.level as unit_level']);
  if (f.parentUnitId !== undefined) q = q.where('s.parent_unit_id', '=', f.parentUnitId);
  if (f.orgUnitId !== undefined) q = q.where('s.org_unit_id', '=', f.orgUnitId);
  if (f.periodKey !== undefined) q = q.where('s.period_key', '=', f.periodKey);
  return q.orderBy('u.code').orderBy('s.period_key').orderBy('s.seq', 'desc').execute();
}

/** The latest submission per child for a period (for the overview's submitted / not submitted). */
export async function latestSubmissionsOfChildren(db: Db, parentUnitId: number, periodKey: string) {
  const rows = await db
    .selectFrom('rollup_submissions')
    .select(['id', 'org_unit_id', 'seq', 'status', 'submitted_at'])
    .where('parent_unit_id', '=', parentUnitId)
    .where('period_key', '=', periodKey)
    .orderBy('seq', 'desc')
    .execute();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.org_unit_id)) latest.set(r.org_unit_id, r);
  return latest;
}

// ---- zone links (an upper unit's registry entry = a child unit) ----

export async function listZoneLinks(db: Db, orgUnitId: number) {
  return db
    .selectFrom('rollup_zone_links as l')
    .innerJoin('departments as d', 'd.id', 'l.department_id')
    .innerJoin('org_units as u', 'u.id', 'l.zone_unit_id')
    .select(['l.id', 'l.department_id', 'd.name as department_name', 'u.id as zone_id', 'u.code', 'u.name', 'u.level'])
    .where('l.org_unit_id', '=', orgUnitId)
    .orderBy('u.code')
    .execute();
}

export async function insertZoneLink(
  db: Db,
  row: { orgUnitId: number; departmentId: number; zoneUnitId: number; actor: string; now: string },
): Promise<number> {
  const r = await db
    .insertInto('rollup_zone_links')
    .values({
      org_unit_id: row.orgUnitId,
      department_id: row.departmentId,
      zone_unit_id: row.zoneUnitId,
      created_by: row.actor,
      created_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? 0;
}

/** The registry entry that stands for the zone in its parent's list, if the parent linked one. */
export async function findZoneLinkOfZone(db: Db, zoneUnitId: number) {
  return db
    .selectFrom('rollup_zone_links')
    .select(['org_unit_id', 'department_id'])
    .where('zone_unit_id', '=', zoneUnitId)
    .orderBy('id')
    .executeTakeFirst();
}

// ---- the upper list's duties of a zone ----

/** The occurrences of the upper unit's list of the year assigned to the zone's registry entry. */
export async function selectUpperDuties(db: Db, upperUnitId: number, departmentId: number, year: number) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
    .select([
      'o.id as occurrence_id',
      't.id as task_id',
      't.no as task_no',
      't.text as task_text',
      'o.period_key',
      'o.due_date',
      'o.report_state',
    ])
    .where('l.org_unit_id', '=', upperUnitId)
    .where('l.year', '=', year)
    .where('o.department_id', '=', departmentId)
    .orderBy('t.seq')
    .orderBy('o.due_date')
    .execute();
}

/** An occurrence of selectUpperDuties with its task's 序号 and text. */
export type UpperDutyRow = Awaited<ReturnType<typeof selectUpperDuties>>[number];

/** One upper occurrence of the zone's entry: its task and period window (for the draft's accepted reports). */
export async function findUpperDuty(db: Db, upperUnitId: number, departmentId: number, occurrenceId: number) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
    .select(['o.id', 'a.task_id', 'o.window_start', 'o.due_date', 'o.period_key'])
    .where('l.org_unit_id', '=', upperUnitId)
    .where('o.department_id', '=', departmentId)
    .where('o.id', '=', occurrenceId)
    .executeTakeFirst();
}

/** The latest report of each occurrence (any status), for the duties list. */
export async function latestReportsOf(db: Db, occurrenceIds: number[]) {
  if (occurrenceIds.length === 0) return new Map<number, LatestReport>();
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'occurrence_id', 'status', 'version', 'return_reason'])
    .where('occurrence_id', 'in', occurrenceIds)
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<number, LatestReport>();
  for (const r of rows) if (!latest.has(r.occurrence_id)) latest.set(r.occurrence_id, r);
  return latest;
}
export type LatestReport = Pick<
  Selectable<ReportTable>,
  'id' | 'occurrence_id' | 'status' | 'version' | 'return_reason'
>;

export async function findTaskInUnit(db: Db, orgUnitId: number, taskId: number) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
    .select(['t.id', 't.no', 't.text', 'l.year', 'l.org_unit_id'])
    .where('l.org_unit_id', '=', orgUnitId)
    .where('t.id', '=', taskId)
    .executeTakeFirst();
}

export async function insertTaskLink(
  db: Db,
  row: { zoneUnitId: number; upperTaskId: number; ownTaskId: number; actor: string; now: string },
): Promise<number> {
  const r = await db
    .insertInto('rollup_task_links')
    .values({
      zone_unit_id: row.zoneUnitId,
      upper_task_id: row.upperTaskId,
      own_task_id: row.ownTaskId,
      created_by: row.actor,
      created_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? 0;
}

export async function listTaskLinks(db: Db, zoneUnitId: number, upperTaskIds: number[]) {
  if (upperTaskIds.length === 0) return [];
  return db
    .selectFrom('rollup_task_links as k')
    .innerJoin('tasks as t', 't.id', 'k.own_task_id')
    .select(['k.upper_task_id', 't.id', 't.no', 't.text'])
    .where('k.zone_unit_id', '=', zoneUnitId)
    .where('k.upper_task_id', 'in', upperTaskIds)
    .orderBy('t.seq')
    .execute();
}

/**
 * Accepted reports of the zone's departments on the own tasks linked to an upper task, for occurrences due (or
 * accepted) within the upper occurrence's window: what the zone's report to its parent is pre-filled with.
 */
export async function acceptedReportsForDuty(
  db: Db,
  zoneUnitId: number,
  upperTaskId: number,
  window: { from: string; to: string },
) {
  return db
    .selectFrom('rollup_task_links as k')
    .innerJoin('assignments as a', 'a.task_id', 'k.own_task_id')
    .innerJoin('occurrences as o', 'o.assignment_id', 'a.id')
    .innerJoin('reports as r', 'r.occurrence_id', 'o.id')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .select(['r.id', 'd.name as department', 'r.text', 'o.due_date'])
    .where('k.zone_unit_id', '=', zoneUnitId)
    .where('k.upper_task_id', '=', upperTaskId)
    .where('r.org_unit_id', '=', zoneUnitId)
    .where('r.status', '=', 'accepted')
    .where('o.due_date', '>=', window.from)
    .where('o.due_date', '<=', window.to)
    .orderBy('a.seq')
    .orderBy('o.due_date')
    .orderBy('r.id')
    .execute();
}
