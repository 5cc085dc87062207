import { MIN_PASSWORD_LENGTH } from '@duban/shared/password-rules';
import { AppError } from '../../core/app-error.ts';
import { COMMON_PASSWORDS, COMMON_STEMS } from './common-passwords.ts';

export { MIN_PASSWORD_LENGTH };

/** Why a password is refused, in Chinese for the form; null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return '密码过于常见，请换一个不易猜到的密码';
  // A common stem padded with digits and symbols only (admin@2026, password2024!).
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (COMMON_STEMS.includes(stem)) return '密码过于常见（常用词加数字），请换一个不易猜到的密码';
  if (/^(.)\1+$/u.test(password)) return '密码不能由同一个字符重复组成';
  if (/^\d+$/u.test(password) && isRun(password)) return '密码不能是连续数字';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

function isRun(digits: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < digits.length; i += 1) {
    const d = digits.charCodeAt(i) - digits.charCodeAt(i - 1);
    if (d !== 1 && d !== -9) up = false;
    if (d !== -1 && d !== 9) down = false;
  }
  return up || down;
}

/** Refuses short, common and guessable passwords with a 400 naming the field. */
export function checkPasswordStrength(password: string, options: { field?: string; username?: string } = {}): void {
  const problem = passwordProblem(password, options.username);
  if (problem) {
    throw new AppError('validation_failed', problem, [{ path: options.field ?? 'newPassword', message: problem }]);
  }
}
