import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { UserRole } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { checkPasswordStrength } from '../auth/password-policy.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import {
  countUsersWithRole,
  findUserByUsername,
  findUserDisplayName,
  insertUser,
  requirePasswordChange,
  setUserHead,
} from './users.repository.ts';

/** A random password people can type: 16 characters without look-alikes. */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Creates the office administrator on a database that has none, with a random password returned once
 * (no default passwords). Returns null when an administrator already exists.
 */
export async function ensureOfficeAdmin(
  db: Db,
  orgUnitId: number,
  now: Date = new Date(),
): Promise<{ username: string; password: string } | null> {
  if ((await countUsersWithRole(db, 'office_admin')) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const username = (await findUserByUsername(trx, 'admin')) ? `admin-${randomBytes(3).toString('hex')}` : 'admin';
    const id = await insertUser(trx, {
      org_unit_id: orgUnitId,
      username,
      display_name: '安委办管理员',
      role: 'office_admin',
      department_id: null,
      password_hash: passwordHash,
      created_at: now.toISOString(),
    });
    // A generated password: the administrator chooses a new one at the first sign-in.
    await requirePasswordChange(trx, id);
    await appendAudit(trx, {
      orgUnitId,
      actor: 'system',
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: { username, role: 'office_admin' },
    });
    return { username, password };
  });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  isHead: boolean;
  password: string;
}

/** Creates an account; a department user is bound to one department of the same unit. */
export async function createUser(
  db: Db,
  actor: { actor: string; orgUnitId: number },
  input: CreateUserInput,
): Promise<number> {
  checkPasswordStrength(input.password, { field: 'password', username: input.username });
  if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(input.username)) {
    throw new AppError('validation_failed', '用户名只能包含字母、数字和 _ . @ -，长度 2–64', [
      { path: 'username', message: '用户名格式不正确' },
    ]);
  }
  if (input.role === 'department') {
    if (input.departmentId === null) {
      throw new AppError('validation_failed', '部门用户必须指定所属部门', [{ path: 'departmentId', message: '必填' }]);
    }
    if (!(await findUnitDepartment(db, actor.orgUnitId, input.departmentId))) {
      throw new AppError('validation_failed', '所属部门不存在', [{ path: 'departmentId', message: '部门不存在' }]);
    }
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username)) {
      throw new AppError('conflict', `用户名“${input.username}”已存在 (username taken)`);
    }
    const id = await insertUser(trx, {
      org_unit_id: actor.orgUnitId,
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      department_id: input.role === 'department' ? input.departmentId : null,
      password_hash: passwordHash,
      created_at: new Date().toISOString(),
    });
    if (input.isHead) await setUserHead(trx, id, true);
    await appendAudit(trx, {
      orgUnitId: actor.orgUnitId,
      actor: actor.actor,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: { username: input.username, role: input.role, departmentId: input.departmentId, isHead: input.isHead },
    });
    return id;
  });
}

/**
 * A stored actor ('user:<id>', 'token:<id>', 'system', 'cli') as people read it: the person's display name, not
 * 'user:1' (the reminder policy's 最后修改人, issue 13).
 */
export async function actorDisplayName(db: Db, actor: string): Promise<string> {
  const user = /^user:(\d+)$/.exec(actor);
  if (user) return (await findUserDisplayName(db, Number(user[1]))) ?? '已删除的账号';
  if (actor.startsWith('token:')) return 'API 令牌';
  if (actor === 'system') return '系统';
  if (actor === 'cli') return '命令行';
  return actor;
}
