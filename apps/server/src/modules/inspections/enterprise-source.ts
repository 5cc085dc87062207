import type { Db } from '../../db/database.ts';
import { listOperatingRoster } from '../enterprises/enterprises.service.ts';

/**
 * What inspections needs from the enterprise registry, always through enterprises.service: single enterprises by
 * the registry's scoped lookup (findEnterpriseForScope with the inspection scope's `enterprises`), the roster of a
 * whole unit (100,000 rows for plan generation and draws) by its bulk read, reduced here to one supervising
 * department and one industry per enterprise.
 */
export interface RosterEnterprise {
  id: number;
  name: string;
  highRisk: boolean;
  /** '一级' | '二级' | '三级' | '小微' | null */
  standardizationLevel: string | null;
  /** The supervising department (行业监管 first, then 属地, then 综合), or null when none is recorded. */
  departmentId: number | null;
  industry: string | null;
}

const ROLE_ORDER: Record<string, number> = { industry: 0, territorial: 1, comprehensive: 2 };

/** Operating enterprises of the unit with their first supervising department and first industry. */
export async function loadRoster(db: Db, orgUnitId: number): Promise<RosterEnterprise[]> {
  const { enterprises: rows, supervisors, industries } = await listOperatingRoster(db, orgUnitId);
  const best = new Map<number, { departmentId: number; rank: number }>();
  for (const s of supervisors) {
    const rank = ROLE_ORDER[s.role] ?? 9;
    const current = best.get(s.enterprise_id);
    if (!current || rank < current.rank || (rank === current.rank && s.department_id < current.departmentId)) {
      best.set(s.enterprise_id, { departmentId: s.department_id, rank });
    }
  }
  const industryOf = new Map<number, { name: string; seq: number }>();
  for (const i of industries) {
    const current = industryOf.get(i.enterprise_id);
    if (!current || i.seq < current.seq) industryOf.set(i.enterprise_id, { name: i.name, seq: i.seq });
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    highRisk: r.high_risk === 1,
    standardizationLevel: r.standardization_level,
    departmentId: best.get(r.id)?.departmentId ?? null,
    industry: industryOf.get(r.id)?.name ?? null,
  }));
}

/**
 * The default inspection class of an enterprise without a profile: high-risk ones by their 标准化 level in the
 * 危化/金属冶炼 group (and key), others in the 非高危 group. The office overrides it per enterprise.
 */
export function defaultClass(e: Pick<RosterEnterprise, 'highRisk' | 'standardizationLevel'>): {
  classCode: string;
  key: boolean;
} {
  const level =
    e.standardizationLevel === '一级'
      ? '1'
      : e.standardizationLevel === '二级'
        ? '2'
        : e.standardizationLevel === '三级'
          ? '3'
          : 'none';
  return e.highRisk ? { classCode: `hazchem-${level}`, key: true } : { classCode: `general-${level}`, key: false };
}
