import type { RollupFigures, RollupRates } from '../contracts/rollup.ts';

// Pure arithmetic of the roll-up (issue 16), shared by the server and the web: figures are counts, so units add
// up; rates come from the sums, never from averaged rates.

export function zeroFigures(): RollupFigures {
  return {
    units: 0,
    unitsWithList: 0,
    tasks: { total: 0, dueByAsOf: 0, doneByAsOf: 0, accepted: 0, doneLate: 0, overdue: 0 },
    hazards: {
      found: 0,
      rectified: 0,
      closed: 0,
      major: 0,
      overdue: 0,
      listedFound: 0,
      listedClosed: 0,
      stockTotal: 0,
      stockClosed: 0,
      stockMajorTotal: 0,
      stockMajorClosed: 0,
    },
    inspections: { inspections: 0, hazardsFound: 0, penalties: 0, fineTotal: 0 },
  };
}

function addInto<T extends Record<string, number>>(into: T, add: T): void {
  for (const key of Object.keys(add) as (keyof T)[]) {
    (into[key] as number) += add[key] as number;
  }
}

/** The sum of several units' figures (a new object). Fines are summed in fen to stay exact. */
export function sumFigures(list: readonly RollupFigures[]): RollupFigures {
  const s = zeroFigures();
  let fineFen = 0;
  for (const f of list) {
    s.units += f.units;
    s.unitsWithList += f.unitsWithList;
    addInto(s.tasks, f.tasks);
    addInto(s.hazards, f.hazards);
    s.inspections.inspections += f.inspections.inspections;
    s.inspections.hazardsFound += f.inspections.hazardsFound;
    s.inspections.penalties += f.inspections.penalties;
    fineFen += Math.round(f.inspections.fineTotal * 100);
  }
  s.inspections.fineTotal = fineFen / 100;
  return s;
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** Completion (done by asOf / due by asOf), on time (accepted / done), rectification (rectified / found), stock. */
export function ratesOf(f: RollupFigures): RollupRates {
  return {
    completionRate: ratio(f.tasks.doneByAsOf, f.tasks.dueByAsOf),
    onTimeRate: ratio(f.tasks.accepted, f.tasks.accepted + f.tasks.doneLate),
    rectificationRate: ratio(f.hazards.rectified, f.hazards.found),
    stockClosedRate: ratio(f.hazards.stockClosed, f.hazards.stockTotal),
  };
}
