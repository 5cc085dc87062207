import { expect, it } from 'vitest';
import { listOccurrencesOfRules, listRulesOfTasks } from '../src/modules/schedules/schedules.repository.ts';
import { deleteTasks } from '../src/modules/tasklists/tasklist-writes.repository.ts';
import { listAssignmentsOfTasks } from '../src/modules/tasklists/tasklists.repository.ts';
import { describeEachDatabase } from './databases.ts';
import { importBytes, seedBytes, setupScope } from './fixtures.ts';

/**
 * Issue 9 item 4: a 100,000-row import failed with "too many SQL variables" (SQLite allows 32,766 bound values in
 * one statement). The import path's IN (…) lists are split (db/in-chunks.ts): 100,000 ids in one call work, and the
 * answers are the same as for the short list.
 */
describeEachDatabase('security: large IN lists', (get) => {
  it('reads and deletes with 100,000 ids in one call', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    await importBytes(db, scope, seedBytes());
    const tasks = await db.selectFrom('tasks').select('id').orderBy('id').execute();
    const real = tasks.map((t) => t.id);
    const many = [...real, ...Array.from({ length: 100_000 }, (_, i) => 1_000_000 + i)];
    const assignments = await listAssignmentsOfTasks(db, many);
    expect(assignments).toEqual(await listAssignmentsOfTasks(db, real));
    expect(assignments.length).toBeGreaterThan(64);
    const rules = await listRulesOfTasks(db, many);
    expect(rules.length).toBeGreaterThanOrEqual(64);
    const occurrences = await listOccurrencesOfRules(db, [...rules.map((r) => r.id), ...many]);
    expect(occurrences.length).toBeGreaterThan(0);
    await expect(
      deleteTasks(
        db,
        Array.from({ length: 100_000 }, (_, i) => 2_000_000 + i),
      ),
    ).resolves.toBeUndefined();
  }, 120_000);
});
