import type { RollupFigures, Submission } from '@duban/shared/contracts/rollup';
import { RollupFiguresSchema } from '@duban/shared/contracts/rollup';
import { ratesOf, sumFigures } from '@duban/shared/rollup/figures';
import type { Db } from '../../db/database.ts';
import { descendantsOf, indexSubtree } from './read-rollup.ts';
import type { SubmissionMeta } from './rollup.repository.ts';
import { selectSubtree } from './rollup.repository.ts';
import { unitOwnFigures } from './unit-figures.ts';

// What the 直报 use cases share: the figures a unit reports (its own plus every unit below it) and the view.

/**
 * The unit's figures for a report upward: its own and those of every unit below it, statuses as of `asOf`; and
 * whether the unit has its own list of the year (without one it reports the figures only).
 */
export async function reportedFigures(
  db: Db,
  orgUnitId: number,
  year: number,
  asOf: string,
): Promise<{ figures: RollupFigures; hasOwnList: boolean }> {
  const view = indexSubtree(await selectSubtree(db, orgUnitId));
  const list: RollupFigures[] = [];
  for (const id of descendantsOf(view, orgUnitId)) list.push(await unitOwnFigures(db, id, year, asOf));
  // descendantsOf lists the unit itself first.
  return { figures: sumFigures(list), hasOwnList: (list[0]?.unitsWithList ?? 0) > 0 };
}

export function submissionView(
  s: SubmissionMeta,
  unit: { id: number; code: string; name: string; level: string },
): Submission {
  const figures = RollupFiguresSchema.parse(JSON.parse(s.figures));
  return {
    id: s.id,
    unit,
    parentUnitId: s.parent_unit_id,
    year: s.year,
    period: s.period_key,
    seq: s.seq,
    status: s.status,
    figures,
    rates: ratesOf(figures),
    fileName: s.file_name,
    fileSha256: s.file_sha256,
    note: s.note,
    submittedAt: s.submitted_at,
    returnReason: s.return_reason,
    reviewedAt: s.reviewed_at,
    version: s.version,
  };
}
