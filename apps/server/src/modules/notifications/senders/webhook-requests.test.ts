import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../message-templates.ts';
import {
  buildDingTalkRequest,
  buildFeishuRequest,
  buildGenericRequest,
  buildWeComRequest,
  dingTalkSign,
  feishuSign,
  genericSignature,
  truncateUtf8,
} from './webhook-requests.ts';

const message = renderMessage([
  {
    occurrenceId: 1,
    step: 'urge',
    kind: 'urge',
    daysBefore: null,
    taskNo: '7',
    taskText: '任务',
    departmentId: 1,
    departmentName: '应急管理部',
    due: '2024-03-31',
    replyBy: null,
    fireDate: '2024-04-01',
    supervisionActionId: 3,
  },
]);
const now = new Date(1_700_000_000_000);

describe('robot signatures', () => {
  it('DingTalk: base64(HMAC-SHA256(secret, timestamp\\nsecret)), url-encoded in the query', () => {
    const secret = 'SECxyz+/=';
    const expected = createHmac('sha256', secret).update(`1700000000000\n${secret}`).digest('base64');
    expect(dingTalkSign(secret, 1_700_000_000_000)).toBe(expected);
    const req = buildDingTalkRequest('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, message, now);
    const url = new URL(req.url);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(req.url).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(JSON.parse(req.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: message.title } });
  });

  it('Feishu: base64(HMAC-SHA256(key = timestamp\\nsecret, empty message)) in the body', () => {
    const expected = createHmac('sha256', '1700000000\nfs-secret').update('').digest('base64');
    expect(feishuSign('fs-secret', 1_700_000_000)).toBe(expected);
    const body = JSON.parse(buildFeishuRequest('https://open.feishu.cn/hook/x', 'fs-secret', message, now).body);
    expect(body).toMatchObject({ timestamp: '1700000000', sign: expected, msg_type: 'interactive' });
  });

  it('generic webhook: X-Duban-Signature sha256=hex(HMAC(secret, timestamp.body))', () => {
    const req = buildGenericRequest('https://example.cn/hook', 'k', message, [], now);
    const ts = req.headers['x-duban-timestamp'];
    expect(ts).toBe('1700000000');
    expect(req.headers['x-duban-signature']).toBe(`sha256=${genericSignature('k', 1_700_000_000, req.body)}`);
    expect(genericSignature('k', 1, 'b')).toBe(createHmac('sha256', 'k').update('1.b').digest('hex'));
  });

  it('WeCom: markdown within 4096 bytes', () => {
    const body = JSON.parse(buildWeComRequest('https://qyapi.weixin.qq.com/x?key=k', message).body);
    expect(body.msgtype).toBe('markdown');
    expect(truncateUtf8('安'.repeat(3000), 4096).length).toBeLessThan(1366);
    expect(Buffer.byteLength(truncateUtf8('安'.repeat(3000), 4096))).toBeLessThanOrEqual(4096);
  });
});
