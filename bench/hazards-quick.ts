import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  selectClosedByMonth,
  selectIndustryRows,
  selectListedOfYear,
  selectOverdue,
  selectStock,
  selectYearCounts,
} from '../apps/server/src/modules/hazards/hazard-stats.repository.ts';
import { getHazardStats } from '../apps/server/src/modules/hazards/hazard-stats.ts';
import { summarySelect } from '../apps/server/src/modules/hazards/hazard-summary.repository.ts';
import { unitHazardScope } from '../apps/server/src/modules/hazards/hazards.service.ts';
import { getHazardList } from '../apps/server/src/modules/hazards/read-hazards.ts';
import { createBenchDatabase } from './bench-database.ts';
import { generateHazards, HAZARD_SCALES } from './hazards-generate.ts';

/**
 * `npx tsx bench/hazards-quick.ts [sqlite|postgres] [city|province]`: the hazards alone (no task lists), timing the
 * list and statistics use cases directly (no HTTP), for tuning their SQL. `npm run bench` is the real figure.
 */
const dialect = (process.argv[2] ?? 'postgres') as 'sqlite' | 'postgres';
const scale = (process.argv[3] ?? 'province') as 'city' | 'province';
const units = scale === 'province' ? 200 : 1;
const bench = await createBenchDatabase(dialect);
try {
  const db = bench.handle.db;
  const now = '2025-07-01T00:00:00.000Z';
  for (let u = 1; u <= units; u += 1) {
    await sql`insert into org_units (id, parent_id, code, name, level, created_at) values (${u}, null, ${`b${u}`}, ${`基准${u}`}, 'zone', ${now})`.execute(
      db,
    );
  }
  await sql`insert into departments (id, org_unit_id, name, kind, confirmed, created_at)
    select (o.id - 1) * 30 + d.n, o.id, '部门' || d.n, 'department', 1, ${now} from org_units o
    cross join (select generate_series(1, 30) as n) d`
    .execute(db)
    .catch(async () => {
      for (let u = 1; u <= units; u += 1)
        for (let d = 1; d <= 30; d += 1)
          await sql`insert into departments (id, org_unit_id, name, kind, confirmed, created_at) values (${(u - 1) * 30 + d}, ${u}, ${`部门${d}`}, 'department', 1, ${now})`.execute(
            db,
          );
    });
  const t0 = performance.now();
  const rows = await generateHazards(db, dialect, units, 30, HAZARD_SCALES[scale], (m) => console.error(m));
  console.error(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`, rows);
  const scope = unitHazardScope(1);
  const time = async (name: string, fn: () => Promise<unknown>, n = 30) => {
    const ms: number[] = [];
    for (let i = 0; i < n + 3; i += 1) {
      const a = performance.now();
      await fn();
      if (i >= 3) ms.push(performance.now() - a);
    }
    ms.sort((x, y) => x - y);
    console.log(name, 'p50', ms[Math.floor(n / 2)]?.toFixed(1), 'p95', ms[Math.floor(n * 0.95)]?.toFixed(1));
  };
  await time('list', () => getHazardList(db, scope, { limit: 50, offset: 0 }));
  await time('stats (summary tables)', () => getHazardStats(db, scope, 2025, '2025-07-01'));
  // Where a miss spends its time: the summary statements, and the two counted from rows.
  const benched = [1];
  await time('  part: year counts + closed by month + stock (summary)', () =>
    Promise.all([
      selectYearCounts(db, scope, benched, 2025),
      selectClosedByMonth(db, scope, benched, 2025),
      selectStock(db, scope, benched),
      selectIndustryRows(db, scope, benched, 2025),
    ]),
  );
  await time('  part: overdue (partial index over the rows)', () =>
    selectOverdue(db, scope, benched, 2025, '2025-07-01'),
  );
  await time('  part: listed of the year (hazard_listings ⋈ hazards)', () =>
    selectListedOfYear(db, scope, benched, 2025),
  );
  // Baseline in the same run: the year's figures grouped from the hazard rows, as before migration 0015 (the main
  // grouping alone; the old statistics also joined enterprises for industries and 属地).
  await time('stats baseline: the grouping from the rows', () =>
    sql`${summarySelect(sql`h.org_unit_id = 1 and ((h.found_on >= '2025-01-01' and h.found_on <= '2025-12-31')
      or (h.closed_on >= '2025-01-01' and h.closed_on <= '2025-12-31') or h.found_on < '2024-01-01')`)}`.execute(db),
  );
} finally {
  await bench.drop();
}
process.exit(0);
