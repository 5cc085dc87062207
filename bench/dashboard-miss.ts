import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { addDays } from '@duban/shared/civil-date';
import { DashboardResponse } from '@duban/shared/contracts/dashboard';
import { DUE_SOON_DAYS } from '@duban/shared/occurrence-status';
import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { selectArrays, setArrayRowsRunner } from '../apps/server/src/db/database.ts';
import type { Database } from '../apps/server/src/db/schema.ts';
import {
  dashboardGroups,
  findYearTaskList,
  listOverdue,
} from '../apps/server/src/modules/documents/dashboard.repository.ts';
import { getDashboard, OVERDUE_LIMIT } from '../apps/server/src/modules/documents/dashboard.service.ts';
import { readModelVersion } from '../apps/server/src/modules/read-models/read-model-versions.repository.ts';
import { noteWrite } from '../apps/server/src/modules/read-models/read-models.service.ts';
import { BENCH_UNIT_ID, startBenchApp } from './bench-app.ts';
import { createBenchDatabase, openKeptProvince } from './bench-database.ts';
import { generate } from './generate.ts';
import { openHandQuery } from './hand-sql.ts';
import { percentile } from './measure.ts';
import { BENCH_YEAR, DATA_AS_OF, SCALES } from './scales.ts';

/**
 * Where a province dashboard miss goes (issue 10, item 7): the parts of GET /api/dashboard after a write, timed in
 * process on a kept PostgreSQL province database, interleaved (every round times every part once, so a burst of
 * load from another process falls on all of them alike):
 *
 *   npx tsx bench/dashboard-miss.ts --generate                 # makes a province database, keeps it, prints its name
 *   npx tsx bench/dashboard-miss.ts --province-db bench_xxx [--runs 200] [--warmup 30] [--json]
 *
 * Parts: the hand-written pair at once (bench/hand-sql.ts, the floor); the app's two statements at once; the
 * figures statement alone with its rows read as objects (through Kysely) and as arrays (selectArrays); the list
 * lookup; the version lookup; Kysely's building and compiling of both statements (on a driver that runs nothing);
 * getDashboard() whole; the response's zod parse, JSON + ETag and brotli; and the HTTP miss and hit through the app.
 * Drop the database afterwards (`dropdb -h 127.0.0.1 bench_xxx`).
 */

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** Kysely over PostgreSQL's compiler and a driver that returns no rows: what building + compiling (or the compiled
 * statements' cache) costs. */
