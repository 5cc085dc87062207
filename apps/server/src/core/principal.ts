import type { UserRole } from '../db/schema.ts';
import { AppError } from './app-error.ts';
import type { OrgUnitNode } from './unit-scope.ts';

/** Who is asking: a signed-in user (cookie session) or a machine client (API token). */
export interface Principal {
  kind: 'session' | 'token';
  /** The signed-in user's id; always null for an API token (a service identity, never its creator). */
  userId: number | null;
  username: string;
  role: UserRole;
  /**
   * The org unit this request acts on: the account's own unit, or a unit of its subtree it drills down into
   * (core/unit-scope.ts principalForUnit). Every policy puts it in its scope.
   */
  orgUnitId: number;
  /** The account's own unit (users.org_unit_id / api_tokens.org_unit_id); writes happen only here. Absent = orgUnitId. */
  homeUnitId?: number;
  /**
   * The units it may read: the home unit first, then (office and leader accounts) every unit below it, each with its
   * campaign. Loaded when the session or token is resolved (orgunits.service loadUnitTree). Absent = none known.
   */
  units?: readonly OrgUnitNode[];
  /** True when the request views a unit below the home unit: every write is refused (403). */
  readOnly?: boolean;
  /** Set for department users (and tokens scoped to a department). */
  departmentId: number | null;
  isHead: boolean;
  /** A generated or office-set password not yet changed by its owner: the web app asks for a new one first. */
  mustChangePassword?: boolean;
  /** Written to the audit trail: 'user:12' or 'token:3'. */
  actor: string;
}

export const OFFICE_ROLES: readonly UserRole[] = ['office_admin', 'office_staff'];

export function isOffice(p: Principal): boolean {
  return OFFICE_ROLES.includes(p.role);
}

/** The signed-in principal (http/auth-plugin.ts sets `request.principal`), or 401. */
export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw new AppError('unauthorized', '请先登录 (sign in first)');
  return principal;
}

/** A principal that writes needs a user id for the record's author columns; API tokens have none (403). */
export function requireUserId(p: Principal): number {
  if (p.kind === 'token' || p.userId === null) {
    throw new AppError('forbidden', 'API 令牌没有关联用户，不能执行此写操作 (API tokens cannot author records)');
  }
  return p.userId;
}

/**
 * User-only endpoints (own password, preferences, personal feeds and notifications, token and account
 * management): a signed-in person, never an API token. Returns the user id.
 */
export function requireUser(p: Principal | null): number {
  const principal = requirePrincipal(p);
  if (principal.kind === 'token' || principal.userId === null) {
    throw new AppError('forbidden', '此操作只能由登录用户执行，API 令牌不能使用 (not available to API tokens)');
  }
  return principal.userId;
}
