import { describe, expect, it } from 'vitest';
import { localMessage } from './error-text.ts';

describe('localMessage', () => {
  it('keeps the Chinese in the Chinese UI and the English in the English UI', () => {
    expect(localMessage('部门不存在 (no such department)', false)).toBe('部门不存在');
    expect(localMessage('部门不存在 (no such department)', true)).toBe('no such department');
    expect(localMessage('渠道已被他人修改，请刷新后重试 (stale version)', false)).toBe(
      '渠道已被他人修改，请刷新后重试',
    );
  });

  it('leaves messages without an English parenthesis alone', () => {
    expect(localMessage('未配置 SMTP（SMTP_URL），无法发送邮件', false)).toBe('未配置 SMTP（SMTP_URL），无法发送邮件');
    expect(localMessage('Webhook 地址应为 http(s) URL', false)).toBe('Webhook 地址应为 http(s) URL');
    expect(localMessage('回复期限（2024-01-01）', true)).toBe('回复期限（2024-01-01）');
    expect(localMessage('编号 (12)', false)).toBe('编号 (12)');
  });
});
