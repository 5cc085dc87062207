import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import Fastify from 'fastify';
import type { DialectName } from '../apps/server/src/db/database.ts';
import { noteWrite } from '../apps/server/src/modules/read-models/read-models.service.ts';
import { BENCH_UNIT_ID, type BenchApp, startBenchApp } from './bench-app.ts';
import { type BenchDatabase, createBenchDatabase, openKeptProvince } from './bench-database.ts';
import { generate } from './generate.ts';
import { openHandQuery } from './hand-sql.ts';
import { type Percentiles, percentile } from './measure.ts';
import { BENCH_YEAR, DATA_AS_OF, SCALES } from './scales.ts';

/**
 * The read paths against the machine, side by side in one run (issue 10, item 7):
 *
 * 1. Task table vs bare Fastify: the same bytes (the table's brotli body as the app sends it to a browser) served
 *    by a bare Fastify route with no session, database or cache, then GET /api/tasklists/2025/tasks through the
 *    whole app (session check, read-model version, cache); both driven by autocannon in a child process, 16
 *    connections, keep-alive. Also the 304 answer to If-None-Match (what a polling page gets). City scale, on each
 *    database asked for.
 * 2. The dashboard at province scale on PostgreSQL: p50/p95 of a cache hit, of a miss (the read-model version is
 *    raised before each request, outside the timing, so every request computes), and of the hand-written SQL
 *    (bench/hand-sql.ts), sequential as in bench/run.ts; ratios p95/p95.
 * 3. First-screen gzipped JS per role, from a fresh production build (apps/web/scripts/bundle-size.mjs).
 *
 *   npx tsx bench/throughput.ts [--db sqlite|postgres|both] [--duration 10] [--connections 16] [--rounds 3]
 *                               [--skip-tasks] [--skip-province] [--province-db bench_xxx] [--skip-bundle] [--json]
 *
 * Everything is bounded: each autocannon run lasts --duration seconds (default 10) after a 2-second warm-up. The
 * task-table runs are interleaved --rounds times (bare, tasks, 304, health, me, then again) and the median round
 * is reported, with the tasks / bare ratio of every round: on a shared machine one window can fall into another
 * process's burst.
 */

const run = promisify(execFile);
const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};
const ROOT = join(import.meta.dirname, '..');
const AUTOCANNON = join(ROOT, 'node_modules', '.bin', 'autocannon');

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  bytesPerResponse: number;
}

async function autocannon(
  url: string,
  headers: Record<string, string>,
  options: { connections: number; duration: number },
): Promise<LoadResult> {
  const args = ['-c', String(options.connections), '-d', String(options.duration), '-j', '-n'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  // A short warm-up run first (JIT, caches, pool connections); its figures are thrown away.
  await run(AUTOCANNON, [...args.map((a, i) => (args[i - 1] === '-d' ? '2' : a)), url], { maxBuffer: 1 << 24 });
  const { stdout } = await run(AUTOCANNON, [...args, url], { maxBuffer: 1 << 24 });
  const r = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    throughput: { total: number };
    '2xx': number;
  };
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    bytesPerResponse: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
}

