import type { StatsFigures, StatsResponse } from '@duban/shared/contracts/inspections';
import { isPenalty } from '@duban/shared/inspections/enforcement';
import type { Db } from '../../db/database.ts';
import { listDepartmentRegistry } from '../departments/departments.service.ts';
import { loadRoster } from './enterprise-source.ts';
import {
  type EnforcementRow,
  type StatInspection,
  selectEnforcement,
  selectStatInspections,
} from './inspections.repository.ts';

/**
 * Enforcement statistics for upward reporting over a period (a year, or from/to inside it), per department,
 * industry and month. Definitions (the export's notes repeat them):
 *  - inspections: completed inspection records dated in the period (检查次数); enterprisesInspected: distinct enterprises;
 *  - enterprisesSupervised: operating enterprises in the registry (per department: whose first supervising department it is);
 *  - planned = plan and 双随机 inspections; triggered = 举报 and 交办;
 *  - documents: 现场检查记录 + 责令限期整改指令书 numbered on those inspections + penalty decisions with a 文号;
 *  - hazardsFound: findings on those inspections (general + major), and per 1,000 inspections;
 *  - penalties: enforcement actions other than 零处罚 decided in the period; fineTotal in 元 (罚款 and 按日连续处罚);
 *    suspensions 责令停产停业整顿, closures 提请关闭取缔, referrals 移送司法;
 *  - zeroPenaltyRatio: of the completed inspections with findings, the share with no penalty linked to them;
 *  - flagged (只检查不处罚): inspections in the period but no penalty at all.
 */
export async function inspectionStats(
  db: Db,
  orgUnitId: number,
  year: number,
  range: { from?: string; to?: string; departmentId?: number | null } = {},
): Promise<StatsResponse> {
  const from = range.from ?? `${year}-01-01`;
  const to = range.to ?? `${year}-12-31`;
  let inspections = await selectStatInspections(db, orgUnitId, from, to);
  let actions = await selectEnforcement(db, { orgUnitId, departmentId: null, enterpriseId: null, from, to });
  const roster = await loadRoster(db, orgUnitId);
  const departmentFilter = range.departmentId ?? null;
  if (departmentFilter !== null) {
    inspections = inspections.filter((i) => i.department_id === departmentFilter);
    actions = actions.filter((a) => a.department_id === departmentFilter);
  }
  const industryOf = new Map(roster.map((e) => [e.id, e.industry ?? '未分类']));
  const names = new Map((await listDepartmentRegistry(db, orgUnitId)).map((d) => [d.id, d.name]));

  const total = figures(
    inspections,
    actions,
    departmentFilter === null ? roster.length : roster.filter((e) => e.departmentId === departmentFilter).length,
  );

  const departmentIds = new Set<number | null>([
    ...inspections.map((i) => i.department_id),
    ...actions.map((a) => a.department_id),
  ]);
  const byDepartment = [...departmentIds]
    .map((id) => ({
      departmentId: id,
      departmentName: id === null ? '（未指定部门）' : (names.get(id) ?? `#${id}`),
      ...figures(
        inspections.filter((i) => i.department_id === id),
        actions.filter((a) => a.department_id === id),
        roster.filter((e) => e.departmentId === id).length,
      ),
    }))
    .sort((a, b) => (a.departmentId ?? 0) - (b.departmentId ?? 0));

  const industries = new Set<string>(
    [...inspections, ...actions].map((x) => industryOf.get(x.enterprise_id) ?? '未分类'),
  );
  const byIndustry = [...industries].sort().map((industry) => ({
    industry,
    ...figures(
      inspections.filter((i) => (industryOf.get(i.enterprise_id) ?? '未分类') === industry),
      actions.filter((a) => (industryOf.get(a.enterprise_id) ?? '未分类') === industry),
      roster.filter((e) => (e.industry ?? '未分类') === industry).length,
    ),
  }));

  const months = new Map<string, { inspections: number; hazardsFound: number; penalties: number }>();
  const month = (d: string) => {
    const key = d.slice(0, 7);
    const m = months.get(key) ?? { inspections: 0, hazardsFound: 0, penalties: 0 };
    months.set(key, m);
    return m;
  };
  for (const i of inspections) {
    const m = month(i.inspected_on);
    m.inspections++;
    m.hazardsFound += i.findings;
  }
  for (const a of actions) if (isPenalty(a.kind)) month(a.decided_on).penalties++;
  const byMonth = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, v]) => ({ month: m, ...v }));

  return { year, from, to, ...total, byDepartment, byIndustry, byMonth };
}

/**
 * The year's totals alone (no breakdowns, no registry roster: enterprisesSupervised is 0), for the roll-up, which
 * adds units up: the same definitions as inspectionStats without reading the unit's whole roster.
 */
export async function inspectionTotals(db: Db, orgUnitId: number, year: number): Promise<StatsFigures> {
  const [inspections, actions] = await Promise.all([
    selectStatInspections(db, orgUnitId, `${year}-01-01`, `${year}-12-31`),
    selectEnforcement(db, {
      orgUnitId,
      departmentId: null,
      enterpriseId: null,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    }),
  ]);
  return figures(inspections, actions, 0);
}

function figures(inspections: StatInspection[], actions: EnforcementRow[], supervised: number): StatsFigures {
  const penalties = actions.filter((a) => isPenalty(a.kind));
  const penalisedInspections = new Set(penalties.flatMap((a) => (a.inspection_id === null ? [] : [a.inspection_id])));
  const withFindings = inspections.filter((i) => i.findings > 0);
  const hazardsFound = inspections.reduce((s, i) => s + i.findings, 0);
  const count = inspections.length;
  const fineFen = penalties
    .filter((a) => a.kind === 'fine' || a.kind === 'daily_fine')
    .reduce((s, a) => s + (a.amount_fen ?? 0) * (a.kind === 'daily_fine' ? (a.days ?? 1) : 1), 0);
  return {
    enterprisesSupervised: supervised,
    enterprisesInspected: new Set(inspections.map((i) => i.enterprise_id)).size,
    inspections: count,
    plannedInspections: inspections.filter((i) => i.trigger === 'planned' || i.trigger === 'draw').length,
    triggeredInspections: inspections.filter((i) => i.trigger === 'complaint' || i.trigger === 'assigned').length,
    documents:
      inspections.filter((i) => i.record_no !== null).length +
      inspections.filter((i) => i.order_no !== null).length +
      penalties.filter((a) => a.decision_no !== null && a.decision_no !== '').length,
    hazardsFound,
    majorHazardsFound: inspections.reduce((s, i) => s + i.major, 0),
    hazardsPer1000Inspections: count === 0 ? 0 : Math.round((hazardsFound / count) * 1000 * 10) / 10,
    penalties: penalties.length,
    fineTotal: fineFen / 100,
    suspensions: penalties.filter((a) => a.kind === 'suspension').length,
    closures: penalties.filter((a) => a.kind === 'closure_request').length,
    referrals: penalties.filter((a) => a.kind === 'judicial_referral').length,
    zeroPenalty: actions.length - penalties.length,
    zeroPenaltyRatio:
      withFindings.length === 0
        ? 0
        : Math.round(
            (withFindings.filter((i) => !penalisedInspections.has(i.id)).length / withFindings.length) * 1000,
          ) / 1000,
    flagged: count > 0 && penalties.length === 0,
  };
}
