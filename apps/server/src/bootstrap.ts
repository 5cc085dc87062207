import { readFileSync } from 'node:fs';
import { PostgresAdapter, sql } from 'kysely';
import { loadConfig } from './config.ts';
import { type DatabaseHandle, type Db, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { anchorLegacyChain, appendAudit } from './modules/audit/audit.service.ts';
import { loadAuditKey, useAuditKey } from './modules/audit/audit-key.ts';
import { ensureDemoRegistry, loadDepartmentRegistry } from './modules/departments/departments.service.ts';
import { ensureHazardStandards } from './modules/hazards/hazard-standards.ts';
import { type DefaultScope, ensureDefaultScope } from './modules/orgunits/orgunits.service.ts';
import { commitTaskListImport } from './modules/tasklists/import-commit.ts';
import { previewTaskListImport } from './modules/tasklists/import-preview.ts';
import { countTaskLists } from './modules/tasklists/tasklists.repository.ts';

export const DEMO_LIST_URL = new URL('../seed/xinzhou-2024-tasklist.txt', import.meta.url);

export interface Prepared {
  handle: DatabaseHandle;
  scope: DefaultScope;
  migrated: string[];
}

/**
 * Opens the configured database, migrates it when behind, loads the audit key of the data directory (generated at
 * first start), anchors an unkeyed audit chain of an older version, and makes sure the default zone exists.
 */
export async function prepareDatabase(databaseUrl: string, dataDir: string = loadConfig().DATA_DIR): Promise<Prepared> {
  useAuditKey(loadAuditKey(dataDir));
  const handle = openDatabase(databaseUrl);
  try {
    const migrated = await migrateToLatest(handle.db);
    await anchorLegacyChain(handle.db);
    // Instances starting at once on a new database set up one at a time (migrations lock themselves likewise).
    const scope = await handle.db.transaction().execute(async (trx) => {
      await lockStartup(trx);
      const now = new Date().toISOString();
      const s = await ensureDefaultScope(trx, now);
      const created = await ensureDemoRegistry(trx, s.orgUnitId, now);
      if (created > 0) {
        await appendAudit(trx, {
          orgUnitId: s.orgUnitId,
          actor: 'system',
          action: 'setup.default_scope',
          entity: 'org_unit',
          entityId: s.orgUnitId,
          after: { zone: s.orgUnitName, campaignId: s.campaignId, departments: created },
        });
      }
      // The shipped catalogue of 重大事故隐患判定标准: missing standards and items are added, nothing is removed.
      await ensureHazardStandards(trx);
      return s;
    });
    return { handle, scope, migrated };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Serialises start-up set-up across instances (PostgreSQL advisory lock; SQLite has one writer anyway). */
async function lockStartup(trx: Db): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(724012)`.execute(trx);
}

/**
 * Runs the first-start steps (demo list, first administrator, demo data) one instance at a time: instances started at
 * once on a new PostgreSQL database wait here, then find the work done. The lock is held on its own connection; the
 * steps use the pool. SQLite: one process, no lock needed.
 */
export async function withFirstStartLock<T>(db: Db, steps: () => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return steps();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(724013)`.execute(conn);
    try {
      return await steps();
    } finally {
      await sql`select pg_advisory_unlock(724013)`.execute(conn);
    }
  });
}

/** Loads the bundled 2024 list when the database has no task list yet. Returns whether it did. */
export async function loadDemoListIfEmpty(p: Prepared): Promise<boolean> {
  if ((await countTaskLists(p.handle.db)) > 0) return false;
  const bytes = readFileSync(DEMO_LIST_URL);
  const registry = await loadDepartmentRegistry(p.handle.db, p.scope.orgUnitId);
  const preview = await previewTaskListImport({ bytes, fileName: 'xinzhou-2024-tasklist.txt', registry });
  await commitTaskListImport(p.handle.db, preview, {
    orgUnitId: p.scope.orgUnitId,
    campaignId: p.scope.campaignId,
    actor: 'system',
    createUnknownDepartments: true,
  });
  return true;
}
