import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  it('refuses short, common, padded-stem, repeated, sequential and username-containing passwords', () => {
    expect(passwordProblem('short')).toContain('至少');
    expect(passwordProblem('1234567890')).toContain('常见');
    expect(passwordProblem('QwertyUiop')).toContain('常见');
    expect(passwordProblem('woaini1314')).toContain('常见');
    expect(passwordProblem('Password2024!')).toContain('常见');
    expect(passwordProblem('admin@2026')).toContain('常见');
    expect(passwordProblem('aaaaaaaaaaaa')).toContain('重复');
    expect(passwordProblem('34567890123')).toContain('连续');
    expect(passwordProblem('zhangsan-secret', 'zhangsan')).toContain('用户名');
  });

  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('correct-horse-battery')).toBeNull();
    expect(passwordProblem('铁塔-巡查-2026-秋')).toBeNull();
    expect(passwordProblem('leader-new-password', 'leader')).toBe('密码不能包含用户名');
  });
});