function compileOnly(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/**
 * Kysely over a driver that answers from rows recorded earlier (by the statement's text): getDashboard() with
 * everything but the database — building, compiling, the roll-up and the shaping of the response. Statements read
 * as arrays (selectArrays) get the recorded arrays as they are.
 */
function canned(answer: (sql: string, query: CompiledQuery) => unknown[]): Kysely<Database> {
  const connection = {
    executeQuery: async (q: CompiledQuery) => ({ rows: answer(q.sql, q) }),
    streamQuery: () => {
      throw new Error('not streamed');
    },
  };
  const driver = new DummyDriver();
  driver.acquireConnection = async () => connection as never;
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  setArrayRowsRunner(db, async (q) => answer(q.sql, q) as unknown[][]);
  return db;
}

type Part = () => Promise<unknown>;

async function main() {
  const { values } = parseArgs({
    options: {
      generate: { type: 'boolean', default: false },
      'province-db': { type: 'string' },
      runs: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '30' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.generate) {
    const bench = await createBenchDatabase('postgres');
    const started = performance.now();
    const rows = await generate(bench.handle.db, 'postgres', SCALES.province, log);
    await bench.handle.close();
    const name = new URL(bench.target).pathname.slice(1);
    log(`generated ${rows.occurrences} occurrences in ${Math.round((performance.now() - started) / 1000)} s`);
    process.stdout.write(`${name}\n`);
    return;
  }
  const name = values['province-db'];
  if (!name) throw new Error('--province-db bench_xxx (or --generate)');
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  const bench = await openKeptProvince(name);
  const app = await startBenchApp(bench);
  const hand = await openHandQuery(bench, BENCH_UNIT_ID, BENCH_YEAR, DATA_AS_OF);
  const { db } = bench.handle;
  const dummy = compileOnly();
  try {
    const list = await findYearTaskList(db, BENCH_UNIT_ID, BENCH_YEAR);
    if (!list) throw new Error('no list');
    const yearList = { orgUnitId: BENCH_UNIT_ID, year: BENCH_YEAR };
    const w = { today: DATA_AS_OF, dueSoonUntil: addDays(DATA_AS_OF, DUE_SOON_DAYS) };
    const result = await getDashboard(db, BENCH_UNIT_ID, BENCH_YEAR, DATA_AS_OF);
    const recorded = {
      list: [list],
      groups: await dashboardGroups(db, yearList, w),
      overdue: await listOverdue(db, yearList, w, OVERDUE_LIMIT),
    };
    const replay = canned((text) =>
      text.includes('union all')
        ? recorded.groups
        : text.startsWith('select "id", "year", "title"')
          ? recorded.list
          : recorded.overdue,
    );
    // The figures statement as the app compiles it (the same text and parameters on any PostgreSQL Kysely), to
    // time its rows read as objects (through Kysely, as before) and as arrays (selectArrays, as now) side by side.
    let figuresQuery: CompiledQuery | undefined;
    const capture = canned((_, q) => {
      figuresQuery = q;
      return [];
    });
    await dashboardGroups(capture, yearList, w);
    await capture.destroy();
    const figures = figuresQuery;
    if (!figures) throw new Error('the figures statement was not captured');
    const parsed = DashboardResponse.parse(result);
    const json = Buffer.from(JSON.stringify(parsed));
    const url = `${app.baseUrl}/api/dashboard?year=${BENCH_YEAR}&asOf=${DATA_AS_OF}`;
    const headers = { cookie: app.officeCookie, 'accept-encoding': 'gzip, deflate, br' };
    const fetchOnce = async () => {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    };
    const bump = () => db.transaction().execute((trx) => noteWrite(trx, BENCH_UNIT_ID));
    const replayed = JSON.stringify(
      DashboardResponse.parse(await getDashboard(replay, BENCH_UNIT_ID, BENCH_YEAR, DATA_AS_OF)),
    );
    if (replayed !== json.toString()) throw new Error('the recorded rows do not give the same dashboard');
    // The JSON's hash: the answer must stay byte-identical across changes to the miss path.
    const sha = createHash('sha256').update(json).digest('hex').slice(0, 16);
    log(`${name}: list ${list.id}, ${json.length} B JSON (sha256 ${sha}); ${runs} rounds after ${warmup}`);
    /** Each part with what runs before it, outside the timing. */
    const parts: Record<string, { before?: Part; run: Part }> = {
      'hand SQL at once (floor)': { run: () => hand.concurrent() },
      'hand SQL back to back': { run: () => hand.run() },
      'app statements at once (Kysely)': {
        run: () => Promise.all([dashboardGroups(db, yearList, w), listOverdue(db, yearList, w, OVERDUE_LIMIT)]),
      },
      'figures statement, rows as objects': { run: () => db.executeQuery(figures) },
      'figures statement, rows as arrays': { run: () => selectArrays(db, figures) },
      'list lookup (findYearTaskList)': { run: () => findYearTaskList(db, BENCH_UNIT_ID, BENCH_YEAR) },
      'version lookup (readModelVersion)': { run: () => readModelVersion(db, BENCH_UNIT_ID) },
      'both statements, driver runs nothing': {
        run: () => Promise.all([dashboardGroups(dummy, yearList, w), listOverdue(dummy, yearList, w, OVERDUE_LIMIT)]),
      },
      'getDashboard() on recorded rows': { run: () => getDashboard(replay, BENCH_UNIT_ID, BENCH_YEAR, DATA_AS_OF) },
      'getDashboard()': { run: () => getDashboard(db, BENCH_UNIT_ID, BENCH_YEAR, DATA_AS_OF) },
      'zod parse of the response': { run: async () => DashboardResponse.parse(result) },
      'JSON.stringify + ETag': {
        run: async () => {
          const bytes = Buffer.from(JSON.stringify(parsed));
          return createHash('sha256').update(bytes).digest('base64url');
        },
      },
      'brotli q4': {
        run: async () => brotliCompressSync(json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }),
      },
      'HTTP miss': { before: bump, run: fetchOnce },
      'HTTP hit': { run: fetchOnce },
    };
    const samples = new Map<string, number[]>(Object.keys(parts).map((k) => [k, []]));
    for (let round = 0; round < warmup + runs; round++) {
      for (const [label, part] of Object.entries(parts)) {
        if (part.before) await part.before();
        const start = performance.now();
        await part.run();
        if (round >= warmup) samples.get(label)?.push(performance.now() - start);
      }
    }
    const r2 = (n: number) => Math.round(n * 100) / 100;
    const table = [...samples].map(([label, s]) => {
      s.sort((a, b) => a - b);
      return { part: label, p50: r2(percentile(s, 50)), p95: r2(percentile(s, 95)), min: r2(s[0] ?? 0) };
    });
    const of = (label: string) => table.find((t) => t.part === label) ?? { p50: Number.NaN, p95: Number.NaN };
    const miss = of('HTTP miss');
    const floor = of('hand SQL at once (floor)');
    const ratios = {
      missOverHandAtOnceP50: Math.round((miss.p50 / floor.p50) * 100) / 100,
      missOverHandAtOnceP95: Math.round((miss.p95 / floor.p95) * 100) / 100,
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ table, ratios })}\n`);
      return;
    }
    for (const t of table)
      process.stdout.write(
        `${t.part.padEnd(38)} p50 ${String(t.p50).padStart(7)}  p95 ${String(t.p95).padStart(7)}  min ${t.min}\n`,
      );
    process.stdout.write(
      `HTTP miss / hand SQL at once, same rounds: p50 ${ratios.missOverHandAtOnceP50}, p95 ${ratios.missOverHandAtOnceP95}\n`,
    );
  } finally {
    await hand.close();
    await app.close();
    await dummy.destroy();
    await bench.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`dashboard-miss failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
