import type { Audience, NotificationItem } from '@duban/shared/contracts/notifications';
import { OFFICE_ROLES } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import type { UserRole } from '../../db/schema.ts';
import { listUsers } from '../users/users.repository.ts';
import { listEnabledChannels } from './channels.repository.ts';
import type { SubjectNotice } from './message-templates.ts';
import { insertQueueItems } from './notifications.repository.ts';

/**
 * The entry point for other domains: who hears about a department's step (accounts and channels, from the
 * audience the policy names), and the outbox rows written in the caller's transaction. Composition into messages
 * (digest or one per item, quiet hours) happens later in compose-notifications.ts.
 */
export interface RecipientDirectory {
  users: { id: number; role: UserRole; departmentId: number | null; isHead: boolean }[];
  channels: { id: number; departmentId: number | null }[];
}

export interface Recipients {
  userIds: number[];
  channelIds: number[];
}

/** Active accounts (through the users repository) and enabled channels of the unit; load once per scan. */
export async function loadRecipientDirectory(db: Db, orgUnitId: number): Promise<RecipientDirectory> {
  const users = (await listUsers(db, orgUnitId))
    .filter((u) => u.disabled === 0)
    .map((u) => ({ id: u.id, role: u.role, departmentId: u.department_id, isHead: u.is_head === 1 }));
  const channels = (await listEnabledChannels(db, orgUnitId)).map((c) => ({
    id: c.id,
    departmentId: c.department_id,
  }));
  return { users, channels };
}

export function resolveRecipients(
  dir: RecipientDirectory,
  departmentId: number,
  audience: readonly Audience[],
): Recipients {
  const wants = new Set(audience);
  const userIds = dir.users
    .filter((u) => {
      const own = u.role === 'department' && u.departmentId === departmentId;
      return (
        (wants.has('department') && own) ||
        (wants.has('head') && own && u.isHead) ||
        (wants.has('office') && OFFICE_ROLES.includes(u.role)) ||
        (wants.has('leader') && u.role === 'leader')
      );
    })
    .map((u) => u.id);
  const toDepartment = wants.has('department') || wants.has('head');
  const channelIds = dir.channels
    .filter((c) => (c.departmentId === null ? wants.has('office') : toDepartment && c.departmentId === departmentId))
    .map((c) => c.id);
  return { userIds, channelIds };
}

export async function enqueueNotification(
  trx: Db,
  input: { orgUnitId: number; stepId: number; item: NotificationItem; recipients: Recipients; now: Date },
): Promise<number> {
  const base = {
    org_unit_id: input.orgUnitId,
    step_id: input.stepId,
    occurrence_id: input.item.occurrenceId,
    payload: JSON.stringify(input.item),
    status: 'queued' as const,
    created_at: input.now.toISOString(),
    composed_at: null,
  };
  const rows = [
    ...input.recipients.userIds.map((userId) => ({ ...base, user_id: userId, channel_id: null })),
    ...input.recipients.channelIds.map((channelId) => ({ ...base, user_id: null, channel_id: channelId })),
  ];
  await insertQueueItems(trx, rows);
  return rows.length;
}

/**
 * A notice about another domain's subject (a hazard's listing or time limit) into the same outbox, in the caller's
 * transaction: composed like the reminder steps (in-app, the accounts' e-mail, the channels; quiet hours), sent by
 * the same delivery worker. Returns the number of outbox rows.
 */
export async function enqueueNotice(
  trx: Db,
  input: { orgUnitId: number; notice: SubjectNotice; recipients: Recipients; now: Date },
): Promise<number> {
  const base = {
    org_unit_id: input.orgUnitId,
    step_id: null,
    occurrence_id: null,
    subject_kind: input.notice.subjectKind,
    subject_id: input.notice.subjectId,
    payload: JSON.stringify(input.notice),
    status: 'queued' as const,
    created_at: input.now.toISOString(),
    composed_at: null,
  };
  const rows = [
    ...[...new Set(input.recipients.userIds)].map((userId) => ({ ...base, user_id: userId, channel_id: null })),
    ...[...new Set(input.recipients.channelIds)].map((channelId) => ({
      ...base,
      user_id: null,
      channel_id: channelId,
    })),
  ];
  await insertQueueItems(trx, rows);
  return rows.length;
}