/** A bare Fastify serving fixed bytes with the given headers: the machine's ceiling for this response. */
async function startBare(body: Buffer, headers: Record<string, string>) {
  const app = Fastify({ logger: false });
  app.get('/same', (_request, reply) => {
    reply.headers(headers).send(body);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/same`, close: () => app.close() };
}

async function sequential(fn: () => Promise<void>, before: (() => Promise<void>) | null, runs: number, warmup: number) {
  for (let i = 0; i < warmup; i++) {
    if (before) await before();
    await fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return { p50: r2(percentile(samples, 50)), p95: r2(percentile(samples, 95)) } satisfies Percentiles;
}

async function getBody(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return { res, bytes };
}

/** Raw bytes as sent (fetch decodes content-encoding, so the br body is fetched with node:http). */
async function rawBody(url: string, headers: Record<string, string>) {
  const http = await import('node:http');
  return new Promise<{ bytes: Buffer; headers: Record<string, string> }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`GET ${url}: HTTP ${res.statusCode}`));
          const keep: Record<string, string> = {};
          for (const k of ['content-type', 'content-encoding', 'etag', 'vary', 'cache-control']) {
            const v = res.headers[k];
            if (typeof v === 'string') keep[k] = v;
          }
          resolve({ bytes: Buffer.concat(chunks), headers: keep });
        });
      })
      .on('error', reject);
  });
}

/** The round whose req/s is the median (load from other processes comes in bursts: one window says little). */
function medianRound(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)] as LoadResult;
}

interface Load {
  connections: number;
  duration: number;
  rounds: number;
}

async function taskTableVsBare(dialect: DialectName, load: Load) {
  log(`[tasks/${dialect}] fresh city database`);
  const bench: BenchDatabase = await createBenchDatabase(dialect);
  let app: BenchApp | undefined;
  try {
    await generate(bench.handle.db, dialect, SCALES.city, log);
    app = await startBenchApp(bench);
    const url = `${app.baseUrl}/api/tasklists/${BENCH_YEAR}/tasks?asOf=${DATA_AS_OF}`;
    const asBrowser = { cookie: app.officeCookie, 'accept-encoding': 'gzip, deflate, br' };
    const sent = await rawBody(url, asBrowser);
    const json = (await getBody(url, { cookie: app.officeCookie })).bytes;
    const bare = await startBare(sent.bytes, sent.headers);
    try {
      // Interleaved rounds (bare, tasks, 304, health, me; again …): each ratio compares neighbouring windows.
      const rounds: {
        bare: LoadResult;
        tasks: LoadResult;
        notModified: LoadResult;
        health: LoadResult;
        me: LoadResult;
      }[] = [];
      for (let round = 1; round <= load.rounds; round++) {
        log(
          `[tasks/${dialect}] round ${round}/${load.rounds}: bare Fastify (${sent.bytes.length} B), tasks, 304, health, me`,
        );
        rounds.push({
          bare: await autocannon(bare.url, { 'accept-encoding': 'gzip, deflate, br' }, load),
          tasks: await autocannon(url, asBrowser, load),
          notModified: await autocannon(url, { ...asBrowser, 'if-none-match': sent.headers.etag ?? '' }, load),
          health: await autocannon(`${app.baseUrl}/api/health`, { 'accept-encoding': 'gzip, deflate, br' }, load),
          me: await autocannon(`${app.baseUrl}/api/auth/me`, asBrowser, load),
        });
      }
      const ratios = rounds.map(
        (r) => Math.round((r.tasks.requestsPerSecond / r.bare.requestsPerSecond) * 1000) / 1000,
      );
      const bareResult = medianRound(rounds.map((r) => r.bare));
      const tasks = medianRound(rounds.map((r) => r.tasks));
      const notModified = medianRound(rounds.map((r) => r.notModified));
      const health = medianRound(rounds.map((r) => r.health));
      const me = medianRound(rounds.map((r) => r.me));
      log(`[tasks/${dialect}] a miss: the read-model version raised before each request (sequential)`);
      const { db } = bench.handle;
      const bump = () => db.transaction().execute((trx) => noteWrite(trx, BENCH_UNIT_ID));
      const fetchOnce = async () => {
        await getBody(url, asBrowser);
      };
      const miss = await sequential(fetchOnce, bump, 100, 10);
      const hit = await sequential(fetchOnce, null, 200, 20);
      return {
        db: dialect,
        bodyBytes: { json: json.length, sent: sent.bytes.length, encoding: sent.headers['content-encoding'] ?? null },
        bare: bareResult,
        tasks,
        notModified,
        health,
        me,
        /** The median of the rounds' tasks / bare ratios, and each round's. */
        ratio: [...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)] ?? 0,
        ratios,
        sequential: { hit, miss },
      };
    } finally {
      await bare.close();
    }
  } finally {
    await app?.close();
    await bench.drop();
  }
}

async function dashboardProvince(load: Load, existing: string | undefined) {
  log(
    existing
      ? `[dashboard/province] the kept database ${existing}`
      : '[dashboard/province] fresh PostgreSQL database (generation takes a minute or two)',
  );
  const bench = existing ? await openKeptProvince(existing) : await createBenchDatabase('postgres');
  let app: BenchApp | undefined;
  try {
    const started = performance.now();
    const rows = existing ? await countRows(bench) : await generate(bench.handle.db, 'postgres', SCALES.province, log);
    const generateSeconds = existing ? 0 : Math.round((performance.now() - started) / 100) / 10;
    app = await startBenchApp(bench);
    const url = `${app.baseUrl}/api/dashboard?year=${BENCH_YEAR}&asOf=${DATA_AS_OF}`;
    const headers = { cookie: app.officeCookie, 'accept-encoding': 'gzip, deflate, br' };
    const { db } = bench.handle;
    const bump = () => db.transaction().execute((trx) => noteWrite(trx, BENCH_UNIT_ID));
    const fetchOnce = async () => {
      await getBody(url, headers);
    };
    log('[dashboard/province] hits, misses, hand SQL (sequential, 200 each after 30 warm-up)');
    const hit = await sequential(fetchOnce, null, 200, 30);
    const miss = await sequential(fetchOnce, bump, 200, 30);
    const hand = await openHandQuery(bench, BENCH_UNIT_ID, BENCH_YEAR, DATA_AS_OF);
    let handSql: Percentiles;
    let handConcurrent: Percentiles;
    try {
      handSql = await sequential(() => hand.run().then(() => undefined), null, 200, 30);
      handConcurrent = await sequential(() => hand.concurrent().then(() => undefined), null, 200, 30);
    } finally {
      await hand.close();
    }
    log('[dashboard/province] cache hits under load');
    const underLoad = await autocannon(url, headers, load);
    const r = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    return {
      rows,
      generateSeconds,
      hit,
      miss,
      handSql,
      handConcurrent,
      missP95OverHandP95: r(miss.p95, handSql.p95),
      missP95OverHandConcurrentP95: r(miss.p95, handConcurrent.p95),
      hitP95OverHandP95: r(hit.p95, handSql.p95),
      underLoad,
    };
  } finally {
    await app?.close();
    await bench.drop();
  }
}

async function countRows(bench: BenchDatabase): Promise<{ occurrences: number; reports: number }> {
  const count = async (table: 'occurrences' | 'reports') =>
    Number(
      (
        await bench.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { occurrences: await count('occurrences'), reports: await count('reports') };
}

async function bundle() {
  log('[bundle] production build of apps/web');
  await run('npm', ['run', '-s', 'build:web'], { cwd: ROOT, maxBuffer: 1 << 26 });
  const script = join(ROOT, 'apps', 'web', 'scripts', 'bundle-size.mjs');
  if (!existsSync(script)) throw new Error('apps/web/scripts/bundle-size.mjs missing');
  // Exits 1 when over its budget: read the JSON either way.
  const out = await run('node', [script, '--json'], { cwd: ROOT, maxBuffer: 1 << 24 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '{}' }),
  );
  const parsed = JSON.parse(out.stdout) as {
    routes: { path: string; first?: string; gzip: number }[];
  };
  return parsed.routes
    .filter((r) => r.first)
    .map((r) => ({ path: r.path, firstScreenOf: r.first, gzipKb: Math.round((r.gzip / 1024) * 10) / 10 }));
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '3' },
      'skip-tasks': { type: 'boolean', default: false },
      'skip-province': { type: 'boolean', default: false },
      'province-db': { type: 'string' },
      'skip-bundle': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const load: Load = {
    connections: Number(values.connections),
    duration: Number(values.duration),
    rounds: Number(values.rounds),
  };
  if (!(load.connections > 0 && load.duration > 0 && load.duration <= 60 && load.rounds >= 1 && load.rounds <= 9))
    throw new Error('bad --connections/--duration/--rounds');
  const dbs: DialectName[] = values.db === 'both' ? ['sqlite', 'postgres'] : [values.db as DialectName];
  const startedAt = new Date().toISOString();
  const tasks = [];
  if (!values['skip-tasks']) for (const db of dbs) tasks.push(await taskTableVsBare(db, load));
  const dashboard = values['skip-province'] ? null : await dashboardProvince(load, values['province-db']);
  const firstScreens = values['skip-bundle'] ? null : await bundle();
  const result = { startedAt, load, tasks, dashboard, firstScreens };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines: string[] = [
    `run ${startedAt}, ${load.connections} connections, ${load.duration} s each, ${load.rounds} interleaved rounds (median shown)`,
  ];
  for (const t of tasks) {
    lines.push(
      `task table · ${t.db} · ${t.bodyBytes.json} B JSON, ${t.bodyBytes.sent} B sent (${t.bodyBytes.encoding})`,
      `  bare Fastify, same bytes     ${t.bare.requestsPerSecond} req/s  p50 ${t.bare.p50} ms  p99 ${t.bare.p99} ms`,
      `  GET tasks (cache hit)        ${t.tasks.requestsPerSecond} req/s  p50 ${t.tasks.p50} ms  p99 ${t.tasks.p99} ms  non2xx ${t.tasks.non2xx}`,
      `  GET tasks, If-None-Match     ${t.notModified.requestsPerSecond} req/s  p50 ${t.notModified.p50} ms  p99 ${t.notModified.p99} ms`,
      `  GET /api/health (no session) ${t.health.requestsPerSecond} req/s  p99 ${t.health.p99} ms`,
      `  GET /api/auth/me (session)   ${t.me.requestsPerSecond} req/s  p99 ${t.me.p99} ms`,
      `  ratio tasks / bare           ${t.ratio} (rounds: ${t.ratios.join(', ')})`,
      `  sequential hit p50/p95 ${t.sequential.hit.p50}/${t.sequential.hit.p95} ms · miss ${t.sequential.miss.p50}/${t.sequential.miss.p95} ms`,
    );
  }
  if (dashboard) {
    const d = dashboard;
    lines.push(
      `dashboard · province · PostgreSQL · ${d.rows.occurrences} occurrences · ${d.generateSeconds ? `generated in ${d.generateSeconds} s` : 'a kept database'}`,
      `  hit p50/p95 ${d.hit.p50}/${d.hit.p95} ms · miss ${d.miss.p50}/${d.miss.p95} ms`,
      `  hand SQL back to back ${d.handSql.p50}/${d.handSql.p95} ms · at once ${d.handConcurrent.p50}/${d.handConcurrent.p95} ms`,
      `  miss p95 / hand p95 ${d.missP95OverHandP95} (at once: ${d.missP95OverHandConcurrentP95}) · hit p95 / hand p95 ${d.hitP95OverHandP95}`,
      `  under load (hits) ${d.underLoad.requestsPerSecond} req/s p99 ${d.underLoad.p99} ms`,
    );
  }
  if (firstScreens)
    for (const f of firstScreens) lines.push(`first screen ${f.path} (${f.firstScreenOf}): ${f.gzipKb} KB gzip JS`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`throughput bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
