import type { Principal } from '../core/principal.ts';
import type { Db } from '../db/database.ts';
import { listUsers } from '../modules/users/users.repository.ts';
import { CliError } from './cli-output.ts';

/**
 * The principal of a named account of the unit, for commands that act as a person (`--user`): the same role,
 * department and unit the API would see, so the command goes through the same policy. A disabled or unknown
 * account is refused.
 */
export async function principalOfUser(db: Db, orgUnitId: number, username: string): Promise<Principal> {
  const user = (await listUsers(db, orgUnitId)).find((u) => u.username === username);
  if (!user) throw new CliError(`用户 ${username} 不存在`);
  if (user.disabled !== 0) throw new CliError(`用户 ${username} 已停用`);
  return {
    kind: 'session',
    userId: user.id,
    username: user.username,
    role: user.role,
    orgUnitId,
    homeUnitId: orgUnitId,
    departmentId: user.department_id,
    isHead: user.is_head === 1,
    actor: `user:${user.id}`,
  };
}
