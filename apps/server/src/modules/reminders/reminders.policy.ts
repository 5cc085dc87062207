import type { UserRole } from '../../db/schema.ts';
import { OFFICE_ROLES } from '../../http/principal.ts';

/** The office sets the reminder policy of its campaign; leaders may read it. */
export const POLICY_READERS: readonly UserRole[] = [...OFFICE_ROLES, 'leader'];
export const POLICY_WRITERS: readonly UserRole[] = OFFICE_ROLES;
