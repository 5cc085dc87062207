import { createHmac } from 'node:crypto';
import type { NotificationItem } from '@duban/shared/contracts/notifications';
import type { RenderedMessage } from '../message-templates.ts';

/**
 * The HTTP requests of the chat robots and the generic webhook, built without sending (pure, testable):
 * - DingTalk custom robot (钉钉自定义机器人): markdown; with 加签, `timestamp` (ms) and
 *   `sign` = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))) as query parameters.
 * - WeCom group robot (企业微信群机器人): markdown (at most 4096 bytes); the key is in the URL.
 * - Feishu custom bot (飞书自定义机器人): an interactive card with a markdown element; with 签名校验,
 *   `timestamp` (s) and `sign` = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")) in the body.
 * - Generic JSON webhook: `X-Duban-Timestamp` (s) and `X-Duban-Signature: sha256=<hex HMAC-SHA256(secret,
 *   timestamp + "." + body)>`.
 */
export interface HttpRequestSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export function genericSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

export function buildDingTalkRequest(
  target: string,
  secret: string | null,
  message: RenderedMessage,
  now: Date,
): HttpRequestSpec {
  const url = new URL(target);
  if (secret) {
    const timestamp = now.getTime();
    url.searchParams.set('timestamp', String(timestamp));
    // URLSearchParams percent-encodes the base64 (+ / =): the urlencode of DingTalk's recipe.
    url.searchParams.set('sign', dingTalkSign(secret, timestamp));
  }
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } });
  return { url: url.toString(), headers: { ...JSON_HEADERS }, body };
}

const WECOM_MAX_BYTES = 4096;

export function buildWeComRequest(target: string, message: RenderedMessage): HttpRequestSpec {
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { content: truncateUtf8(message.markdown, WECOM_MAX_BYTES) },
  });
  return { url: target, headers: { ...JSON_HEADERS }, body };
}

export function buildFeishuRequest(
  target: string,
  secret: string | null,
  message: RenderedMessage,
  now: Date,
): HttpRequestSpec {
  const signature: Record<string, string> = {};
  if (secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    signature.timestamp = String(timestamp);
    signature.sign = feishuSign(secret, timestamp);
  }
  const template =
    message.kind === 'reminder' || message.kind === 'test' ? 'blue' : message.kind === 'urge' ? 'orange' : 'red';
  const body = JSON.stringify({
    ...signature,
    msg_type: 'interactive',
    card: {
      header: { title: { tag: 'plain_text', content: message.title }, template },
      elements: [{ tag: 'markdown', content: message.lines.map((l) => `- ${l}`).join('\n') }],
    },
  });
  return { url: target, headers: { ...JSON_HEADERS }, body };
}

export function buildGenericRequest(
  target: string,
  secret: string,
  message: RenderedMessage,
  items: readonly NotificationItem[],
  now: Date,
): HttpRequestSpec {
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    event: 'duban.notification',
    kind: message.kind,
    title: message.title,
    text: message.text,
    items,
    sentAt: now.toISOString(),
  });
  return {
    url: target,
    headers: {
      ...JSON_HEADERS,
      'x-duban-event': 'notification',
      'x-duban-timestamp': String(timestamp),
      'x-duban-signature': `sha256=${genericSignature(secret, timestamp, body)}`,
    },
    body,
  };
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > maxBytes - 3) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}
