import { OFFICE_ROLES } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';

/** The office sets the reminder policy of its campaign; leaders may read it. */
export const POLICY_READERS: readonly UserRole[] = [...OFFICE_ROLES, 'leader'];
export const POLICY_WRITERS: readonly UserRole[] = OFFICE_ROLES;
