import type { Db } from '../../db/database.ts';
import { bumpReadModelVersion, readModelVersion, readModelVersionOfUnits } from './read-model-versions.repository.ts';

/**
 * What other modules use. appendAudit (modules/audit) calls noteWrite in every audited write's transaction —
 * every write audits, so every write raises its unit's version, on whichever instance it ran, visible exactly when
 * the write commits. Readers key their cache entries by currentVersion.
 */
export const noteWrite = (trx: Db, orgUnitId: number | null): Promise<void> => bumpReadModelVersion(trx, orgUnitId);
export const currentVersion = (db: Db, orgUnitId: number): Promise<number> => readModelVersion(db, orgUnitId);
export const currentVersionOfUnits = (db: Db, orgUnitIds: readonly number[]): Promise<number> =>
  readModelVersionOfUnits(db, orgUnitIds);
