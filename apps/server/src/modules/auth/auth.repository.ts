import type { Db } from '../../db/database.ts';
import type { UserRole } from '../../db/schema.ts';

export interface UserAuthRow {
  id: number;
  org_unit_id: number;
  username: string;
  display_name: string;
  role: UserRole;
  department_id: number | null;
  password_hash: string;
  disabled: number;
  is_head: number;
  failed_logins: number;
  locked_until: string | null;
  version: number;
}

const USER_COLUMNS = [
  'id',
  'org_unit_id',
  'username',
  'display_name',
  'role',
  'department_id',
  'password_hash',
  'disabled',
  'is_head',
  'failed_logins',
  'locked_until',
  'version',
] as const;

export async function findUserForLogin(db: Db, username: string): Promise<UserAuthRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserAuthRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function recordLoginFailure(db: Db, id: number, failures: number, lockedUntil: string | null) {
  await db
    .updateTable('users')
    .set({ failed_logins: failures, locked_until: lockedUntil })
    .where('id', '=', id)
    .execute();
}

export async function clearLoginFailures(db: Db, id: number) {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string, expectedVersion?: number) {
  let q = db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertSession(
  db: Db,
  row: { idHash: string; userId: number; csrfToken: string; now: string; expiresAt: string },
) {
  await db
    .insertInto('sessions')
    .values({
      id_hash: row.idHash,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      created_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute();
}

export async function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'user_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertApiToken(
  db: Db,
  row: {
    orgUnitId: number;
    name: string;
    tokenHash: string;
    role: UserRole;
    departmentId: number | null;
    createdBy: number | null;
    now: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('api_tokens')
    .values({
      org_unit_id: row.orgUnitId,
      name: row.name,
      token_hash: row.tokenHash,
      role: row.role,
      department_id: row.departmentId,
      created_by: row.createdBy,
      created_at: row.now,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findApiToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'org_unit_id', 'name', 'role', 'department_id', 'created_by', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function revokeApiToken(db: Db, id: number, now: string) {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
