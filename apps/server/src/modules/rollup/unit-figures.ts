import type { RollupFigures } from '@duban/shared/contracts/rollup';
import { zeroFigures } from '@duban/shared/rollup/figures';
import type { Db } from '../../db/database.ts';
import { unitTaskTotals } from '../documents/dashboard.service.ts';
import { ownHazardStats } from '../hazards/hazards.service.ts';
import { inspectionTotals } from '../inspections/inspections.service.ts';

/**
 * One unit's OWN figures of a year (its own list, hazards and inspections — not those of the units below it), read
 * through the modules' services: the dashboard's totals (statuses as of `asOf`), the hazard statistics of the unit
 * alone (overdue as of today), the enforcement totals (without the registry roster), read at once. A roll-up adds units up with sumFigures.
 */
export async function unitOwnFigures(db: Db, orgUnitId: number, year: number, asOf: string): Promise<RollupFigures> {
  const [tasks, h, inspections] = await Promise.all([
    unitTaskTotals(db, orgUnitId, year, asOf),
    ownHazardStats(db, orgUnitId, year),
    inspectionTotals(db, orgUnitId, year),
  ]);
  const f = zeroFigures();
  f.units = 1;
  if (tasks) {
    f.unitsWithList = 1;
    f.tasks = {
      total: tasks.total,
      dueByAsOf: tasks.dueByAsOf,
      doneByAsOf: tasks.doneByAsOf,
      accepted: tasks.counts.accepted,
      doneLate: tasks.counts['done-late'],
      overdue: tasks.counts.overdue,
    };
  }
  f.hazards = {
    found: h.total,
    rectified: (h.byStatus.accepted ?? 0) + (h.byStatus.closed ?? 0),
    closed: h.closed,
    major: h.major,
    overdue: h.overdue,
    listedFound: h.official.listed.found,
    listedClosed: h.official.listed.rectified,
    stockTotal: h.stock2023.total,
    stockClosed: h.stock2023.closed,
    stockMajorTotal: h.stockMajor2023.total,
    stockMajorClosed: h.stockMajor2023.closed,
  };
  f.inspections = {
    inspections: inspections.inspections,
    hazardsFound: inspections.hazardsFound,
    penalties: inspections.penalties,
    fineTotal: inspections.fineTotal,
  };
  return f;
}
