import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { DialectName } from '../apps/server/src/db/database.ts';
import { BENCH_UNIT_ID, type BenchApp, startBenchApp } from './bench-app.ts';
import { type BenchDatabase, createBenchDatabase } from './bench-database.ts';
import { generate } from './generate.ts';
import { openHandQuery } from './hand-sql.ts';
import { generateHazards, HAZARD_SCALES } from './hazards-generate.ts';
import { DEFAULT_MEASURE, type MeasureOptions, measure, type Percentiles } from './measure.ts';
import { generateOrgTree, measureRollup, type RollupBench } from './rollup-bench.ts';
import { BENCH_YEAR, DATA_AS_OF, SCALES, type Scale } from './scales.ts';

/**
 * `npm run -s bench -- [--scale city|province] [--db sqlite|postgres] [--json] [--runs N] [--warmup N]`
 * Generates a fresh database, starts the real app on 127.0.0.1 and times sequential HTTP requests.
 * stdout: one JSON object per run with --json (one line each), else a table; progress goes to stderr.
 */
export interface BenchResult {
  scale: Scale['name'];
  db: DialectName;
  endpoints: {
    tasks: Percentiles;
    dashboard: Percentiles;
    inbox: Percentiles | null;
    /** GET /api/hazards (office, first page of 50 with the total) over the generated hazards (issue 11). */
    hazards: Percentiles;
    /** GET /api/hazards/stats?year= (office): the statistics of a year. */
    hazardStats: Percentiles;
    /** GET /api/rollup (issue 16) as the office of a city over 20 zones / of the province over 10 cities; province scale only. */
    rollupCity: Percentiles | null;
    rollupProvince: Percentiles | null;
  };
  /** The roll-up's cold first requests and the province right after a write in one zone (bench/rollup-bench.ts). */
  rollupDetail: RollupBench['detail'] | null;
  /** Enterprises and hazards in the tables, and how many hazards the benched unit holds. */
  hazardRows: { enterprises: number; hazards: number; benchedUnitHazards: number };
  dashboardSqlRatio: number;
  rows: { occurrences: number; reports: number };
  generateSeconds: number;
  /**
   * What the dashboard computes, written by hand (bench/hand-sql.ts: the grouped figures statement and the overdue
   * list) and run straight on the driver, back to back on one connection: the ratio's denominator.
   */
  dashboardSql: Percentiles;
  /** For transparency: each hand-written statement alone, and both at once on two connections (PostgreSQL only). */
  dashboardSqlDetail: { figures: Percentiles; overdue: Percentiles; concurrent: Percentiles | null };
  /** dashboard p50 / concurrent p50 (PostgreSQL, where the endpoint also runs the two at once); null on SQLite. */
  dashboardSqlConcurrentRatio: number | null;
}

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

async function getOk(url: string, cookie: string): Promise<number> {
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return body.length;
}

/** The inbox is built in parallel: a 404 means it is not there yet, reported as null. */
async function inboxAvailable(url: string, cookie: string): Promise<boolean> {
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.text();
  if (res.status === 404) {
    log(`  inbox: ${url} answered 404 (not built yet): reported as null`);
    return false;
  }
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return true;
}

async function measureApp(app: BenchApp, options: MeasureOptions) {
  const tasksUrl = `${app.baseUrl}/api/tasklists/${BENCH_YEAR}/tasks?asOf=${DATA_AS_OF}`;
  const dashboardUrl = `${app.baseUrl}/api/dashboard?year=${BENCH_YEAR}&asOf=${DATA_AS_OF}`;
  const inboxUrl = `${app.baseUrl}/api/inbox?year=${BENCH_YEAR}`;
  log('  measuring GET /api/tasklists/:year/tasks');
  const tasks = await measure(() => getOk(tasksUrl, app.officeCookie), options);
  log('  measuring GET /api/dashboard');
  const dashboard = await measure(() => getOk(dashboardUrl, app.officeCookie), options);
  let inbox: Percentiles | null = null;
  if (await inboxAvailable(inboxUrl, app.departmentCookie)) {
    log('  measuring GET /api/inbox');
    inbox = await measure(() => getOk(inboxUrl, app.departmentCookie), options);
  }
  log('  measuring GET /api/hazards');
  const hazards = await measure(() => getOk(`${app.baseUrl}/api/hazards?limit=50`, app.officeCookie), options);
  log('  measuring GET /api/hazards/stats');
  const hazardStats = await measure(
    () => getOk(`${app.baseUrl}/api/hazards/stats?year=${BENCH_YEAR}`, app.officeCookie),
    options,
  );
  return { tasks, dashboard, inbox, hazards, hazardStats };
}

