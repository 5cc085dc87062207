import { z } from 'zod';

export const UserRoleSchema = z.enum(['office_admin', 'office_staff', 'leader', 'department', 'enterprise']);

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const PrincipalResponse = z.object({
  userId: z.number().int().nullable(),
  username: z.string(),
  role: UserRoleSchema,
  departmentId: z.number().int().nullable(),
  isHead: z.boolean(),
});

export const LoginResponse = z.object({ user: PrincipalResponse, csrfToken: z.string(), expiresAt: z.string() });
export const MeResponse = z.object({ user: PrincipalResponse, csrfToken: z.string().nullable() });

export const ChangePasswordRequest = z.object({
  oldPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const CreateApiTokenRequest = z.object({
  name: z.string().min(1).max(100),
  role: UserRoleSchema,
  departmentId: z.number().int().nullable().default(null),
});
export const CreateApiTokenResponse = z.object({ id: z.number().int(), token: z.string() });

export const OkResponse = z.object({ ok: z.literal(true) });
