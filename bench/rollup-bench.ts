import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db, DialectName } from '../apps/server/src/db/database.ts';
import { unitTaskTotals } from '../apps/server/src/modules/documents/dashboard.service.ts';
import { ownHazardStats } from '../apps/server/src/modules/hazards/hazards.service.ts';
import { inspectionStats, inspectionTotals } from '../apps/server/src/modules/inspections/inspections.service.ts';
import { noteWrite } from '../apps/server/src/modules/read-models/read-models.service.ts';
import { unitOwnFigures } from '../apps/server/src/modules/rollup/unit-figures.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import { BENCH_PASSWORD, signIn } from './bench-app.ts';
import { type MeasureOptions, measure, type Percentiles } from './measure.ts';
import { BENCH_YEAR, DATA_AS_OF } from './scales.ts';

/**
 * The org tree above the generated zones (issue 16): one province over `cities` cities, the zones (units 1…n, each
 * with its own lists, departments, enterprises and hazards from generate.ts / hazards-generate.ts) spread evenly
 * under them, zone 1 (the heavy one) under the first city. The province and each city get a campaign (no list of
 * their own); an office account in the first city and in the province reads the roll-up.
 */
export interface RollupTree {
  provinceId: number;
  cityIds: number[];
  /** Zones under the first city. */
  firstCityZones: number;
}

export const BENCH_CITIES = 10;
const NOW = '2025-07-01T00:00:00.000Z';

