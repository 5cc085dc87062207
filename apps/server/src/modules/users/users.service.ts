import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { countUsersWithRole, findUserByUsername, insertUser } from './users.repository.ts';

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
