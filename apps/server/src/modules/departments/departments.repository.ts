import { PostgresAdapter, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DepartmentKind, DepartmentTable } from '../../db/schema.ts';

export type DepartmentRecord = Pick<Selectable<DepartmentTable>, 'id' | 'name' | 'kind' | 'confirmed' | 'retired_at'>;

export async function listDepartments(db: Db, orgUnitId: number): Promise<DepartmentRecord[]> {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'kind', 'confirmed', 'retired_at'])
    .where('org_unit_id', '=', orgUnitId)
    .orderBy('id')
    .execute();
}

export async function listAliases(db: Db, orgUnitId: number): Promise<{ department_id: number; alias: string }[]> {
  return db
    .selectFrom('department_aliases')
    .select(['department_id', 'alias'])
    .where('org_unit_id', '=', orgUnitId)
    .execute();
}

export async function listGroupMembers(
  db: Db,
  groupIds: number[],
): Promise<{ group_id: number; department_id: number }[]> {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('department_group_members')
    .select(['group_id', 'department_id'])
    .where('group_id', 'in', groupIds)
    .orderBy('department_id')
    .execute();
}

export async function insertDepartment(
  db: Db,
  row: { orgUnitId: number; name: string; kind: DepartmentKind; confirmed: boolean; now: string },
): Promise<number> {
  const inserted = await db
    .insertInto('departments')
    .values({
      org_unit_id: row.orgUnitId,
      name: row.name,
      kind: row.kind,
      confirmed: row.confirmed ? 1 : 0,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertAlias(db: Db, orgUnitId: number, departmentId: number, alias: string): Promise<void> {
  await db
    .insertInto('department_aliases')
    .values({ org_unit_id: orgUnitId, department_id: departmentId, alias })
    .execute();
}

export async function insertGroupMember(db: Db, groupId: number, departmentId: number): Promise<void> {
  await db.insertInto('department_group_members').values({ group_id: groupId, department_id: departmentId }).execute();
}

export async function listDepartmentsWithAliases(db: Db, orgUnitId: number) {
  const [departments, aliases, members] = await Promise.all([
    listDepartments(db, orgUnitId),
    listAliases(db, orgUnitId),
    db
      .selectFrom('department_group_members as m')
      .innerJoin('departments as g', 'g.id', 'm.group_id')
      .select(['m.group_id', 'm.department_id'])
      .where('g.org_unit_id', '=', orgUnitId)
      .execute(),
  ]);
  return { departments, aliases, members };
}

export async function confirmDepartment(db: Db, orgUnitId: number, id: number): Promise<number> {
  const r = await db
    .updateTable('departments')
    .set({ confirmed: 1 })
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .where('confirmed', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findDepartment(db: Db, orgUnitId: number, id: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'kind', 'confirmed', 'retired_at'])
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function findDepartmentByName(db: Db, orgUnitId: number, name: string) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'kind', 'confirmed'])
    .where('name', '=', name)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

// ── Registry editing (issue 13 item 3): rename, aliases, retire, merge ─────────────────────────────────────────

/** The department row locked for the editing transaction (PostgreSQL; SQLite serialises writers anyway). */
export async function lockDepartment(db: Db, orgUnitId: number, id: number) {
  let q = db
    .selectFrom('departments')
    .select(['id', 'name', 'kind', 'confirmed', 'retired_at'])
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId);
  if (db.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Who holds a name or alias in the unit: a department's name or one of its aliases. */
export async function findNameHolder(
  db: Db,
  orgUnitId: number,
  name: string,
): Promise<{ departmentId: number; as: 'name' | 'alias' } | undefined> {
  const byName = await findDepartmentByName(db, orgUnitId, name);
  if (byName) return { departmentId: byName.id, as: 'name' };
  const alias = await db
    .selectFrom('department_aliases')
    .select('department_id')
    .where('org_unit_id', '=', orgUnitId)
    .where('alias', '=', name)
    .executeTakeFirst();
  return alias ? { departmentId: alias.department_id, as: 'alias' } : undefined;
}

export async function listAliasesOf(db: Db, departmentId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('department_aliases')
    .select('alias')
    .where('department_id', '=', departmentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.alias);
}

export async function deleteAlias(db: Db, departmentId: number, alias: string): Promise<void> {
  await db
    .deleteFrom('department_aliases')
    .where('department_id', '=', departmentId)
    .where('alias', '=', alias)
    .execute();
}

export async function setDepartmentName(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('departments').set({ name }).where('id', '=', id).execute();
}

export async function setDepartmentRetired(db: Db, id: number, retiredAt: string | null): Promise<void> {
  await db.updateTable('departments').set({ retired_at: retiredAt }).where('id', '=', id).execute();
}

export async function deleteDepartmentRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('departments').where('id', '=', id).execute();
}

/**
 * Every (table, column) that points at a department, for a merge: each row moves to the surviving department.
 * Tables with a uniqueness that includes the department (aliases, group members, enterprise supervisors, rollup
 * links, assignments) are handled by the merge itself before these plain moves. A table added later that
 * references departments and is missing here makes the merge fail on the foreign key (no row is left behind).
 */
export const DEPARTMENT_REFERENCES = [
  ['occurrences', 'department_id'],
  ['reports', 'department_id'],
  ['supervision_actions', 'department_id'],
  ['supervision_batches', 'department_id'],
  ['extension_requests', 'department_id'],
  ['users', 'department_id'],
  ['api_tokens', 'department_id'],
  ['notification_channels', 'department_id'],
  ['calendar_feeds', 'department_id'],
  ['export_snapshots', 'department_id'],
  ['whistle_reports', 'department_id'],
  ['hazard_listings', 'supervising_department_id'],
  ['inspection_plan_items', 'department_id'],
  ['inspection_matters', 'department_id'],
  ['inspectors', 'department_id'],
  ['inspections', 'department_id'],
  ['enforcement_actions', 'department_id'],
] as const;

type RefTable = (typeof DEPARTMENT_REFERENCES)[number][0];

export async function moveDepartmentRows(db: Db, table: RefTable, column: string, from: number, into: number) {
  const r =
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${into} where ${sql.ref(column)} = ${from}`.execute(
      db,
    );
  return Number(r.numAffectedRows ?? 0);
}

export async function countDepartmentRows(db: Db, table: RefTable, column: string, id: number): Promise<number> {
  const r = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Aliases move with the department (an alias is unique per unit, so no twin can exist). */
export async function moveAliases(db: Db, from: number, into: number): Promise<number> {
  const r = await db
    .updateTable('department_aliases')
    .set({ department_id: into })
    .where('department_id', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Group memberships move; a group both belonged to keeps one membership. */
export async function moveGroupMemberships(db: Db, from: number, into: number): Promise<number> {
  const both = db.selectFrom('department_group_members').select('group_id').where('department_id', '=', into);
  await db
    .deleteFrom('department_group_members')
    .where('department_id', '=', from)
    .where('group_id', 'in', both)
    .execute();
  const r = await db
    .updateTable('department_group_members')
    .set({ department_id: into })
    .where('department_id', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Enterprise supervision moves; a role both held for the same enterprise stays once. */
export async function moveEnterpriseSupervision(db: Db, from: number, into: number): Promise<number> {
  const rows = await db
    .selectFrom('enterprise_supervisors')
    .select(['id', 'enterprise_id', 'role'])
    .where('department_id', '=', from)
    .execute();
  let moved = 0;
  for (const r of rows) {
    const twin = await db
      .selectFrom('enterprise_supervisors')
      .select('id')
      .where('enterprise_id', '=', r.enterprise_id)
      .where('department_id', '=', into)
      .where('role', '=', r.role)
      .executeTakeFirst();
    if (twin) await db.deleteFrom('enterprise_supervisors').where('id', '=', r.id).execute();
    else {
      await db.updateTable('enterprise_supervisors').set({ department_id: into }).where('id', '=', r.id).execute();
      moved += 1;
    }
  }
  return moved;
}

/**
 * Duties move to the survivor. A duty it already has on the same task in the same role would break the unique key
 * (task, department, role): the moving one is marked with the role 'merged' first, which the one-duty fold that
 * follows (mergeDuplicateAssignments) ranks weakest, so the survivor's duty is kept and the marked one folded in.
 */
/**
 * A registry entry that stands for a child zone (roll-up, rollup_zone_links: one link per department) moves with
 * the department; when both stand for a zone the merge is refused (false).
 */
export async function moveZoneLink(db: Db, from: number, into: number): Promise<boolean> {
  const links = await db
    .selectFrom('rollup_zone_links')
    .select('department_id')
    .where('department_id', 'in', [from, into])
    .execute();
  if (links.length === 2) return false;
  await db.updateTable('rollup_zone_links').set({ department_id: into }).where('department_id', '=', from).execute();
  return true;
}

export async function moveAssignments(db: Db, from: number, into: number): Promise<number> {
  const twins = await db
    .selectFrom('assignments as m')
    .innerJoin('assignments as s', (j) => j.onRef('s.task_id', '=', 'm.task_id').onRef('s.role', '=', 'm.role'))
    .select('m.id')
    .where('m.department_id', '=', from)
    .where('s.department_id', '=', into)
    .execute();
  if (twins.length > 0) {
    await db
      .updateTable('assignments')
      .set({ role: sql`'merged'` })
      .where(
        'id',
        'in',
        twins.map((t) => t.id),
      )
      .execute();
  }
  const r = await db
    .updateTable('assignments')
    .set({ department_id: into })
    .where('department_id', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The occurrences of some departments with what makes them twins: task, rule and period. */
export async function listOccurrenceKeys(db: Db, departmentIds: number[]) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .select(['o.id', 'a.task_id', 'o.rule_id', 'o.period_key'])
    .where('a.department_id', 'in', departmentIds)
    .execute();
}

export async function relinkNotifications(db: Db, from: number, into: number): Promise<void> {
  await db.updateTable('notifications').set({ occurrence_id: into }).where('occurrence_id', '=', from).execute();
}

export async function existingOccurrenceIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('occurrences').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
