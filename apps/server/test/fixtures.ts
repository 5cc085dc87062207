import { readFileSync } from 'node:fs';
import type { Db } from '../src/db/database.ts';
import { appendAudit } from '../src/modules/audit/audit.service.ts';
import { ensureDemoRegistry, loadDepartmentRegistry } from '../src/modules/departments/departments.service.ts';
import { type DefaultScope, ensureDefaultScope } from '../src/modules/orgunits/orgunits.service.ts';
import { commitTaskListImport } from '../src/modules/tasklists/import-commit.ts';
import { previewTaskListImport } from '../src/modules/tasklists/import-preview.ts';

export const SEED_PATH = new URL('../seed/xinzhou-2024-tasklist.txt', import.meta.url);
export const seedBytes = (): Buffer => readFileSync(SEED_PATH);

/** The default zone with the demo department registry, as `npm start` creates it. */
export async function setupScope(db: Db): Promise<DefaultScope> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const scope = await ensureDefaultScope(trx, now);
    if ((await ensureDemoRegistry(trx, scope.orgUnitId, now)) > 0) {
      await appendAudit(trx, {
        orgUnitId: scope.orgUnitId,
        actor: 'test',
        action: 'setup',
        entity: 'org_unit',
        entityId: 1,
      });
    }
    return scope;
  });
}

export async function importBytes(
  db: Db,
  scope: DefaultScope,
  bytes: Uint8Array,
  options: { fileName?: string; year?: number; createUnknownDepartments?: boolean } = {},
) {
  const registry = await loadDepartmentRegistry(db, scope.orgUnitId);
  const preview = await previewTaskListImport({
    bytes,
    fileName: options.fileName ?? 'list.txt',
    year: options.year,
    registry,
  });
  return commitTaskListImport(db, preview, {
    orgUnitId: scope.orgUnitId,
    campaignId: scope.campaignId,
    actor: 'test',
    createUnknownDepartments: options.createUnknownDepartments ?? true,
  });
}

/** Row counts of every table: "nothing changed" means these are equal before and after. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'org_units',
    'campaigns',
    'task_lists',
    'categories',
    'tasks',
    'departments',
    'department_aliases',
    'assignments',
    'schedule_rules',
    'occurrences',
    'users',
    'audit_events',
  ] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(r.n);
  }
  return counts;
}
