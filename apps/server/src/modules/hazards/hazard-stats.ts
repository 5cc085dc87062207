import { todayInShanghai } from '@duban/shared/civil-date';
import type { HazardStatsResponse } from '@duban/shared/contracts/hazards';
import { HAZARD_CHANNELS, HAZARD_LEVELS, HAZARD_STATUSES } from '@duban/shared/hazards/hazard-workflow';
import type { Db } from '../../db/database.ts';
import {
  selectByIndustry,
  selectByLocality,
  selectClosedByMonth,
  selectListedOfYear,
  selectStock,
  selectYearGroups,
} from './hazard-stats.repository.ts';
import type { HazardScope } from './hazards.policy.ts';

const zeroes = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;

/**
 * Statistics of the hazards found in a year: totals, rectification rate (closed / total), by channel, level,
 * status, month, industry and locality; overdue; the official split found/rectified for 部门检查发现 (department
 * inspection and enforcement), 企业自查 and 挂牌督办; and the 2023-and-earlier stock (task 33) whatever the year.
 */
export async function getHazardStats(
  db: Db,
  scope: HazardScope,
  year: number,
  today = todayInShanghai(),
): Promise<HazardStatsResponse> {
  const [groups, listed, closedMonths, stock, byIndustry, byOrgUnit] = await Promise.all([
    selectYearGroups(db, scope, year, today),
    selectListedOfYear(db, scope, year),
    selectClosedByMonth(db, scope, year),
    selectStock(db, scope),
    selectByIndustry(db, scope, year),
    selectByLocality(db, scope, year),
  ]);
  const byChannel = zeroes(HAZARD_CHANNELS);
  const byLevel = zeroes(HAZARD_LEVELS);
  const byStatus = zeroes(HAZARD_STATUSES);
  const months = new Map<string, { found: number; closed: number }>();
  for (let m = 1; m <= 12; m += 1) months.set(`${year}-${String(m).padStart(2, '0')}`, { found: 0, closed: 0 });
  const fr = () => ({ found: 0, rectified: 0 });
  const official = { departmentInspection: fr(), selfCheck: fr(), listed: fr() };
  let total = 0;
  let closed = 0;
  let overdue = 0;
  for (const g of groups) {
    total += g.n;
    byChannel[g.channel] = (byChannel[g.channel] ?? 0) + g.n;
    byLevel[g.level] = (byLevel[g.level] ?? 0) + g.n;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
    const isClosed = g.status === 'closed';
    if (isClosed) closed += g.n;
    if (g.overdue) overdue += g.n;
    const month = months.get(g.month);
    if (month) month.found += g.n;
    const buckets = [
      g.channel === 'department_inspection' || g.channel === 'enforcement' ? official.departmentInspection : null,
      g.channel === 'self_check' ? official.selfCheck : null,
    ];
    for (const b of buckets) {
      if (!b) continue;
      b.found += g.n;
      if (isClosed) b.rectified += g.n;
    }
  }
  official.listed = { found: listed.found, rectified: listed.closed };
  for (const c of closedMonths) {
    const month = months.get(c.month);
    if (month) month.closed += c.n;
  }
  const sum = (rows: typeof stock, f: (r: (typeof stock)[number]) => boolean) =>
    rows.filter(f).reduce((a, r) => a + r.n, 0);
  return {
    total,
    major: byLevel.major ?? 0,
    closed,
    rectificationRate: total === 0 ? 0 : Math.round((closed / total) * 10000) / 10000,
    byChannel,
    byLevel,
    stock2023: { total: sum(stock, () => true), closed: sum(stock, (r) => r.closed === 1) },
    year,
    byStatus,
    overdue,
    official,
    byIndustry,
    byOrgUnit,
    byMonth: [...months].map(([month, v]) => ({ month, ...v })),
    stockMajor2023: {
      total: sum(stock, (r) => r.level === 'major'),
      closed: sum(stock, (r) => r.level === 'major' && r.closed === 1),
    },
  };
}
