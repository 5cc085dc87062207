import type { NotificationItem } from '@duban/shared/contracts/notifications';
import type { ChannelKind } from '../../../db/schema.ts';
import type { RenderedMessage } from '../message-templates.ts';
import type { MailSender } from './mail-sender.ts';
import { assertOutboundAllowed } from './outbound-guard.ts';
import { type FetchLike, sendHttp } from './send-http.ts';
import {
  buildDingTalkRequest,
  buildFeishuRequest,
  buildGenericRequest,
  buildWeComRequest,
} from './webhook-requests.ts';

/** What a delivery is sent with: the SMTP transport (null: not configured), fetch and the request timeout. */
export interface DeliverySenders {
  mail: MailSender | null;
  fetch?: FetchLike;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

/** A failure that retrying cannot fix (no SMTP, no webhook key): the worker marks the delivery failed at once. */
export class PermanentDeliveryError extends Error {}

export interface ChannelTarget {
  address: string;
  secret: string | null;
}

/**
 * Sends one rendered message to one target of a channel kind: the delivery worker (run-deliveries.ts) and the
 * office's test message (test-channel.ts) go through here. Throws with a short Chinese reason on failure.
 */
export async function sendToChannel(
  kind: ChannelKind,
  target: ChannelTarget,
  items: readonly NotificationItem[],
  message: RenderedMessage,
  now: Date,
  senders: DeliverySenders,
): Promise<void> {
  const fetchImpl = senders.fetch ?? fetch;
  const timeout = senders.timeoutMs ?? 10_000;
  // SSRF guard right before sending: the URL rules and every address the host resolves to (outbound-guard.ts).
  if (kind !== 'email') await assertOutboundAllowed(kind, target.address);
  switch (kind) {
    case 'email':
      if (!senders.mail) throw new PermanentDeliveryError('未配置 SMTP（SMTP_URL），无法发送邮件');
      await senders.mail.send({ to: target.address, subject: message.title, text: message.text });
      return;
    case 'dingtalk':
      return sendHttp(
        'dingtalk',
        buildDingTalkRequest(target.address, target.secret, message, now),
        fetchImpl,
        timeout,
      );
    case 'wecom':
      return sendHttp('wecom', buildWeComRequest(target.address, message), fetchImpl, timeout);
    case 'feishu':
      return sendHttp('feishu', buildFeishuRequest(target.address, target.secret, message, now), fetchImpl, timeout);
    case 'webhook':
      if (!target.secret) throw new PermanentDeliveryError('通用 Webhook 未设置签名密钥');
      return sendHttp(
        'webhook',
        buildGenericRequest(target.address, target.secret, message, items, now),
        fetchImpl,
        timeout,
      );
  }
}
