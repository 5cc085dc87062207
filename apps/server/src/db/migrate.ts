import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/20261128_0001_foundation.ts';
import * as m0002 from './migrations/20261128_0002_workflow.ts';
import * as m0004 from './migrations/20261128_0004_deadline_override.ts';
import * as m0005 from './migrations/20261128_0005_holiday_years.ts';
import * as m0006 from './migrations/20261128_0006_notifications.ts';
import * as m0007 from './migrations/20261128_0007_exports.ts';
import * as m0008 from './migrations/20261201_0008_security.ts';
import * as m0009 from './migrations/20261201_0009_pilot.ts';
import * as m0010 from './migrations/20261201_0010_enterprises.ts';
import * as m0011 from './migrations/20261201_0011_hazards.ts';
import * as m0012 from './migrations/20261201_0012_whistleblowing.ts';
import * as m0013 from './migrations/20261201_0013_inspections.ts';
import * as m0014 from './migrations/20261201_0014_read_model_versions.ts';
import * as m0015 from './migrations/20261201_0015_hazard_summary.ts';
import * as m0016 from './migrations/20261201_0016_pilot_gaps.ts';
import * as m0017 from './migrations/20261201_0017_public_gaps.ts';
import * as m0018 from './migrations/20261201_0018_inspection_gaps.ts';
import * as m0019 from './migrations/20261201_0019_shared_storage.ts';
import * as m0021 from './migrations/20261201_0021_rollup.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  '20261128_0001_foundation': m0001,
  '20261128_0002_workflow': m0002,
  '20261128_0004_deadline_override': m0004,
  '20261128_0005_holiday_years': m0005,
  '20261128_0006_notifications': m0006,
  '20261128_0007_exports': m0007,
  '20261201_0008_security': m0008,
  '20261201_0009_pilot': m0009,
  '20261201_0010_enterprises': m0010,
  '20261201_0011_hazards': m0011,
  '20261201_0012_whistleblowing': m0012,
  '20261201_0013_inspections': m0013,
  '20261201_0014_read_model_versions': m0014,
  '20261201_0015_hazard_summary': m0015,
  '20261201_0016_pilot_gaps': m0016,
  '20261201_0017_public_gaps': m0017,
  '20261201_0018_inspection_gaps': m0018,
  '20261201_0019_shared_storage': m0019,
  '20261201_0021_rollup': m0021,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the database to the latest schema; a no-op when it is already there. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(
      `数据库迁移失败 (migration ${failed} failed): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
