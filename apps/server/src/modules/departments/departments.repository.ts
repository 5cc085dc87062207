import type { Db } from '../../db/database.ts';
import type { DepartmentKind } from '../../db/schema.ts';

export interface DepartmentRecord {
  id: number;
  name: string;
  kind: DepartmentKind;
  confirmed: number;
}

export async function listDepartments(db: Db, orgUnitId: number): Promise<DepartmentRecord[]> {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'kind', 'confirmed'])
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
    .select(['id', 'name', 'kind', 'confirmed'])
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
