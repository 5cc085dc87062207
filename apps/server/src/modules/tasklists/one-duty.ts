import type { AssignmentRole } from '../../db/schema.ts';

/** lead (牵头) > co (配合) > supervise (督促企业落实): the role a department keeps when it is named more than once. */
export const ROLE_STRENGTH: Record<AssignmentRole, number> = { lead: 3, co: 2, supervise: 1 };

export interface DutyCandidate {
  department_id: number;
  role: AssignmentRole;
  via_group_id: number | null;
  /** Whether this assignment carries dated occurrences (a group with members reports through them). */
  reports: boolean;
}

/**
 * One duty per task × department: a department named directly and again through a group (安委会各成员单位),
 * or twice with different roles, keeps one assignment in its strongest role. On equal roles the direct naming
 * wins over the group. Order is that of first appearance, so 序 positions stay stable.
 */
export function oneDutyPerDepartment<T extends DutyCandidate>(candidates: T[]): T[] {
  const chosen = new Map<number, { index: number; value: T }>();
  for (const [index, c] of candidates.entries()) {
    const old = chosen.get(c.department_id);
    if (!old) {
      chosen.set(c.department_id, { index, value: c });
      continue;
    }
    const stronger = ROLE_STRENGTH[c.role] > ROLE_STRENGTH[old.value.role];
    const sameButDirect =
      ROLE_STRENGTH[c.role] === ROLE_STRENGTH[old.value.role] &&
      c.via_group_id === null &&
      old.value.via_group_id !== null;
    if (stronger || sameButDirect) {
      // A group that reports as itself keeps reporting; a department keeps carrying occurrences.
      chosen.set(c.department_id, { index: old.index, value: { ...c, reports: c.reports || old.value.reports } });
    }
  }
  return [...chosen.values()].sort((a, b) => a.index - b.index).map((e) => e.value);
}
