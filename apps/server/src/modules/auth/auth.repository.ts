import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ApiTokenTable, UserRole, UserTable } from '../../db/schema.ts';

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
  'version',
  'must_change_password',
] as const;

/** What sign-in and session resolution read of an account. */
export type UserAuthRow = Pick<Selectable<UserTable>, (typeof USER_COLUMNS)[number]>;

/** Usernames are unique regardless of case (index users_username_ci_idx), and sign-in ignores case too. */
export async function findUserForLogin(db: Db, username: string): Promise<UserAuthRow | undefined> {
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserAuthRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** `mustChange`: 1 when someone other than the owner set it (reset, generated), 0 when the owner chose it. */
export async function setPasswordHash(
  db: Db,
  id: number,
  passwordHash: string,
  expectedVersion?: number,
  mustChange: 0 | 1 = 0,
) {
  let q = db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      must_change_password: mustChange,
      failed_logins: 0,
      locked_until: null,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ── Throttling (login and password change), by key: known and unknown usernames are treated alike ────────────────

export async function findThrottle(db: Db, key: string) {
  return db
    .selectFrom('login_throttle')
    .select(['failures', 'last_failure_at'])
    .where('throttle_key', '=', key)
    .executeTakeFirst();
}

export async function saveThrottle(db: Db, key: string, failures: number, at: string) {
  await db
    .insertInto('login_throttle')
    .values({ throttle_key: key, failures, last_failure_at: at })
    .onConflict((oc) => oc.column('throttle_key').doUpdateSet({ failures, last_failure_at: at }))
    .execute();
}

export async function clearThrottle(db: Db, key: string) {
  await db.deleteFrom('login_throttle').where('throttle_key', '=', key).execute();
}

/** Forgets failures older than `before` (keeps the table small when someone tries many invented usernames). */
export async function pruneThrottle(db: Db, before: string) {
  await db.deleteFrom('login_throttle').where('last_failure_at', '<', before).execute();
}

// ── Sessions ───────────────────────────────────────────────────────────────────────────────────────────────────

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

/** Ends the user's sessions, except `keepIdHash` (the one that asked) when given. */
export async function deleteSessionsOfUser(db: Db, userId: number, keepIdHash: string | null = null) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '<>', keepIdHash);
  await q.execute();
}

// ── API tokens ─────────────────────────────────────────────────────────────────────────────────────────────────

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
    expiresAt: string;
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
      expires_at: row.expiresAt,
      last_used_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type ApiTokenRow = Pick<
  ApiTokenTable,
  'org_unit_id' | 'name' | 'role' | 'department_id' | 'created_by' | 'created_at' | 'revoked_at' | 'expires_at'
> & { id: number; last_used_at: string | null };

const TOKEN_COLUMNS = [
  'id',
  'org_unit_id',
  'name',
  'role',
  'department_id',
  'created_by',
  'created_at',
  'revoked_at',
  'expires_at',
  'last_used_at',
] as const;

export async function findApiToken(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findUnitApiToken(db: Db, orgUnitId: number, id: number): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function listApiTokens(db: Db, orgUnitId: number) {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('departments as d', 'd.id', 't.department_id')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select([
      't.id',
      't.name',
      't.role',
      't.department_id',
      'd.name as department_name',
      'u.username as created_by_username',
      't.created_at',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
    ])
    .where('t.org_unit_id', '=', orgUnitId)
    .orderBy('t.id', 'desc')
    .execute();
}

/** Marks a token used, at most once a minute (no write on every request). */
export async function touchApiToken(db: Db, id: number, now: string, notSince: string) {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', notSince)]))
    .execute();
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
