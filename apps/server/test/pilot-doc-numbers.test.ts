import { todayInShanghai } from '@duban/shared/civil-date';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/**
 * 督办/催办 document numbers under concurrency (issue 13): batches issued at the same moment each take their own
 * number of the year's series — no collision on the unique number, no gap. On PostgreSQL the requests really
 * overlap (a pool of connections); before the counter row they read the same maximum and all but one failed.
 */
describeEachDatabase('document numbers under concurrency', (get) => {
  let t: TestApp;
  let db: Db;
  const today = todayInShanghai();

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('twelve concurrent 催办 batches get twelve consecutive numbers', async () => {
    const open = await db
      .selectFrom('occurrences')
      .select('id')
      .where('due_date', '<', today)
      .where('report_state', '=', 'none')
      .orderBy('id')
      .limit(12)
      .execute();
    expect(open).toHaveLength(12);
    await t.login('admin');
    await t.login('staff');
    const answers = await Promise.all(
      open.map((o, i) =>
        t.as(i % 2 === 0 ? 'admin' : 'staff', {
          method: 'POST',
          url: '/api/supervision/batches',
          payload: { kind: 'urge', occurrenceIds: [o.id], note: '请尽快报送。' },
        }),
      ),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const numbers = await db
      .selectFrom('supervision_batches')
      .select('seq_no')
      .where('kind', '=', 'urge')
      .orderBy('seq_no')
      .execute();
    expect(numbers.map((n) => n.seq_no)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const counter = await db
      .selectFrom('supervision_doc_counters')
      .select('last_no')
      .where('kind', '=', 'urge')
      .executeTakeFirstOrThrow();
    expect(counter.last_no).toBe(12);

    // The next one continues the series.
    const next = await t.as('admin', {
      method: 'POST',
      url: '/api/supervision/batches',
      payload: { kind: 'urge', occurrenceIds: [open[0]!.id], note: '再次催办。' },
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().batches[0].docNo).toContain('13');
  });
});
