import type { RollupFigures } from '@duban/shared/contracts/rollup';
import { zeroFigures } from '@duban/shared/rollup/figures';
import type { Db } from '../../db/database.ts';
import { unitTaskTotals } from '../documents/dashboard.service.ts';
import { unitHazardStats } from '../hazards/hazards.service.ts';
import { inspectionStats } from '../inspections/inspections.service.ts';

/**
 * One unit's OWN task and enforcement figures of a year (its own list and inspections, not those of the units below
 * it), read through the modules' services: the dashboard's totals (statuses as of `asOf`) and the enforcement
 * statistics. Hazards are zero here: they come from `subtreeHazards`.
 */
export async function unitOwnWork(db: Db, orgUnitId: number, year: number, asOf: string): Promise<RollupFigures> {
  const tasks = await unitTaskTotals(db, orgUnitId, year, asOf);
  const inspections = await inspectionStats(db, orgUnitId, year);
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
  f.inspections = {
    inspections: inspections.inspections,
    hazardsFound: inspections.hazardsFound,
    penalties: inspections.penalties,
    fineTotal: inspections.fineTotal,
  };
  return f;
}

/**
 * The hazard figures of a unit and every unit below it: the hazards module's statistics of a unit cover its
 * subtree (a city's are its own and its zones', from the summary tables), so a city or province is one call.
 */
export async function subtreeHazards(db: Db, orgUnitId: number, year: number): Promise<RollupFigures['hazards']> {
  const h = await unitHazardStats(db, orgUnitId, year);
  return {
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
}
