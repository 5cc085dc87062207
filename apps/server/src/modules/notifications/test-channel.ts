import type { TestChannelResponse } from '@duban/shared/contracts/notifications';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findChannelInUnit } from './channels.repository.ts';
import { renderTestMessage } from './message-templates.ts';
import { channelNotFound } from './notifications.policy.ts';
import { type DeliverySenders, sendToChannel } from './senders/send-to-channel.ts';

/**
 * 发送测试消息: one message to the channel through the real sender (SMTP, robot or webhook, the SSRF guard
 * included), sent now, not queued. A disabled channel can be tested before it is switched on. The answer is the
 * outcome; a failure carries the sender's Chinese reason. Audited either way (never the target or secret).
 */
export async function sendTestMessage(
  db: Db,
  scope: { orgUnitId: number; actor: string },
  id: number,
  senders: DeliverySenders,
  now = new Date(),
): Promise<TestChannelResponse> {
  const channel = await findChannelInUnit(db, scope.orgUnitId, id);
  if (!channel) throw channelNotFound();
  let error: string | null = null;
  try {
    await sendToChannel(
      channel.kind,
      { address: channel.target, secret: channel.secret },
      [],
      renderTestMessage(channel.name, now),
      now,
      senders,
    );
  } catch (e) {
    error = `发送失败：${(e instanceof Error ? e.message : String(e)).slice(0, 300)}`;
  }
  const status = error === null ? 'sent' : 'failed';
  await db.transaction().execute(async (trx) => {
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'notification_channel.test',
        entity: 'notification_channel',
        entityId: id,
        after: { kind: channel.kind, name: channel.name, status, error },
      },
      now,
    );
  });
  return { channelId: id, status, error, sentAt: now.toISOString() };
}
