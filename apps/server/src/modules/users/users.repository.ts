import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { UserTable } from '../../db/schema.ts';

export async function countUsersWithRole(db: Db, role: UserTable['role']): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Usernames are unique regardless of case ('Admin' and 'admin' are the same account name). */
export async function findUserByUsername(db: Db, username: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function insertUser(
  db: Db,
  row: Pick<
    UserTable,
    'org_unit_id' | 'username' | 'display_name' | 'role' | 'department_id' | 'password_hash' | 'created_at'
  >,
): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({ ...row, disabled: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type UserListRow = Pick<
  Selectable<UserTable>,
  | 'id'
  | 'username'
  | 'display_name'
  | 'role'
  | 'department_id'
  | 'is_head'
  | 'disabled'
  | 'locked_until'
  | 'must_change_password'
  | 'version'
> & { department_name: string | null };

export async function listUsers(db: Db, orgUnitId: number): Promise<UserListRow[]> {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.department_id',
      'd.name as department_name',
      'u.is_head',
      'u.disabled',
      'u.locked_until',
      'u.must_change_password',
      'u.version',
    ])
    .where('u.org_unit_id', '=', orgUnitId)
    .orderBy('u.id')
    .execute();
}

export async function findUserIdInUnit(db: Db, orgUnitId: number, username: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function setUserHead(db: Db, id: number, isHead: boolean) {
  await db
    .updateTable('users')
    .set({ is_head: isHead ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

// ── The whistleblower-handler permission (migration 0012) ───────────────────────────────────────────────────────

export async function findReportHandlerFlag(db: Db, orgUnitId: number, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'disabled', 'can_handle_reports', 'version'])
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function setReportHandlerFlag(db: Db, id: number, flag: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ can_handle_reports: flag ? 1 : 0, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function listReportHandlerIds(db: Db, orgUnitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('org_unit_id', '=', orgUnitId)
    .where('can_handle_reports', '=', 1)
    .where('disabled', '=', 0)
    .execute();
  return rows.map((r) => r.id);
}

/** The enterprise an enterprise account is bound to (users.enterprise_id), or null. */
export async function findUserEnterpriseId(db: Db, userId: number): Promise<number | null> {
  const r = await db.selectFrom('users').select('enterprise_id').where('id', '=', userId).executeTakeFirst();
  return r?.enterprise_id ?? null;
}

/** Binds an enterprise account to an enterprise (or unbinds it with null); the account's version moves on. */
export async function setUserEnterprise(db: Db, userId: number, enterpriseId: number | null): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ enterprise_id: enterpriseId, version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** An account of the unit by username, with what binding it to an enterprise needs. */
export async function findUserForEnterpriseBinding(db: Db, orgUnitId: number, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'enterprise_id'])
    .where('org_unit_id', '=', orgUnitId)
    .where('username', '=', username)
    .executeTakeFirst();
}

/** Active accounts bound to an enterprise (hazards: notifying the enterprise of a listed hazard). */
export async function listEnterpriseAccountIds(db: Db, orgUnitId: number, enterpriseId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('org_unit_id', '=', orgUnitId)
    .where('enterprise_id', '=', enterpriseId)
    .where('disabled', '=', 0)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The account's next sign-in asks for a new password (a generated one was handed out). */
export async function requirePasswordChange(db: Db, id: number): Promise<void> {
  await db.updateTable('users').set({ must_change_password: 1 }).where('id', '=', id).execute();
}

export async function findUserDisplayName(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return row?.display_name;
}

export type EditableUser = Pick<
  Selectable<UserTable>,
  'id' | 'username' | 'display_name' | 'role' | 'department_id' | 'is_head' | 'disabled' | 'version'
>;

export async function findEditableUser(db: Db, orgUnitId: number, id: number): Promise<EditableUser | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'department_id', 'is_head', 'disabled', 'version'])
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

/** Writes the edited fields when the version still matches; false when someone else changed the account. */
export async function updateUserFields(
  db: Db,
  id: number,
  version: number,
  fields: Pick<EditableUser, 'display_name' | 'role' | 'department_id' | 'is_head' | 'disabled'>,
): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ ...fields, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Enabled office administrators of the unit other than `exceptId`. */
export async function countOtherActiveAdmins(db: Db, orgUnitId: number, exceptId: number): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_unit_id', '=', orgUnitId)
    .where('role', '=', 'office_admin')
    .where('disabled', '=', 0)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
