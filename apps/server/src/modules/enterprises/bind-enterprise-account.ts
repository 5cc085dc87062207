import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUserForEnterpriseBinding, setUserEnterprise } from '../users/users.repository.ts';
import { type EnterpriseActingScope, enterpriseNotFound } from './enterprises.policy.ts';
import { findEnterpriseInScope } from './enterprises.repository.ts';

/** The office binds an enterprise account (role 'enterprise') to one enterprise: it then sees only that one. */
export async function bindEnterpriseAccount(
  db: Db,
  scope: EnterpriseActingScope,
  enterpriseId: number,
  username: string,
  now: Date = new Date(),
): Promise<{ userId: number; username: string; enterpriseId: number }> {
  return db.transaction().execute(async (trx) => {
    const enterprise = await findEnterpriseInScope(trx, scope, enterpriseId);
    if (!enterprise) throw enterpriseNotFound();
    const user = await findUserForEnterpriseBinding(trx, scope.orgUnitId, username);
    if (!user) throw new AppError('not_found', `账号“${username}”不存在 (account not found)`);
    if (user.role !== 'enterprise') {
      throw new AppError('validation_failed', `账号“${username}”不是企业账号，不能绑定企业`, [
        { path: 'username', message: '只能绑定企业账号' },
      ]);
    }
    await setUserEnterprise(trx, user.id, enterpriseId);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'user.bind_enterprise',
        entity: 'user',
        entityId: user.id,
        before: { enterpriseId: user.enterprise_id },
        after: { enterpriseId },
      },
      now,
    );
    return { userId: user.id, username: user.username, enterpriseId };
  });
}
