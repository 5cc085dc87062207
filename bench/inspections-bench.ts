import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { DialectName } from '../apps/server/src/db/database.ts';
import {
  ensureDemoRegistry,
  listDepartmentRegistry,
} from '../apps/server/src/modules/departments/departments.service.ts';
import { createDraw } from '../apps/server/src/modules/inspections/create-draw.ts';
import { createPlan } from '../apps/server/src/modules/inspections/generate-plan.ts';
import { insertConflict, insertInspector } from '../apps/server/src/modules/inspections/inspections.repository.ts';
import { verifyDraw } from '../apps/server/src/modules/inspections/verify-draw.ts';
import { ensureDefaultScope } from '../apps/server/src/modules/orgunits/orgunits.service.ts';
import { createBenchDatabase } from './bench-database.ts';

/**
 * `npx tsx bench/inspections-bench.ts [--enterprises 100000] [--inspectors 200] [--draw 500] [--runs 3] [--db postgres|sqlite] [--json]`
 *
 * Issue 15's figures: annual plan generation over N enterprises (read the registry, classify, plan, insert N plan
 * items, audit: one transaction) and a 双随机 draw over the same N targets (build and hash both pools, run the
 * draw, store the snapshot, schedule one inspection per team), then the draw's verification. The enterprises are
 * generated server-side (INSERT … SELECT); each figure is the median of `runs` wall times. Target: each under 5 s
 * on PostgreSQL.
 */
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    inspectors: { type: 'string', default: '200' },
    draw: { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    db: { type: 'string', default: 'postgres' },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(values.enterprises);
const M = Number(values.inspectors);
const DRAW = Number(values.draw);
const RUNS = Number(values.runs);
const log = (m: string) => process.stderr.write(`${m}\n`);
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const bench = await createBenchDatabase(values.db as DialectName);
  const db = bench.handle.db;
  try {
    const now = new Date().toISOString();
    const scope = await db.transaction().execute(async (trx) => {
      const s = await ensureDefaultScope(trx, now);
      await ensureDemoRegistry(trx, s.orgUnitId, now);
      return s;
    });
    const departments = (await listDepartmentRegistry(db, scope.orgUnitId))
      .filter((d) => d.kind === 'department')
      .map((d) => d.id);
    log(`generating ${N} enterprises over ${departments.length} departments …`);
    const t0 = performance.now();
    const levels = `(array['一级','二级','三级', null])[1 + (i % 4)]`;
    await sql`
      insert into enterprises (org_unit_id, name, credit_code, high_risk, standardization_level, status, created_at, updated_at)
      select ${scope.orgUnitId}, '基准企业' || i, lpad(i::text, 18, '0'), case when i % 10 = 0 then 1 else 0 end,
             ${sql.raw(levels)}, 'operating', ${now}, ${now}
      from generate_series(1, ${N}) as g(i)`.execute(db);
    const deptArray = sql.raw(`array[${departments.join(',')}]`);
    await sql`
      insert into enterprise_supervisors (enterprise_id, department_id, role)
      select id, (${deptArray})[1 + (id % ${departments.length})], 'industry' from enterprises`.execute(db);
    for (let i = 0; i < M; i++) {
      const inspector = await insertInspector(db, {
        org_unit_id: scope.orgUnitId,
        kind: i < M * 0.9 ? 'staff' : 'expert',
        user_id: null,
        expert_id: null,
        name: `人员${i}`,
        department_id: departments[i % departments.length] ?? null,
        created_at: now,
      });
      for (let k = 0; k < 5; k++) {
        await insertConflict(db, {
          inspector_id: inspector.id,
          enterprise_id: 1 + ((i * 7919 + k * 104729) % N),
          kind: k === 0 ? 'employer' : 'declared',
          note: '',
          created_at: now,
        });
      }
    }
    log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const actor = { orgUnitId: scope.orgUnitId, actor: 'bench' };
    const planTimes: number[] = [];
    const planCpu: number[] = [];
    const drawCpu: number[] = [];
    let planSummary: unknown = null;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const plan = await createPlan(db, actor, { year: 2026, title: `基准计划${r}`, defaultInspectorDays: 120 });
      planTimes.push((performance.now() - t) / 1000);
      planCpu.push(cpuSeconds(process.cpuUsage(cpu)));
      planSummary = plan.summary;
      log(`plan run ${r + 1}: ${planTimes.at(-1)?.toFixed(2)} s`);
    }
    const drawTimes: number[] = [];
    const verifyTimes: number[] = [];
    let lastDraw: { selected: number; unstaffed: number; eligible: number } | null = null;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const { row } = await createDraw(db, actor, {
        title: `基准抽查${r}`,
        inspectedOn: '2026-11-20',
        targetCount: DRAW,
        teamSize: 2,
        expertsPerTeam: 1,
        exclusions: { penalisedWithinDays: 365, inspectedSince: '2026-01-01' },
      });
      drawTimes.push((performance.now() - t) / 1000);
      drawCpu.push(cpuSeconds(process.cpuUsage(cpu)));
      const result = JSON.parse(row.result);
      lastDraw = { selected: result.selected.length, unstaffed: result.unstaffed.length, eligible: result.eligible };
      const tv = performance.now();
      const v = await verifyDraw(db, scope.orgUnitId, row.id);
      verifyTimes.push((performance.now() - tv) / 1000);
      if (!v.reproduced) throw new Error(`draw ${row.id} did not reproduce: ${v.problems.join('; ')}`);
      log(`draw run ${r + 1}: ${drawTimes.at(-1)?.toFixed(2)} s, verify ${verifyTimes.at(-1)?.toFixed(2)} s`);
    }
    const result = {
      db: bench.dialect,
      enterprises: N,
      inspectors: M,
      drawTargetCount: DRAW,
      planSeconds: Number(median(planTimes).toFixed(3)),
      drawSeconds: Number(median(drawTimes).toFixed(3)),
      verifySeconds: Number(median(verifyTimes).toFixed(3)),
      /** The app process's own CPU (user + system) per run: separates the work from waiting on a busy machine. */
      planCpuSeconds: Number(median(planCpu).toFixed(3)),
      drawCpuSeconds: Number(median(drawCpu).toFixed(3)),
      loadAverage: loadavg()[0] ?? 0,
      planSummary,
      draw: lastDraw,
      underFiveSeconds: median(planTimes) < 5 && median(drawTimes) < 5,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      console.log(`inspections bench (${result.db}, ${N} enterprises, ${M} inspectors)`);
      console.log(
        `  plan generation   median ${result.planSeconds} s  (runs: ${planTimes.map((x) => x.toFixed(2)).join(', ')})`,
      );
      console.log(
        `  draw (${DRAW} teams) median ${result.drawSeconds} s  (runs: ${drawTimes.map((x) => x.toFixed(2)).join(', ')})`,
      );
      console.log(`  draw verification median ${result.verifySeconds} s`);
      console.log(
        `  app process CPU: plan ${result.planCpuSeconds} s, draw ${result.drawCpuSeconds} s (load average ${result.loadAverage.toFixed(1)})`,
      );
      console.log(`  under 5 s each: ${result.underFiveSeconds ? 'yes' : 'NO'}`);
    }
    if (!result.underFiveSeconds) process.exitCode = 1;
  } finally {
    await bench.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
