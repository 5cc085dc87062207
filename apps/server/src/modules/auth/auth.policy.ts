import { type Principal, requireUser } from '../../core/principal.ts';
import { type AccountAdminScope, accountAdminScope } from '../users/users.policy.ts';

/**
 * Who may do what in auth, in one place.
 * - signing in is anyone's; signing out and /api/auth/me are about the caller's own principal (auth makes
 *   principals: sessions and API tokens, orgunits.withUnitTree adds the unit tree);
 * - changing one's own password: a signed-in person, never an API token;
 * - API tokens are listed, created and revoked by an office administrator signed in as a person (the account
 *   administration rule of users.policy.ts: tokens cannot mint or revoke tokens).
 */
export interface SelfScope {
  userId: number;
  actor: string;
}

export type TokenAdminScope = AccountAdminScope;

/** The signed-in person acting on their own account (403 for API tokens). */
export function selfScope(p: Principal): SelfScope {
  return { userId: requireUser(p), actor: p.actor };
}

/** Managing the unit's API tokens: an office administrator signed in as a person. */
export function tokenAdminScope(p: Principal): TokenAdminScope {
  return accountAdminScope(p);
}
