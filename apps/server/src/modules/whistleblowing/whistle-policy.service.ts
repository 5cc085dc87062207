import { WhistlePolicySchema } from '@duban/shared/contracts/whistleblowing';
import { DEFAULT_WHISTLE_POLICY, type WhistlePolicy } from '@duban/shared/whistleblowing/whistle-policy';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { HandlerScope } from './whistleblowing.policy.ts';
import { findPolicy, insertPolicy, updatePolicy } from './whistleblowing.repository.ts';

/** The unit's time limits and reward tariff; the defaults until the office saves its own (version 0). */
export async function loadWhistlePolicy(db: Db, orgUnitId: number): Promise<WhistlePolicy> {
  return (await readWhistlePolicy(db, orgUnitId)).policy;
}

export async function readWhistlePolicy(
  db: Db,
  orgUnitId: number,
): Promise<{ policy: WhistlePolicy; version: number }> {
  const row = await findPolicy(db, orgUnitId);
  if (!row) return { policy: DEFAULT_WHISTLE_POLICY, version: 0 };
  return { policy: WhistlePolicySchema.parse(JSON.parse(row.policy)), version: row.version };
}

export async function saveWhistlePolicy(
  db: Db,
  scope: HandlerScope,
  input: { policy: WhistlePolicy; version: number },
  now = new Date(),
): Promise<{ policy: WhistlePolicy; version: number }> {
  return inTransaction(db, async (trx) => {
    const before = await readWhistlePolicy(trx, scope.orgUnitId);
    if (before.version !== input.version) {
      throw new AppError('conflict', '规则已被他人修改，请刷新后重试 (stale version)', {
        currentVersion: before.version,
      });
    }
    const json = JSON.stringify(input.policy);
    if (before.version === 0) await insertPolicy(trx, scope.orgUnitId, json, scope.actor, now.toISOString());
    else if (!(await updatePolicy(trx, scope.orgUnitId, input.version, json, scope.actor, now.toISOString()))) {
      throw new AppError('conflict', '规则已被他人修改，请刷新后重试 (stale version)');
    }
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'whistle.policy',
      entity: 'whistle_policy',
      touchesReadModels: false,
      entityId: scope.orgUnitId,
      before: before.policy,
      after: input.policy,
    });
    return { policy: input.policy, version: input.version + 1 };
  });
}
