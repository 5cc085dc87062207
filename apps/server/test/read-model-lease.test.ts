import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { LEASE_MS } from '../src/modules/read-models/version-lease.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/**
 * The read-model version lease (modules/read-models/version-lease.ts): a cached read asks the database for the
 * version at most once a second; one made elsewhere shows within the lease. (A write through this process shows at
 * once: read-models.test.ts and version-lease.test.ts.)
 */
describeEachDatabase('read-model version lease', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });
  const url = '/api/tasklists/2024/tasks?asOf=2024-04-15';
  const firstTaskText = async () =>
    (await t.as('staff', { method: 'GET', url })).json().categories[0].tasks[0].text as string;

  it('a write by another instance (straight in the database) shows within the lease, not before', async () => {
    const before = await firstTaskText();
    const { db } = get().handle;
    const task = await db
      .selectFrom('tasks')
      .select(['id', 'text'])
      .where('text', '=', before)
      .executeTakeFirstOrThrow();
    // What another instance's write leaves behind: the row changed and the unit's version raised, both committed,
    // without this process's noteWrite running.
    await db
      .updateTable('tasks')
      .set({ text: `${before}（另一实例修改）` })
      .where('id', '=', task.id)
      .execute();
    await db
      .updateTable('read_model_versions')
      .set({ version: sql<number>`version + 1` })
      .where('org_unit_id', '=', t.scope.orgUnitId)
      .execute();
    const started = Date.now();
    const soon = await firstTaskText();
    if (Date.now() - started < LEASE_MS / 2) expect(soon).toBe(before); // still leased (when this ran quickly)
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 50));
    expect(await firstTaskText()).toBe(`${before}（另一实例修改）`);
  });
});
