import { z } from 'zod';
import { UserRoleSchema } from './auth.ts';

export const CreateUserRequest = z.object({
  username: z.string().min(2).max(64),
  displayName: z.string().min(1).max(100),
  role: UserRoleSchema,
  departmentId: z.number().int().nullable().default(null),
  isHead: z.boolean().default(false),
  password: z.string().min(1).max(256),
  /** The new account's org unit: a unit of the administrator's subtree (code); default the administrator's own. */
  unitCode: z.string().min(1).max(64).optional(),
});

export const UserResponse = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: UserRoleSchema,
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  isHead: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** A generated password was handed out: the next sign-in must set a new one. */
  mustChangePassword: z.boolean(),
  version: z.number().int(),
});
export const ListUsersResponse = z.object({ users: z.array(UserResponse) });
export const CreateUserResponse = z.object({ id: z.number().int() });

export const UserIdParams = z.object({ id: z.coerce.number().int().positive() });
export const ResetPasswordRequest = z.object({ password: z.string().min(1).max(256) });

/** PATCH /api/users/:id: the office administrator edits an account (name, role, department, head) or disables it. */
export const UpdateUserRequest = z.object({
  displayName: z.string().trim().min(1, { message: '请填写姓名' }).max(100).optional(),
  role: UserRoleSchema.optional(),
  departmentId: z.number().int().positive().nullable().optional(),
  isHead: z.boolean().optional(),
  disabled: z.boolean().optional(),
  version: z.number().int().positive(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;
