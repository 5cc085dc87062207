import type { Db } from '../../db/database.ts';
import {
  bumpReadModelVersion,
  readModelVersion,
  readModelVersionOfUnits,
  readModelVersionsByUnit,
} from './read-model-versions.repository.ts';
import { forgetLeasedVersions, leaseOf } from './version-lease.ts';

/**
 * What other modules use. appendAudit (modules/audit) calls noteWrite in every audited write's transaction —
 * every write audits, so every write raises its unit's version, on whichever instance it ran, visible exactly when
 * the write commits. Readers key their cache entries by currentVersion, which reuses the version it read for up to
 * a second (version-lease.ts: a write in this process is seen at once, another instance's within the second).
 */
export const noteWrite = (trx: Db, orgUnitId: number | null): Promise<void> => {
  forgetLeasedVersions();
  return bumpReadModelVersion(trx, orgUnitId);
};
export const currentVersion = (db: Db, orgUnitId: number): Promise<number> =>
  leaseOf(db).version(String(orgUnitId), () => readModelVersion(db, orgUnitId));
export const currentVersionOfUnits = (db: Db, orgUnitIds: readonly number[]): Promise<number> =>
  leaseOf(db).version(orgUnitIds.join(','), () => readModelVersionOfUnits(db, orgUnitIds));
/** Each unit's own counter (unleased): the roll-up keeps one cache entry per unit at its own version. */
export const versionsByUnit = readModelVersionsByUnit;
