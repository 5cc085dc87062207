import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { AppError } from '../../core/app-error.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import type { UserRole } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../users/users.service.ts';
import {
  clearLoginFailures,
  deleteSession,
  deleteSessionsOfUser,
  findApiToken,
  findSession,
  findUserById,
  findUserForLogin,
  insertApiToken,
  insertSession,
  recordLoginFailure,
  setPasswordHash,
  type UserAuthRow,
} from './auth.repository.ts';
import { checkPasswordStrength } from './password-policy.ts';

export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

// Verified against when the user does not exist, so both paths cost one argon2 verification.
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

function toPrincipal(user: UserAuthRow, kind: Principal['kind']): Principal {
  return {
    kind,
    userId: user.id,
    username: user.username,
    role: user.role,
    orgUnitId: user.org_unit_id,
    departmentId: user.department_id,
    isHead: user.is_head === 1,
    actor: `user:${user.id}`,
  };
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  principal: Principal;
}

/** Checks the password; five failures lock the account for 15 minutes. Unknown user and wrong password look alike. */
export async function login(db: Db, username: string, password: string, now = new Date()): Promise<LoginResult> {
  const user = await findUserForLogin(db, username);
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || user.disabled === 1) throw new AppError('unauthorized', '用户名或密码错误 (wrong username or password)');
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError('too_many_attempts', `登录失败次数过多，账号已临时锁定，请于 ${LOCKOUT_MINUTES} 分钟后再试`);
  }
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lockedUntil =
      failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, user.id, lockedUntil ? 0 : failures, lockedUntil);
      await appendAudit(trx, {
        orgUnitId: user.org_unit_id,
        actor: 'anonymous',
        action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
        entity: 'user',
        entityId: user.id,
        after: { failures, lockedUntil },
      });
    });
    throw new AppError('unauthorized', '用户名或密码错误 (wrong username or password)');
  }
  const sessionToken = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, user.id);
    await insertSession(trx, {
      idHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      now: now.toISOString(),
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
  return { sessionToken, csrfToken, expiresAt, principal: toPrincipal(user, 'session') };
}

export async function logout(db: Db, sessionToken: string, principal: Principal): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sha256(sessionToken));
    await appendAudit(trx, {
      orgUnitId: principal.orgUnitId,
      actor: principal.actor,
      action: 'auth.logout',
      entity: 'user',
      entityId: principal.userId,
    });
  });
}

/** The principal of a session cookie, with the session's CSRF token; null when unknown or expired. */
export async function resolveSession(
  db: Db,
  sessionToken: string,
  now = new Date(),
): Promise<{ principal: Principal; csrfToken: string } | null> {
  const session = await findSession(db, sha256(sessionToken));
  if (!session || session.expires_at <= now.toISOString()) return null;
  const user = await findUserById(db, session.user_id);
  if (!user || user.disabled === 1) return null;
  return { principal: toPrincipal(user, 'session'), csrfToken: session.csrf_token };
}

/** The principal of a bearer API token; null when unknown or revoked. */
export async function resolveApiToken(db: Db, token: string): Promise<Principal | null> {
  const row = await findApiToken(db, sha256(token));
  if (!row || row.revoked_at) return null;
  return {
    kind: 'token',
    userId: row.created_by,
    username: `token:${row.name}`,
    role: row.role,
    orgUnitId: row.org_unit_id,
    departmentId: row.department_id,
    isHead: false,
    actor: `token:${row.id}`,
  };
}

export async function changePassword(db: Db, principal: Principal, oldPassword: string, newPassword: string) {
  if (principal.userId === null) throw new AppError('forbidden', '令牌不能修改密码');
  const user = await findUserById(db, principal.userId);
  if (!user || !(await verify(user.password_hash, oldPassword).catch(() => false))) {
    throw new AppError('validation_failed', '原密码不正确 (old password is wrong)', [
      { path: 'oldPassword', message: '原密码不正确' },
    ]);
  }
  checkPasswordStrength(newPassword);
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash);
    await appendAudit(trx, {
      orgUnitId: user.org_unit_id,
      actor: principal.actor,
      action: 'user.password_change',
      entity: 'user',
      entityId: user.id,
    });
  });
}

/** Sets a new password chosen by an administrator (or generated) and ends the user's sessions. */
export async function resetPassword(
  db: Db,
  actor: { actor: string; orgUnitId: number },
  userId: number,
  password: string,
) {
  checkPasswordStrength(password);
  const user = await findUserById(db, userId);
  if (!user || user.org_unit_id !== actor.orgUnitId) throw new AppError('not_found', '用户不存在 (no such user)');
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, hash);
    await deleteSessionsOfUser(trx, userId);
    await appendAudit(trx, {
      orgUnitId: user.org_unit_id,
      actor: actor.actor,
      action: 'user.password_reset',
      entity: 'user',
      entityId: userId,
    });
  });
}

export async function createApiToken(
  db: Db,
  principal: Principal,
  input: { name: string; role: UserRole; departmentId: number | null },
): Promise<{ id: number; token: string }> {
  if (input.role === 'department' && input.departmentId === null) {
    throw new AppError('validation_failed', '部门令牌必须指定部门 (department tokens need a department)');
  }
  const token = `dbn_${newToken()}`;
  const id = await db.transaction().execute(async (trx) => {
    const newId = await insertApiToken(trx, {
      orgUnitId: principal.orgUnitId,
      name: input.name,
      tokenHash: sha256(token),
      role: input.role,
      departmentId: input.role === 'department' ? input.departmentId : null,
      createdBy: principal.userId,
      now: new Date().toISOString(),
    });
    await appendAudit(trx, {
      orgUnitId: principal.orgUnitId,
      actor: principal.actor,
      action: 'api_token.create',
      entity: 'api_token',
      entityId: newId,
      after: { name: input.name, role: input.role, departmentId: input.departmentId },
    });
    return newId;
  });
  return { id, token };
}
