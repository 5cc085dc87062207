import {
  DEFAULT_REMINDER_POLICY,
  type ReminderPolicy,
  type ReminderPolicyResponse,
  ReminderPolicySchema,
  type UpdateReminderPolicyRequest,
} from '@duban/shared/contracts/reminders';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { actorDisplayName } from '../users/users.service.ts';
import type { ReminderPolicyScope, ReminderPolicyWriteScope } from './reminders.policy.ts';
import { findCampaignInUnit, findPolicy, insertPolicy, type PolicyRow, updatePolicy } from './reminders.repository.ts';

/** The reminder policy of a campaign: read (defaults when none is stored) and change (versioned, audited). */

/** A stored policy over the defaults, so a policy saved before a field existed still reads. */
export function parseStoredPolicy(json: string | null): ReminderPolicy {
  if (json === null) return DEFAULT_REMINDER_POLICY;
  const parsed = ReminderPolicySchema.safeParse({ ...DEFAULT_REMINDER_POLICY, ...(JSON.parse(json) as object) });
  return parsed.success ? parsed.data : DEFAULT_REMINDER_POLICY;
}

async function present(db: Db, campaignId: number, row: PolicyRow | undefined): Promise<ReminderPolicyResponse> {
  if (!row) {
    return {
      campaignId,
      policy: DEFAULT_REMINDER_POLICY,
      isDefault: true,
      updatedAt: null,
      updatedBy: null,
      version: 0,
    };
  }
  return {
    campaignId,
    policy: parseStoredPolicy(row.policy),
    isDefault: false,
    updatedAt: row.updated_at,
    // The person's name, not the stored actor ('user:1').
    updatedBy: await actorDisplayName(db, row.updated_by),
    version: row.version,
  };
}

async function campaignOf(db: Db, p: ReminderPolicyScope, campaignId: number): Promise<number> {
  const campaign = await findCampaignInUnit(db, p.orgUnitId, campaignId);
  if (!campaign) throw new AppError('not_found', '专项行动不存在 (campaign not found)');
  return campaign.id;
}

export async function getReminderPolicy(
  db: Db,
  p: ReminderPolicyScope,
  campaignId: number,
): Promise<ReminderPolicyResponse> {
  const id = await campaignOf(db, p, campaignId);
  return present(db, id, await findPolicy(db, id));
}

export async function setReminderPolicy(
  db: Db,
  p: ReminderPolicyWriteScope,
  campaignId: number,
  input: UpdateReminderPolicyRequest,
  now = new Date(),
): Promise<ReminderPolicyResponse> {
  const id = await campaignOf(db, p, campaignId);
  const row = await db.transaction().execute(async (trx) => {
    const current = await findPolicy(trx, id);
    const currentVersion = current?.version ?? 0;
    const conflict = () =>
      new AppError('conflict', '提醒策略已被他人修改，请刷新后重试 (stale version)', { currentVersion });
    if (input.version !== currentVersion) throw conflict();
    const fields = { policy: JSON.stringify(input.policy), updated_at: now.toISOString(), updated_by: p.actor };
    const written = current
      ? await updatePolicy(trx, id, currentVersion, fields)
      : await insertPolicy(trx, { campaign_id: id, org_unit_id: p.orgUnitId, ...fields });
    if (!written) throw conflict();
    await appendAudit(
      trx,
      {
        orgUnitId: p.orgUnitId,
        actor: p.actor,
        action: 'reminder_policy.update',
        entity: 'campaign',
        entityId: id,
        before: current ? parseStoredPolicy(current.policy) : { defaults: DEFAULT_REMINDER_POLICY },
        after: input.policy,
      },
      now,
    );
    return written;
  });
  return present(db, id, row);
}
