/**
 * The server's zod contracts, as TypeScript types only (`import type`: nothing of zod reaches the bundle).
 * A change of a server schema breaks `tsc -p apps/web` here instead of at run time.
 */
import type { z } from 'zod';
import type {
  ChangePasswordRequest as ChangePasswordRequestSchema,
  LoginRequest as LoginRequestSchema,
  LoginResponse as LoginResponseSchema,
  MeResponse as MeResponseSchema,
  PrincipalResponse,
  UserRoleSchema,
} from '../../../server/src/modules/auth/auth.schemas.ts';
import type {
  ImportCommitResponse,
  ImportPreviewResponse,
  ListTasksResponse,
} from '../../../server/src/modules/tasklists/tasklists.schemas.ts';
import type {
  CreateUserRequest as CreateUserRequestSchema,
  ListUsersResponse as ListUsersResponseSchema,
} from '../../../server/src/modules/users/users.schemas.ts';

export type UserRole = z.infer<typeof UserRoleSchema>;
export type Principal = z.infer<typeof PrincipalResponse>;
export type LoginRequest = z.infer<typeof LoginRequestSchema>;
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export type MeResponse = z.infer<typeof MeResponseSchema>;
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;
export type ListUsersResponse = z.infer<typeof ListUsersResponseSchema>;
export type UserRow = ListUsersResponse['users'][number];

export type { ImportCommitResponse, ImportPreviewResponse, ListTasksResponse };
export type TaskCategory = ListTasksResponse['categories'][number];
export type Task = TaskCategory['tasks'][number];
export type TaskDepartment = Task['departments'][number];
export type AssignmentRole = TaskDepartment['role'];
export type PreviewTask = ImportPreviewResponse['tasks'][number];
export type ImportProblem = ImportPreviewResponse['problems'][number];
export type RegistryDepartment = ImportPreviewResponse['departments'][number];
export type UnknownDepartment = ImportPreviewResponse['unknownDepartments'][number];
