/** The server's password policy (apps/server/src/modules/auth/password-policy.ts). */
export const MIN_PASSWORD_LENGTH = 10;
