import { NotificationItem } from '@duban/shared/contracts/notifications';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findChannel } from './channels.repository.ts';
import {
  type DeliveryOutcome,
  type DeliveryRow,
  finishDelivery,
  leaseDelivery,
  listDueDeliveryIds,
} from './deliveries.repository.ts';
import { renderMessage, renderNotice, type SubjectNotice } from './message-templates.ts';
import { openOccurrenceIds } from './notifications.repository.ts';
import { outsideQuietHours, quietHoursOf } from './quiet-hours.ts';
import { OutboundRefused } from './senders/outbound-guard.ts';
import {
  type ChannelTarget,
  type DeliverySenders,
  PermanentDeliveryError,
  sendToChannel,
} from './senders/send-to-channel.ts';

export type { DeliverySenders } from './senders/send-to-channel.ts';

/**
 * The delivery worker. Every delivery is its own row, leased by one worker at a time and finished in its own
 * transaction (with its audit event), so a failing or slow channel never holds up the others. A failure is
 * retried with exponential back-off (1 min, 2 min, 4 min … capped at 6 h) up to MAX_ATTEMPTS, then marked failed.
 * Right before sending, items whose occurrence was submitted or accepted meanwhile are left out (none left:
 * cancelled), and a delivery inside its recipient's quiet hours waits for their end without using an attempt.
 */
export interface DeliveryRunResult {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  deferred: number;
}

const LEASE_MS = 5 * 60_000;
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;
const CONCURRENCY = 4;

export function backoffMs(attempt: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
}

export async function runDeliveries(
  db: Db,
  options: { now: Date; senders: DeliverySenders; limit?: number },
): Promise<DeliveryRunResult> {
  const result: DeliveryRunResult = { sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0 };
  const ids = await listDueDeliveryIds(db, options.now.toISOString(), options.limit ?? 100);
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next];
      next += 1;
      if (id === undefined) break;
      const outcome = await deliverOne(db, id, options.now, options.senders);
      if (outcome) result[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, lane));
  return result;
}

type Counted = keyof DeliveryRunResult;

async function deliverOne(db: Db, id: number, now: Date, senders: DeliverySenders): Promise<Counted | null> {
  const nowIso = now.toISOString();
  const leased = await leaseDelivery(db, id, nowIso, new Date(now.getTime() + LEASE_MS).toISOString());
  if (!leased) return null;

  const notBefore = outsideQuietHours(now, quietHoursOf(leased.quiet_start, leased.quiet_end));
  if (notBefore > now) {
    await finish(db, leased, now, 'deferred', {
      status: 'pending',
      attempts: leased.attempts,
      nextAttemptAt: notBefore.toISOString(),
      lastError: leased.last_error,
      sentAt: null,
    });
    return 'deferred';
  }

  // A notice of another subject (a hazard's listing or time limit) is sent as it was composed.
  const notice = leased.notice === null ? null : (JSON.parse(leased.notice) as SubjectNotice);
  const items = (JSON.parse(leased.items) as unknown[]).map((i) => NotificationItem.parse(i));
  const open = await openOccurrenceIds(
    db,
    items.map((i) => i.occurrenceId),
  );
  const remaining = items.filter((i) => open.has(i.occurrenceId));
  if (notice === null && remaining.length === 0) {
    return cancel(db, leased, now, '相关任务已报送或已办结');
  }

  const attempts = leased.attempts + 1;
  try {
    const target = await resolveTarget(db, leased);
    if (typeof target === 'string') return cancel(db, leased, now, target);
    const message = notice === null ? renderMessage(remaining) : renderNotice(notice);
    await sendToChannel(leased.channel, target, remaining, message, now, senders);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentDeliveryError || error instanceof OutboundRefused;
    const exhausted = permanent || attempts >= leased.max_attempts;
    await finish(db, leased, now, exhausted ? 'failed' : 'retried', {
      status: exhausted ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: exhausted ? nowIso : new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      lastError: message.slice(0, 500),
      sentAt: null,
    });
    return exhausted ? 'failed' : 'retried';
  }
  await finish(db, leased, now, 'sent', {
    status: 'sent',
    attempts,
    nextAttemptAt: nowIso,
    lastError: null,
    sentAt: nowIso,
    items: JSON.stringify(remaining),
  });
  return 'sent';
}

/** The channel's current target (a deleted or disabled channel cancels the delivery); e-mail of an account: its address. */
async function resolveTarget(db: Db, d: DeliveryRow): Promise<ChannelTarget | string> {
  if (d.channel_id === null) {
    if (d.user_id === null) return '渠道已删除';
    return { address: d.recipient, secret: null };
  }
  const channel = await findChannel(db, d.channel_id);
  if (!channel) return '渠道已删除';
  if (channel.enabled !== 1) return '渠道已停用';
  return { address: channel.target, secret: channel.secret };
}

async function cancel(db: Db, d: DeliveryRow, now: Date, reason: string): Promise<Counted> {
  await finish(db, d, now, 'cancelled', {
    status: 'cancelled',
    attempts: d.attempts,
    nextAttemptAt: now.toISOString(),
    lastError: reason,
    sentAt: null,
  });
  return 'cancelled';
}

async function finish(db: Db, d: DeliveryRow, now: Date, what: Counted, outcome: DeliveryOutcome): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await finishDelivery(trx, d.id, outcome, now.toISOString());
    await appendAudit(
      trx,
      {
        orgUnitId: d.org_unit_id,
        actor: 'system',
        action: `notification.delivery.${what}`,
        entity: 'notification_delivery',
        entityId: d.id,
        after: {
          channel: d.channel,
          channelId: d.channel_id,
          status: outcome.status,
          attempts: outcome.attempts,
          nextAttemptAt: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          error: outcome.lastError,
        },
      },
      now,
    );
  });
}
