import { todayInShanghai } from '@duban/shared/civil-date';
import type { HazardStatsResponse } from '@duban/shared/contracts/hazards';
import { HAZARD_CHANNELS, HAZARD_LEVELS, HAZARD_STATUSES } from '@duban/shared/hazards/hazard-workflow';
import type { Db } from '../../db/database.ts';
import {
  selectClosedByMonth,
  selectIndustryLabels,
  selectIndustryRows,
  selectListedOfYear,
  selectOverdue,
  selectStock,
  selectUnitTree,
  selectYearCounts,
} from './hazard-stats.repository.ts';
import type { HazardScope } from './hazards.policy.ts';

const zeroes = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;

/** The units the statistics of a unit cover: the unit and the units below it (zones of a city, …). */
export const hazardStatsUnits = selectUnitTree;

/**
 * Statistics of the hazards found in a year over the unit and the units below it: totals, rectification rate
 * (closed / total), by channel, level, status, month, industry and org unit; overdue; the official split
 * found/rectified for 部门检查发现 (department inspection and enforcement), 企业自查 and 挂牌督办; and the
 * 2023-and-earlier stock (task 33) whatever the year. A whole unit's figures come from the summary tables.
 */
export async function getHazardStats(
  db: Db,
  scope: HazardScope,
  year: number,
  today = todayInShanghai(),
  options: { subtree?: boolean } = {},
): Promise<HazardStatsResponse> {
  // subtree: false — the unit's own hazards only (a roll-up across units adds the units up itself, issue 16).
  const units = options.subtree === false ? [] : await selectUnitTree(db, scope.orgUnitId);
  const unitIds = units.length > 0 ? units.map((u) => u.id) : [scope.orgUnitId];
  const [rows, closedMonths, stockRows, industryRows, listed, overdue, industries] = await Promise.all([
    selectYearCounts(db, scope, unitIds, year),
    selectClosedByMonth(db, scope, unitIds, year),
    selectStock(db, scope, unitIds),
    selectIndustryRows(db, scope, unitIds, year),
    selectListedOfYear(db, scope, unitIds, year),
    selectOverdue(db, scope, unitIds, year, today),
    selectIndustryLabels(db),
  ]);
  const byChannel = zeroes(HAZARD_CHANNELS);
  const byLevel = zeroes(HAZARD_LEVELS);
  const byStatus = zeroes(HAZARD_STATUSES);
  const months = new Map<string, { found: number; closed: number }>();
  for (let m = 1; m <= 12; m += 1) months.set(`${year}-${String(m).padStart(2, '0')}`, { found: 0, closed: 0 });
  const fr = () => ({ found: 0, rectified: 0 });
  const official = { departmentInspection: fr(), selfCheck: fr(), listed: fr() };
  const perUnit = new Map<number, { total: number; closed: number }>();
  let total = 0;
  let closed = 0;
  for (const g of rows) {
    const isClosed = g.status === 'closed';
    total += g.n;
    byChannel[g.channel] = (byChannel[g.channel] ?? 0) + g.n;
    byLevel[g.level] = (byLevel[g.level] ?? 0) + g.n;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
    if (isClosed) closed += g.n;
    const month = months.get(g.found_month);
    if (month) month.found += g.n;
    const unit = perUnit.get(g.org_unit_id) ?? { total: 0, closed: 0 };
    unit.total += g.n;
    if (isClosed) unit.closed += g.n;
    perUnit.set(g.org_unit_id, unit);
    const bucket =
      g.channel === 'department_inspection' || g.channel === 'enforcement'
        ? official.departmentInspection
        : g.channel === 'self_check'
          ? official.selfCheck
          : null;
    if (bucket) {
      bucket.found += g.n;
      if (isClosed) bucket.rectified += g.n;
    }
  }
  for (const c of closedMonths) {
    const month = months.get(c.month);
    if (month) month.closed += c.n;
  }
  const stockSum = (f: (r: (typeof stockRows)[number]) => boolean) => stockRows.filter(f).reduce((a, r) => a + r.n, 0);
  const stock = {
    total: stockSum(() => true),
    closed: stockSum((r) => r.closed === 1),
    major: stockSum((r) => r.level === 'major'),
    majorClosed: stockSum((r) => r.level === 'major' && r.closed === 1),
  };
  official.listed = { found: listed.found, rectified: listed.closed };
  const perIndustry = new Map<number, { total: number; closed: number }>();
  for (const r of industryRows) {
    const e = perIndustry.get(r.catalogue_id) ?? { total: 0, closed: 0 };
    e.total += r.n;
    if (r.closed === 1) e.closed += r.n;
    perIndustry.set(r.catalogue_id, e);
  }
  const byIndustry = industries
    .filter((c) => (perIndustry.get(c.id)?.total ?? 0) !== 0)
    .map((c) => ({ key: c.code, label: c.name, ...(perIndustry.get(c.id) ?? { total: 0, closed: 0 }) }));
  const byOrgUnit = units
    .filter((u) => (perUnit.get(u.id)?.total ?? 0) !== 0)
    .map((u) => ({ key: String(u.id), label: u.name, ...(perUnit.get(u.id) ?? { total: 0, closed: 0 }) }));
  return {
    total,
    major: byLevel.major ?? 0,
    closed,
    rectificationRate: total === 0 ? 0 : Math.round((closed / total) * 10000) / 10000,
    byChannel,
    byLevel,
    stock2023: { total: stock.total, closed: stock.closed },
    year,
    byStatus,
    overdue,
    official,
    byIndustry,
    byOrgUnit,
    byMonth: [...months].map(([month, v]) => ({ month, ...v })),
    stockMajor2023: { total: stock.major, closed: stock.majorClosed },
  };
}
