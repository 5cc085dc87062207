import {
  type ChannelResponse,
  type CreateChannelRequest,
  channelTargetProblem,
  type DeliveryResponse,
  type ListDeliveriesQuery,
  type UpdateChannelRequest,
} from '@duban/shared/contracts/notifications';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import {
  type ChannelRow,
  deleteChannel,
  findChannelInUnit,
  insertChannel,
  listChannels,
  updateChannel,
} from './channels.repository.ts';
import { cancelPendingDeliveriesOfChannel, type DeliveryRow, listDeliveries } from './deliveries.repository.ts';
import { type ChannelScope, channelNotFound } from './notifications.policy.ts';
import { outboundUrlProblem } from './senders/outbound-guard.ts';

/**
 * The office manages channels per department (or for the unit itself). Secrets and the tokens inside webhook
 * URLs are write-only: responses carry a masked target and `hasSecret`. The audit trail records the change
 * without them either.
 */

export function maskTarget(kind: string, target: string): string {
  if (kind === 'email') return target;
  try {
    const url = new URL(target);
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    url.pathname = url.pathname
      .split('/')
      .map((segment) => (segment.length >= 16 ? '***' : segment))
      .join('/');
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
    return decodeURI(url.toString());
  } catch {
    return '***';
  }
}

export function presentChannel(r: ChannelRow): ChannelResponse {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    departmentId: r.department_id,
    target: maskTarget(r.kind, r.target),
    hasSecret: r.secret !== null,
    enabled: r.enabled === 1,
    digest: r.digest === 1,
    quietHours: r.quiet_start && r.quiet_end ? { start: r.quiet_start, end: r.quiet_end } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** What the audit trail keeps of a channel: no secret, no token. */
const auditView = (r: ChannelRow) => ({ ...presentChannel(r), createdAt: undefined, updatedAt: undefined });

export async function listAllChannels(db: Db, scope: ChannelScope): Promise<ChannelResponse[]> {
  return (await listChannels(db, scope.orgUnitId)).map(presentChannel);
}

/** SSRF guard (senders/outbound-guard.ts): robots to their official hosts, no internal or metadata address. */
function refuseUnsafeTarget(kind: string, target: string): void {
  if (kind === 'email') return;
  const problem = outboundUrlProblem(kind, target);
  if (problem) throw new AppError('validation_failed', problem, [{ path: 'target', message: problem }]);
}

export async function createChannel(
  db: Db,
  scope: ChannelScope,
  input: CreateChannelRequest,
  now = new Date(),
): Promise<ChannelResponse> {
  refuseUnsafeTarget(input.kind, input.target);
  if (input.departmentId !== null && !(await findUnitDepartment(db, scope.orgUnitId, input.departmentId))) {
    throw new AppError('validation_failed', '部门不存在 (unknown department)', [
      { path: 'departmentId', message: '不存在' },
    ]);
  }
  const row = await db.transaction().execute(async (trx) => {
    const nowIso = now.toISOString();
    const inserted = await insertChannel(trx, {
      org_unit_id: scope.orgUnitId,
      department_id: input.departmentId,
      kind: input.kind,
      name: input.name,
      target: input.target,
      secret: input.secret,
      enabled: input.enabled ? 1 : 0,
      digest: input.digest ? 1 : 0,
      quiet_start: input.quietHours?.start ?? null,
      quiet_end: input.quietHours?.end ?? null,
      created_at: nowIso,
      updated_at: nowIso,
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'notification_channel.create',
        entity: 'notification_channel',
        entityId: inserted.id,
        after: auditView(inserted),
      },
      now,
    );
    return inserted;
  });
  return presentChannel(row);
}

export async function changeChannel(
  db: Db,
  scope: ChannelScope,
  id: number,
  input: UpdateChannelRequest,
  now = new Date(),
): Promise<ChannelResponse> {
  const row = await db.transaction().execute(async (trx) => {
    const current = await findChannelInUnit(trx, scope.orgUnitId, id);
    if (!current) throw channelNotFound();
    if (current.version !== input.version) throw stale(current.version);
    const target = input.target ?? current.target;
    const secret = input.secret === undefined ? current.secret : input.secret;
    const problem = channelTargetProblem(current.kind, target, secret);
    if (problem) throw new AppError('validation_failed', problem.message, [problem]);
    refuseUnsafeTarget(current.kind, target);
    const quiet = input.quietHours === undefined ? undefined : input.quietHours;
    const updated = await updateChannel(trx, id, input.version, {
      name: input.name ?? current.name,
      target,
      secret,
      enabled: input.enabled === undefined ? current.enabled : input.enabled ? 1 : 0,
      digest: input.digest === undefined ? current.digest : input.digest ? 1 : 0,
      quiet_start: quiet === undefined ? current.quiet_start : (quiet?.start ?? null),
      quiet_end: quiet === undefined ? current.quiet_end : (quiet?.end ?? null),
      updated_at: now.toISOString(),
    });
    if (!updated) throw stale(current.version);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'notification_channel.update',
        entity: 'notification_channel',
        entityId: id,
        before: auditView(current),
        after: { ...auditView(updated), secretChanged: input.secret !== undefined },
      },
      now,
    );
    return updated;
  });
  return presentChannel(row);
}

export async function removeChannel(
  db: Db,
  scope: ChannelScope,
  id: number,
  version: number,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findChannelInUnit(trx, scope.orgUnitId, id);
    if (!current) throw channelNotFound();
    if (current.version !== version) throw stale(current.version);
    const cancelled = await cancelPendingDeliveriesOfChannel(trx, id, now.toISOString());
    if (!(await deleteChannel(trx, id, version))) throw stale(current.version);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'notification_channel.delete',
        entity: 'notification_channel',
        entityId: id,
        before: auditView(current),
        after: { cancelledDeliveries: cancelled },
      },
      now,
    );
  });
}

function stale(currentVersion: number): AppError {
  return new AppError('conflict', '渠道已被他人修改，请刷新后重试 (stale version)', { currentVersion });
}

export function presentDelivery(r: DeliveryRow): DeliveryResponse {
  return {
    id: r.id,
    channel: r.channel,
    channelId: r.channel_id,
    userId: r.user_id,
    recipient: r.recipient,
    itemCount: (JSON.parse(r.items) as unknown[]).length,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export async function deliveryLog(db: Db, scope: ChannelScope, q: ListDeliveriesQuery): Promise<DeliveryResponse[]> {
  const rows = await listDeliveries(db, {
    orgUnitId: scope.orgUnitId,
    status: q.status,
    channelId: q.channelId,
    limit: q.limit,
    offset: q.offset,
  });
  return rows.map(presentDelivery);
}
