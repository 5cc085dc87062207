import { DashboardResponse } from '@duban/shared/contracts/dashboard';
import { defaultAsOf } from '@duban/shared/default-as-of';
import type { Db } from '../../db/database.ts';
import { getDashboard } from '../documents/dashboard.service.ts';
import type { CachedBody, ReadModelCache } from '../read-models/read-model-cache.ts';
import { currentVersion } from '../read-models/read-models.service.ts';
import { readerSubtree } from './read-rollup.ts';
import type { RollupReadScope } from './rollup.policy.ts';

/** Drill-down: the dashboard of a unit of the reader's subtree, read-only (404 for any other unit). */
export async function readUnitDashboard(
  db: Db,
  cache: ReadModelCache,
  scope: RollupReadScope,
  unitId: number,
  query: { year: number; asOf?: string },
): Promise<CachedBody> {
  const { root } = await readerSubtree(db, scope, unitId);
  const asOf = query.asOf ?? defaultAsOf(query.year);
  const version = await currentVersion(db, root.id);
  return cache.get(`${root.id}/${query.year}/${asOf}`, version, async () =>
    DashboardResponse.parse(await getDashboard(db, root.id, query.year, asOf)),
  );
}