export async function generateOrgTree(db: Db, dialect: DialectName, zones: number): Promise<RollupTree> {
  const cities = Math.min(BENCH_CITIES, zones);
  const insertUnit = async (parentId: number | null, code: string, name: string, level: 'province' | 'city') => {
    const r = await db
      .insertInto('org_units')
      .values({ parent_id: parentId, code, name, level, created_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('campaigns')
      .values({
        org_unit_id: r.id,
        code: 'zbgj-2024-2026',
        name: '安全生产治本攻坚三年行动',
        start_year: 2024,
        end_year: 2026,
        report_cadence: 'quarterly',
        created_at: NOW,
      })
      .execute();
    return r.id;
  };
  const provinceId = await insertUnit(null, 'bench-province', '基准省', 'province');
  const cityIds: number[] = [];
  for (let c = 1; c <= cities; c++) cityIds.push(await insertUnit(provinceId, `bench-city-${c}`, `基准市${c}`, 'city'));
  // Zone z goes to city ((z - 1) * cities / zones) + 1: contiguous blocks, zone 1 in the first city.
  const cityOf = sql`case ${sql.join(
    cityIds.map(
      (id, i) => sql`when (id - 1) * ${sql.lit(cities)} / ${sql.lit(zones)} = ${sql.lit(i)} then ${sql.lit(id)}`,
    ),
    sql` `,
  )} end`;
  await sql`update org_units set parent_id = ${cityOf} where id between 1 and ${sql.lit(zones)}`.execute(db);
  if (dialect === 'postgres') await sql`analyze org_units`.execute(db);
  const firstCityZones = Math.ceil(zones / cities);
  return { provinceId, cityIds, firstCityZones };
}

/** Office accounts of the first city and of the province, signed in. */
export async function rollupCookies(
  db: Db,
  baseUrl: string,
  tree: RollupTree,
): Promise<{ city: string; province: string }> {
  const make = async (username: string, orgUnitId: number) => {
    await createUser(
      db,
      { actor: 'bench', orgUnitId },
      {
        username,
        displayName: username,
        role: 'office_admin',
        departmentId: null,
        isHead: false,
        password: BENCH_PASSWORD,
      },
    );
    return signIn(baseUrl, username);
  };
  return {
    city: await make('bench-city-office', tree.cityIds[0] as number),
    province: await make('bench-province-office', tree.provinceId),
  };
}

async function timedGet(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return Math.round((performance.now() - started) * 100) / 100;
}

export interface RollupBench {
  city: Percentiles;
  province: Percentiles;
  detail: {
    /** The first request of each (every zone's figures computed: the cache is empty). */
    coldCityMs: number;
    coldProvinceMs: number;
    /** The province roll-up right after a write in one zone (a different zone each time): that zone and the
     * hazards of its subtrees recomputed, every other zone from the cache. */
    provinceAfterZoneWrite: Percentiles;
    zonesUnderCity: number;
    zonesUnderProvince: number;
    /** One zone's own figures computed fresh (what a miss recomputes), a different zone each run: as now … */
    ownFiguresMiss: Percentiles;
    /** … and as before (baseline, same run, the same zones): the three parts one after the other, the
     * enforcement part through inspectionStats, which reads the zone's whole registry roster. */
    ownFiguresMissBaseline: Percentiles;
    /** Where a fresh zone's figures go (profile), each part alone over the same zones. */
    ownFiguresParts: { tasks: Percentiles; hazards: Percentiles; inspections: Percentiles };
  };
}

/** The own figures' reads as they were before the roll-up polish (the baseline of ownFiguresMiss). */
async function ownFiguresBaseline(db: Db, unitId: number): Promise<void> {
  await unitTaskTotals(db, unitId, BENCH_YEAR, DATA_AS_OF);
  await ownHazardStats(db, unitId, BENCH_YEAR);
  await inspectionStats(db, unitId, BENCH_YEAR);
}

/**
 * GET /api/rollup?year=&asOf= as the first city's office (its zones) and as the province's office (its cities),
 * plus the cold first requests and the province after a write in one zone.
 */
export async function measureRollup(
  db: Db,
  baseUrl: string,
  tree: RollupTree,
  zones: number,
  options: MeasureOptions,
  log: (m: string) => void,
): Promise<RollupBench> {
  const cookies = await rollupCookies(db, baseUrl, tree);
  const url = `${baseUrl}/api/rollup?year=${BENCH_YEAR}&asOf=${DATA_AS_OF}`;
  log('  measuring GET /api/rollup (city office, cold first request)');
  const coldCityMs = await timedGet(url, cookies.city);
  log(`    ${coldCityMs} ms; province office, cold`);
  const coldProvinceMs = await timedGet(url, cookies.province);
  log(`    ${coldProvinceMs} ms; measuring GET /api/rollup as the city`);
  const city = await measure(() => timedGet(url, cookies.city), options);
  log('  measuring GET /api/rollup as the province');
  const province = await measure(() => timedGet(url, cookies.province), options);
  log('  measuring the province roll-up after a write in one zone');
  let zone = 1;
  const afterWriteRuns = { warmup: Math.min(options.warmup, 5), runs: Math.min(options.runs, 50) };
  const provinceAfterZoneWrite = await measure(async () => {
    zone = (zone % zones) + 1;
    await noteWrite(db, zone);
    return timedGet(url, cookies.province);
  }, afterWriteRuns);
  log("  measuring one zone's own figures, computed fresh: now, then the baseline over the same zones");
  const missRuns = { warmup: 3, runs: Math.min(options.runs, 50) };
  let nowZone = 1;
  let baseZone = 1;
  const ownFiguresMiss = await measure(() => {
    nowZone = (nowZone % zones) + 1;
    return unitOwnFigures(db, nowZone, BENCH_YEAR, DATA_AS_OF);
  }, missRuns);
  const ownFiguresMissBaseline = await measure(() => {
    baseZone = (baseZone % zones) + 1;
    return ownFiguresBaseline(db, baseZone);
  }, missRuns);
  const part = async (fn: (unitId: number) => Promise<unknown>) => {
    let z = 1;
    return measure(() => {
      z = (z % zones) + 1;
      return fn(z);
    }, missRuns);
  };
  const ownFiguresParts = {
    tasks: await part((z) => unitTaskTotals(db, z, BENCH_YEAR, DATA_AS_OF)),
    hazards: await part((z) => ownHazardStats(db, z, BENCH_YEAR)),
    inspections: await part((z) => inspectionTotals(db, z, BENCH_YEAR)),
  };
  return {
    city,
    province,
    detail: {
      ownFiguresMiss,
      ownFiguresMissBaseline,
      ownFiguresParts,
      coldCityMs,
      coldProvinceMs,
      provinceAfterZoneWrite,
      zonesUnderCity: tree.firstCityZones,
      zonesUnderProvince: zones,
    },
  };
}
