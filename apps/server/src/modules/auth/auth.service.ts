import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { AppError } from '../../core/app-error.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import type { UserRole } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import { withUnitTree } from '../orgunits/orgunits.service.ts';
import { hashPassword } from '../users/users.service.ts';
import type { SelfScope, TokenAdminScope } from './auth.policy.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  findApiToken,
  findSession,
  findUnitApiToken,
  findUserById,
  findUserForLogin,
  insertApiToken,
  insertSession,
  listApiTokens as listApiTokenRows,
  revokeApiToken as revokeApiTokenRow,
  setPasswordHash,
  touchApiToken,
  type UserAuthRow,
} from './auth.repository.ts';
import { forgetThrottle, loginKey, passwordKey, recordThrottleFailure, waitForThrottle } from './login-throttle.ts';
import { checkPasswordStrength } from './password-policy.ts';
import { principalCacheOf } from './principal-cache.ts';

export const SESSION_HOURS = 12;
export const MAX_TOKEN_DAYS = 365;

// Verified against when the user does not exist, so both paths cost one argon2 verification.
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));
const WRONG_LOGIN = '用户名或密码错误 (wrong username or password)';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

function toPrincipal(user: UserAuthRow): Principal {
  return {
    kind: 'session',
    userId: user.id,
    username: user.username,
    role: user.role,
    orgUnitId: user.org_unit_id,
    departmentId: user.department_id,
    isHead: user.is_head === 1,
    mustChangePassword: user.must_change_password === 1,
    actor: `user:${user.id}`,
  };
}

/** What the header shows of the principal: the person's display name and department (registry name). */
export async function principalProfile(
  db: Db,
  principal: Principal,
): Promise<{ displayName: string | null; departmentName: string | null }> {
  const user = principal.userId === null ? undefined : await findUserById(db, principal.userId);
  const department =
    principal.departmentId === null
      ? undefined
      : await findUnitDepartment(db, principal.orgUnitId, principal.departmentId);
  return { displayName: user?.display_name ?? null, departmentName: department?.name ?? null };
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  principal: Principal;
}

/**
 * Checks the password. Repeated failures on a username slow every further attempt on it down (login-throttle.ts)
 * instead of locking the account; an unknown user, a disabled account, a wrong password and a throttled attempt
 * all get the same 401 with the same body, after one argon2 verification each.
 */
export async function login(db: Db, username: string, password: string, now = new Date()): Promise<LoginResult> {
  const key = loginKey(username);
  await waitForThrottle(db, key, now);
  const user = await findUserForLogin(db, username);
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || user.disabled === 1 || !ok) {
    const failures = await recordThrottleFailure(db, key);
    if (user) {
      await db.transaction().execute(async (trx) => {
        await appendAudit(trx, {
          orgUnitId: user.org_unit_id,
          actor: 'anonymous',
          action: 'auth.login_failed',
          entity: 'user',
          entityId: user.id,
          after: { failures },
        });
      });
    }
    throw new AppError('unauthorized', WRONG_LOGIN);
  }
  const sessionToken = newToken();
  const csrfToken = newToken();
  const at = new Date();
  const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await forgetThrottle(db, key);
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      idHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      now: at.toISOString(),
      expiresAt,
    });
    await appendAudit(trx, {
      orgUnitId: user.org_unit_id,
      actor: `user:${user.id}`,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
    });
  });
  return { sessionToken, csrfToken, expiresAt, principal: await withUnitTree(db, toPrincipal(user)) };
}

export async function logout(db: Db, sessionToken: string, principal: Principal): Promise<void> {
  const idHash = sha256(sessionToken);
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, idHash);
    await appendAudit(trx, {
      orgUnitId: principal.orgUnitId,
      actor: principal.actor,
      action: 'auth.logout',
      entity: 'user',
      entityId: principal.userId,
    });
  });
  principalCacheOf(db).forgetSession(idHash);
}

/**
 * The principal of a session cookie, with the session's CSRF token; null when unknown or expired. Answers are kept
 * for a few seconds per instance (principal-cache.ts: what that delays and what it does not).
 */
export async function resolveSession(
  db: Db,
  sessionToken: string,
  now = new Date(),
): Promise<{ principal: Principal; csrfToken: string } | null> {
  const idHash = sha256(sessionToken);
  const nowIso = now.toISOString();
  const cache = principalCacheOf(db);
  const cached = cache.get(idHash, nowIso);
  if (cached) return cached;
  const generation = cache.generation();
  const session = await findSession(db, idHash);
  if (!session || session.expires_at <= nowIso) return null;
  const user = await findUserById(db, session.user_id);
  if (!user || user.disabled === 1) return null;
  const principal = await withUnitTree(db, toPrincipal(user));
  const resolved = { principal, csrfToken: session.csrf_token, expiresAt: session.expires_at };
  cache.set(idHash, user.id, resolved, generation);
  return resolved;
}

/**
 * The principal of a bearer API token: a service identity of its own — the token's role and department, no user
 * (userId null), so it never acts as the administrator who created it. Null when unknown, revoked or expired.
 */
export async function resolveApiToken(db: Db, token: string, now = new Date()): Promise<Principal | null> {
  const row = await findApiToken(db, sha256(token));
  const iso = now.toISOString();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= iso)) return null;
  await touchApiToken(db, row.id, iso, new Date(now.getTime() - 60_000).toISOString());
  return withUnitTree(db, {
    kind: 'token',
    userId: null,
    username: `token:${row.name}`,
    role: row.role,
    orgUnitId: row.org_unit_id,
    departmentId: row.role === 'department' ? row.department_id : null,
    isHead: false,
    actor: `token:${row.id}`,
  });
}

