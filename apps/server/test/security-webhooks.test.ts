import { beforeAll, expect, it } from 'vitest';
import { assertOutboundAllowed } from '../src/modules/notifications/senders/outbound-guard.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/** Issue 9 item 7: the office cannot point a channel at the server itself, the intranet or a metadata service. */
describeEachDatabase('security: webhook targets (SSRF)', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  const create = (kind: string, target: string) =>
    t.as('admin', {
      method: 'POST',
      url: '/api/notification-channels',
      payload: { kind, name: `探测 ${target}`.slice(0, 100), departmentId: null, target, secret: 'signing-secret' },
    });

  it('refuses loopback, private, link-local and metadata targets in every spelling', async () => {
    const targets = [
      'http://127.0.0.1:3000/api/health',
      'http://localhost/hook',
      'http://2130706433/hook',
      'http://0x7f.0.0.1/hook',
      'http://017700000001/hook',
      'http://127.1/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://0251.0376.0251.0376/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://192.168.0.10/hook',
      'http://10.0.0.8/hook',
    ];
    for (const target of targets) {
      const res = await create('webhook', target);
      expect.soft(res.statusCode, target).toBe(400);
      expect.soft(res.json().error.message, target).toMatch(/内网|本机|元数据|主机名/);
    }
    const channels = await get().handle.db.selectFrom('notification_channels').select('target').execute();
    expect(channels).toEqual([]);
  });

  it('robots only to their official hosts', async () => {
    expect((await create('dingtalk', 'https://evil.example.cn/robot/send?access_token=x')).statusCode).toBe(400);
    expect((await create('wecom', 'http://127.0.0.1/cgi-bin/webhook/send?key=x')).statusCode).toBe(400);
    expect((await create('feishu', 'http://open.feishu.cn/open-apis/bot/v2/hook/x')).statusCode).toBe(400);
    expect((await create('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=x')).statusCode).toBe(201);
    expect((await create('webhook', 'https://hooks.example.cn/duban')).statusCode).toBe(201);
  });

  it('checks again at sending what the name resolves to (DNS rebinding to the metadata service)', async () => {
    await expect(
      assertOutboundAllowed('webhook', 'https://hooks.example.cn/duban', async () => ['169.254.169.254']),
    ).rejects.toThrow('169.254.169.254');
  });
});