/** One scale on one database; `emit` gets the result before the database is dropped (a failed drop loses nothing). */
async function runOne(
  scale: Scale,
  dialect: DialectName,
  options: MeasureOptions,
  emit: (result: BenchResult) => void,
): Promise<void> {
  log(`[${scale.name}/${dialect}] creating a fresh database`);
  const bench: BenchDatabase = await createBenchDatabase(dialect);
  let app: BenchApp | undefined;
  try {
    log(`[${scale.name}/${dialect}] generating data`);
    const started = performance.now();
    const rows = await generate(bench.handle.db, dialect, scale, log);
    const generateSeconds = Math.round((performance.now() - started) / 100) / 10;
    log(`  ${rows.occurrences} occurrences, ${rows.reports} reports in ${generateSeconds} s`);
    log(`[${scale.name}/${dialect}] generating enterprises and hazards`);
    const hazardRows = await generateHazards(
      bench.handle.db,
      dialect,
      scale.units,
      scale.departmentsPerUnit,
      HAZARD_SCALES[scale.name],
      log,
    );
    const tree = scale.units > 1 ? await generateOrgTree(bench.handle.db, dialect, scale.units) : null;
    app = await startBenchApp(bench);
    log(`  app listening at ${app.baseUrl}`);
    const measured = await measureApp(app, options);
    const rollup = tree ? await measureRollup(bench.handle.db, app.baseUrl, tree, scale.units, options, log) : null;
    const endpoints = { ...measured, rollupCity: rollup?.city ?? null, rollupProvince: rollup?.province ?? null };
    log('  measuring the hand-written dashboard statements');
    const hand = await openHandQuery(bench, BENCH_UNIT_ID, BENCH_YEAR, DATA_AS_OF);
    let dashboardSql: Percentiles;
    let dashboardSqlDetail: BenchResult['dashboardSqlDetail'];
    try {
      dashboardSql = await measure(() => hand.run(), options);
      dashboardSqlDetail = {
        figures: await measure(() => hand.figures(), options),
        overdue: await measure(() => hand.overdue(), options),
        concurrent: dialect === 'postgres' ? await measure(() => hand.concurrent(), options) : null,
      };
    } finally {
      await hand.close();
    }
    const ratio = (p: Percentiles) => Math.round((endpoints.dashboard.p50 / p.p50) * 100) / 100;
    const dashboardSqlRatio = ratio(dashboardSql);
    const concurrent = dashboardSqlDetail.concurrent;
    const dashboardSqlConcurrentRatio = concurrent ? ratio(concurrent) : null;
    emit({
      scale: scale.name,
      db: dialect,
      endpoints,
      hazardRows,
      rollupDetail: rollup?.detail ?? null,
      dashboardSqlRatio,
      rows,
      generateSeconds,
      dashboardSql,
      dashboardSqlDetail,
      dashboardSqlConcurrentRatio,
    });
  } finally {
    await app?.close();
    await bench.drop();
    log(`[${scale.name}/${dialect}] database dropped`);
  }
}

const fmt = (p: Percentiles | null): string =>
  p ? `${p.p50.toFixed(2).padStart(9)}  ${p.p95.toFixed(2).padStart(9)}` : '      n/a        n/a';

