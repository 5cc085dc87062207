import { z } from 'zod';

export const UserRoleSchema = z.enum(['office_admin', 'office_staff', 'leader', 'department', 'enterprise']);

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** An org unit (issue 16: org units are tenants). */
export const OrgUnitLevelSchema = z.enum(['province', 'city', 'county', 'zone']);
export const OrgUnitSummary = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  level: OrgUnitLevelSchema,
});

export const PrincipalResponse = z.object({
  /** 'session' = a signed-in person; 'token' = an API token (a service identity: userId is null). */
  kind: z.enum(['session', 'token']),
  userId: z.number().int().nullable(),
  username: z.string(),
  role: UserRoleSchema,
  departmentId: z.number().int().nullable(),
  isHead: z.boolean(),
  /** A generated or office-set password: the web app asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
  /** The person's name as the header shows it (users.display_name); null for an API token. */
  displayName: z.string().nullable().optional(),
  /** The department of a department user (the registry name); null otherwise. */
  departmentName: z.string().nullable().optional(),
  /** The unit this request acts on (the own unit, or the child unit being viewed read-only). */
  unit: OrgUnitSummary.optional(),
  /** True when viewing a child unit (read-only banner; writes are refused). */
  readOnly: z.boolean().optional(),
  /** The account's own unit and (office and leader accounts) every unit below it: the unit switcher's choices. */
  units: z.array(OrgUnitSummary).optional(),
});

export const LoginResponse = z.object({ user: PrincipalResponse, csrfToken: z.string(), expiresAt: z.string() });
export const MeResponse = z.object({ user: PrincipalResponse, csrfToken: z.string().nullable() });

export const ChangePasswordRequest = z.object({
  oldPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const MAX_API_TOKEN_DAYS = 365;

export const CreateApiTokenRequest = z.object({
  name: z.string().trim().min(1).max(100),
  role: UserRoleSchema,
  departmentId: z.number().int().positive().nullable().default(null),
  /** Days until the token stops working (1–365, default 90). */
  expiresInDays: z.number().int().min(1).max(MAX_API_TOKEN_DAYS).default(90),
});
export const CreateApiTokenResponse = z.object({ id: z.number().int(), token: z.string(), expiresAt: z.string() });

export const ApiTokenResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  role: UserRoleSchema,
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export const ListApiTokensResponse = z.object({ tokens: z.array(ApiTokenResponse) });
export const ApiTokenIdParams = z.object({ id: z.coerce.number().int().positive() });

export const OkResponse = z.object({ ok: z.literal(true) });