/**
 * Changes the signed-in user's own password: the old password is checked first (before any rule on the new one,
 * so the endpoint tells nothing to someone who does not know it), failures slow further attempts down like sign-in
 * does, and every other session of the user ends. Tokens are refused (requireUser).
 */
export async function changePassword(
  db: Db,
  scope: SelfScope,
  currentSessionToken: string | null,
  oldPassword: string,
  newPassword: string,
) {
  const userId = scope.userId;
  const key = passwordKey(userId);
  await waitForThrottle(db, key);
  const user = await findUserById(db, userId);
  if (!user || !(await verify(user.password_hash, oldPassword).catch(() => false))) {
    await recordThrottleFailure(db, key);
    throw new AppError('validation_failed', '原密码不正确 (old password is wrong)', [
      { path: 'oldPassword', message: '原密码不正确' },
    ]);
  }
  await forgetThrottle(db, key);
  checkPasswordStrength(newPassword, { field: 'newPassword', username: user.username });
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash);
    await deleteSessionsOfUser(trx, user.id, currentSessionToken ? sha256(currentSessionToken) : null);
    await appendAudit(trx, {
      orgUnitId: user.org_unit_id,
      actor: scope.actor,
      action: 'user.password_change',
      entity: 'user',
      entityId: user.id,
      after: { otherSessionsEnded: true },
    });
  });
  // Every cached session of the user, this one included (looked up afresh: mustChangePassword is now 0).
  principalCacheOf(db).forgetUser(user.id);
}

/** Sets a new password chosen by an administrator (or generated) and ends the user's sessions. */
export async function resetPassword(
  db: Db,
  actor: { actor: string; orgUnitId: number },
  userId: number,
  password: string,
) {
  const user = await findUserById(db, userId);
  if (!user || user.org_unit_id !== actor.orgUnitId) throw new AppError('not_found', '用户不存在 (no such user)');
  checkPasswordStrength(password, { field: 'password', username: user.username });
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    // Set by someone else: the owner must choose a new one at the next sign-in (issue 13).
    await setPasswordHash(trx, userId, hash, undefined, 1);
    await deleteSessionsOfUser(trx, userId);
    await appendAudit(trx, {
      orgUnitId: user.org_unit_id,
      actor: actor.actor,
      action: 'user.password_reset',
      entity: 'user',
      entityId: userId,
    });
  });
  principalCacheOf(db).forgetUser(userId);
  await forgetThrottle(db, loginKey(user.username));
  await forgetThrottle(db, passwordKey(userId));
}

export interface ApiTokenInput {
  name: string;
  role: UserRole;
  departmentId: number | null;
  expiresInDays: number;
}

/** Creates a token (shown once); a department token needs an existing department of the unit (else 400). */
export async function createApiToken(
  db: Db,
  scope: TokenAdminScope,
  input: ApiTokenInput,
  now = new Date(),
): Promise<{ id: number; token: string; expiresAt: string }> {
  const createdBy = scope.userId;
  if (input.role === 'department' && input.departmentId === null) {
    throw new AppError('validation_failed', '部门令牌必须指定部门 (department tokens need a department)', [
      { path: 'departmentId', message: '必填' },
    ]);
  }
  const departmentId = input.role === 'department' ? input.departmentId : null;
  if (departmentId !== null && !(await findUnitDepartment(db, scope.orgUnitId, departmentId))) {
    throw new AppError('validation_failed', `部门 ${departmentId} 不存在 (no such department)`, [
      { path: 'departmentId', message: '部门不存在' },
    ]);
  }
  const days = Math.min(Math.max(1, Math.trunc(input.expiresInDays)), MAX_TOKEN_DAYS);
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  const token = `dbn_${newToken()}`;
  const id = await db.transaction().execute(async (trx) => {
    const newId = await insertApiToken(trx, {
      orgUnitId: scope.orgUnitId,
      name: input.name,
      tokenHash: sha256(token),
      role: input.role,
      departmentId,
      createdBy,
      now: now.toISOString(),
      expiresAt,
    });
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'api_token.create',
      entity: 'api_token',
      entityId: newId,
      after: { name: input.name, role: input.role, departmentId, expiresAt },
    });
    return newId;
  });
  return { id, token, expiresAt };
}

export async function listApiTokens(db: Db, scope: TokenAdminScope, now = new Date()) {
  const iso = now.toISOString();
  const rows = await listApiTokenRows(db, scope.orgUnitId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    departmentId: r.department_id,
    departmentName: r.department_name,
    createdBy: r.created_by_username,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
    status: r.revoked_at
      ? ('revoked' as const)
      : r.expires_at && r.expires_at <= iso
        ? ('expired' as const)
        : ('active' as const),
  }));
}

/** Revokes a token of the unit; another unit's token answers like a missing one. Revoking twice is a no-op. */
export async function revokeApiToken(db: Db, scope: TokenAdminScope, id: number, now = new Date()): Promise<void> {
  const row = await findUnitApiToken(db, scope.orgUnitId, id);
  if (!row) throw new AppError('not_found', 'API 令牌不存在 (no such token)');
  if (row.revoked_at) return;
  await db.transaction().execute(async (trx) => {
    await revokeApiTokenRow(trx, id, now.toISOString());
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'api_token.revoke',
      entity: 'api_token',
      entityId: id,
      before: { name: row.name, role: row.role, departmentId: row.department_id },
    });
  });
}