function printTable(r: BenchResult): void {
  const lines = [
    '',
    `scale ${r.scale} · ${r.db} · ${r.rows.occurrences} occurrences · ${r.rows.reports} reports · ` +
      `generated in ${r.generateSeconds} s · year ${BENCH_YEAR}, asOf ${DATA_AS_OF}`,
    'endpoint                              p50 ms     p95 ms',
    `GET /api/tasklists/${BENCH_YEAR}/tasks            ${fmt(r.endpoints.tasks)}`,
    `GET /api/dashboard                 ${fmt(r.endpoints.dashboard)}`,
    `GET /api/inbox (department)        ${fmt(r.endpoints.inbox)}${r.endpoints.inbox ? '' : '  (404: not built)'}`,
    `GET /api/hazards                   ${fmt(r.endpoints.hazards)}`,
    `GET /api/hazards/stats             ${fmt(r.endpoints.hazardStats)}`,
    `GET /api/rollup (city office)      ${fmt(r.endpoints.rollupCity)}`,
    `GET /api/rollup (province office)  ${fmt(r.endpoints.rollupProvince)}`,
    `  province after a zone write      ${fmt(r.rollupDetail?.provinceAfterZoneWrite ?? null)}` +
      `  (cold: city ${r.rollupDetail?.coldCityMs ?? 'n/a'} ms, province ${r.rollupDetail?.coldProvinceMs ?? 'n/a'} ms)`,
    `  one zone's own figures, fresh    ${fmt(r.rollupDetail?.ownFiguresMiss ?? null)}` +
      `  (baseline, before: ${fmt(r.rollupDetail?.ownFiguresMissBaseline ?? null).trim()})`,
    `    tasks / hazards / enforcement  ${['tasks', 'hazards', 'inspections'].map((k) => fmt(r.rollupDetail?.ownFiguresParts[k as 'tasks'] ?? null).trim()).join(' · ')}`,
    `  hazards: ${r.hazardRows.hazards} in ${r.hazardRows.enterprises} enterprises; benched unit ${r.hazardRows.benchedUnitHazards}`,
    `dashboard SQL by hand, both        ${fmt(r.dashboardSql)}`,
    `  figures statement alone          ${fmt(r.dashboardSqlDetail.figures)}`,
    `  overdue statement alone          ${fmt(r.dashboardSqlDetail.overdue)}`,
    `  both at once, two connections    ${fmt(r.dashboardSqlDetail.concurrent)}`,
    `dashboardSqlRatio (dashboard p50 / both statements back to back p50): ${r.dashboardSqlRatio}`,
    `  against both at once: ${r.dashboardSqlConcurrentRatio ?? 'n/a (SQLite runs them one after the other)'}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

/**
 * `npm run -s bench -- --throughput [its options]` runs bench/throughput.ts (read paths against bare Fastify and
 * the hand SQL, first screens), `-- --export [its options]` bench/export-bench.ts (export time and peak memory);
 * both in a child process with the remaining arguments. Without either flag: the endpoint benchmark below.
 */
const DELEGATES: Record<string, string> = { '--throughput': 'throughput.ts', '--export': 'export-bench.ts' };

function runDelegate(args: string[]): number | null {
  const flag = args.find((a) => a in DELEGATES);
  if (!flag) return null;
  const script = join(import.meta.dirname, DELEGATES[flag] ?? '');
  const rest = args.filter((a) => a !== flag);
  return spawnSync(process.execPath, [...process.execArgv, script, ...rest], { stdio: 'inherit' }).status ?? 1;
}

async function main(): Promise<void> {
  const delegated = runDelegate(process.argv.slice(2));
  if (delegated !== null) process.exit(delegated);
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'city' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      runs: { type: 'string' },
      warmup: { type: 'string' },
    },
  });
  const scale = values.scale === 'city' || values.scale === 'province' ? SCALES[values.scale] : undefined;
  if (!scale) throw new Error('--scale must be city or province');
  if (values.db !== undefined && values.db !== 'sqlite' && values.db !== 'postgres') {
    throw new Error('--db must be sqlite or postgres');
  }
  const dbs: readonly DialectName[] = values.db ? [values.db] : scale.databases;
  for (const db of dbs) {
    if (!scale.databases.includes(db))
      throw new Error(`scale ${scale.name} runs on ${scale.databases.join(', ')} only`);
  }
  const options: MeasureOptions = {
    runs: Math.max(1, positiveInt(values.runs, DEFAULT_MEASURE.runs, 'runs')),
    warmup: positiveInt(values.warmup, DEFAULT_MEASURE.warmup, 'warmup'),
  };
  for (const db of dbs) {
    await runOne(scale, db, options, (result) => {
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else printTable(result);
    });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
