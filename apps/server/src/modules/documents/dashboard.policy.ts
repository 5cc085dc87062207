import type { UserRole } from '../../db/schema.ts';

/** Who reads the dashboard: the office and leaders. Departments work from their inbox instead. */
export const DASHBOARD_ROLES: readonly UserRole[] = ['office_admin', 'office_staff', 'leader'];
