import { MIN_PASSWORD_LENGTH } from '@duban/shared/password-rules';
import { AppError } from '../../core/app-error.ts';

export { MIN_PASSWORD_LENGTH };

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'validation_failed',
      `密码至少 ${MIN_PASSWORD_LENGTH} 位 (at least ${MIN_PASSWORD_LENGTH} characters)`,
      [{ path: 'newPassword', message: `密码至少 ${MIN_PASSWORD_LENGTH} 位` }],
    );
  }
}
