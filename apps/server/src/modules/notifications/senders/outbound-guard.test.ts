import { describe, expect, it } from 'vitest';
import { assertOutboundAllowed, isPublicAddress, type OutboundPolicy, outboundUrlProblem } from './outbound-guard.ts';

const STRICT: OutboundPolicy = { allowedPrivate: [], officialRobotHosts: true };

describe('webhook SSRF guard', () => {
  it('refuses loopback, private, link-local and metadata addresses in every spelling', () => {
    const refused = [
      'http://127.0.0.1/hook',
      'http://localhost:3000/hook',
      'http://2130706433/hook', // decimal
      'http://017700000001/hook', // octal
      'http://0x7f.0.0.1/hook', // hex
      'http://0x7f000001/hook',
      'http://127.1/hook', // short form
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook', // IPv4-mapped
      'http://[::ffff:7f00:1]/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://0251.0376.0251.0376/', // 169.254.169.254 in octal
      'http://[::ffff:a9fe:a9fe]/', // 169.254.169.254 mapped
      'http://100.100.100.200/latest/meta-data/', // Alibaba Cloud metadata (CGNAT range)
      'http://10.1.2.3/hook',
      'http://172.16.0.1/hook',
      'http://192.168.1.1/hook',
      'http://0.0.0.0/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://intranet/hook',
      'https://user:pass@example.cn/hook',
    ];
    for (const url of refused) expect(outboundUrlProblem('webhook', url, STRICT), url).not.toBeNull();
    expect(outboundUrlProblem('webhook', 'https://hooks.example.cn/duban', STRICT)).toBeNull();
    expect(outboundUrlProblem('webhook', 'https://8.8.8.8/duban', STRICT)).toBeNull();
    expect(isPublicAddress('::ffff:8.8.8.8')).toBe(true);
    expect(isPublicAddress('::ffff:10.0.0.1')).toBe(false);
  });

  it('sends the chat robots only to their official hosts over https', () => {
    expect(outboundUrlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=x', STRICT)).toBeNull();
    expect(outboundUrlProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', STRICT)).toBeNull();
    expect(outboundUrlProblem('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/x', STRICT)).toBeNull();
    expect(outboundUrlProblem('dingtalk', 'http://oapi.dingtalk.com/robot/send', STRICT)).toContain('https');
    expect(outboundUrlProblem('dingtalk', 'https://oapi.dingtalk.com.evil.cn/robot/send', STRICT)).toContain('官方');
    expect(outboundUrlProblem('wecom', 'https://169.254.169.254/', STRICT)).toContain('官方');
  });

  it('checks what a name resolves to, right before sending', async () => {
    const to = (addresses: string[]) => async () => addresses;
    await expect(
      assertOutboundAllowed('webhook', 'https://rebind.example.cn/x', to(['127.0.0.1']), STRICT),
    ).rejects.toThrow('内网');
    await expect(
      assertOutboundAllowed('webhook', 'https://meta.example.cn/x', to(['93.184.216.34', '169.254.169.254']), STRICT),
    ).rejects.toThrow('169.254.169.254');
    await expect(
      assertOutboundAllowed('webhook', 'https://ok.example.cn/x', to(['93.184.216.34']), STRICT),
    ).resolves.toBe(undefined);
    // An intranet receiver the deployment allows explicitly.
    const intranet: OutboundPolicy = { allowedPrivate: ['10.20.0.0/16'], officialRobotHosts: true };
    await expect(
      assertOutboundAllowed('webhook', 'http://oa.gov.local/x', to(['10.20.1.5']), intranet),
    ).rejects.toThrow();
    await expect(assertOutboundAllowed('webhook', 'http://10.20.1.5/x', to([]), intranet)).resolves.toBe(undefined);
    await expect(assertOutboundAllowed('webhook', 'http://10.21.1.5/x', to([]), intranet)).rejects.toThrow();
  });
});
