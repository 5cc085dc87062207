import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HAZARD_CHANNELS } from '@duban/shared/hazards/hazard-workflow';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { getHazardStats } from '../src/modules/hazards/hazard-stats.ts';
import { industrySelect, summarySelect } from '../src/modules/hazards/hazard-summary.repository.ts';
import { createHazard, unitHazardScope } from '../src/modules/hazards/hazards.service.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { enterpriseBody } from './enterprise-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

const sortRows = (rows: object[]) =>
  rows.map((r) => JSON.stringify(Object.values(r).map((v) => (typeof v === 'number' ? v : String(v))))).sort();

/** The summary tables (non-zero rows) and the same grouping counted from the hazards now. */
async function compareWithRows(db: Db) {
  const summary = await sql`select org_unit_id, found_month, closed_month, channel, level, status, n
    from hazard_summary where n <> 0`.execute(db);
  const rows = await sql`${summarySelect(sql`1 = 1`)}`.execute(db);
  const industry = await sql`select org_unit_id, found_month, catalogue_id, closed, n
    from hazard_industry_summary where n <> 0`.execute(db);
  const industryRows = await sql`${industrySelect(sql`1 = 1`)}`.execute(db);
  return {
    summary: sortRows(summary.rows as object[]),
    rows: sortRows(rows.rows as object[]),
    industry: sortRows(industry.rows as object[]),
    industryRows: sortRows(industryRows.rows as object[]),
  };
}

describeEachDatabase('hazards: the statistics summary', (get) => {
  let t: TestApp;
  const enterprises: { id: number; n: number; supervisors: { departmentId: number; role: 'industry' }[] }[] = [];
  let industryCodes: string[] = [];

  function duban(args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: get().url, DATA_DIR: get().dataDir },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('equals the row-level counts after a random sequence of writes', async () => {
    t = await buildTestApp(get());
    const { db } = get().handle;
    industryCodes = (
      await db.selectFrom('industry_catalogue').select('code').where('kind', '=', 'industry').orderBy('seq').execute()
    ).map((r) => r.code);
    expect(industryCodes.length).toBeGreaterThan(3);
    const depA = t.departmentIds['应急管理部'] as number;
    for (let n = 1; n <= 3; n += 1) {
      const supervisors = [{ departmentId: depA, role: 'industry' as const }];
      const r = await t.as('admin', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(700 + n, supervisors, { industries: industryCodes.slice(n - 1, n + 1) }),
      });
      expect(r.statusCode).toBe(201);
      enterprises.push({ id: r.json().id, n: 700 + n, supervisors });
    }

    const rnd = random(20261201);
    const hazards: {
      id: number;
      version: number;
      status: string;
      level: string;
      planned: boolean;
      evaluated: boolean;
    }[] = [];
    const ok = (r: { statusCode: number; body: string }, what: string) => {
      if (r.statusCode !== 200 && r.statusCode !== 201) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
    };
    let writes = 0;
    for (let i = 0; i < 160; i += 1) {
      if (i === 80) {
        const mid = await compareWithRows(db);
        expect(mid.summary).toEqual(mid.rows);
        expect(mid.industry).toEqual(mid.industryRows);
      }
      const roll = rnd.next();
      if (hazards.length < 8 || roll < 0.08) {
        const level = rnd.next() < 0.3 ? 'major' : 'general';
        const month = String(1 + Math.floor(rnd.next() * 12)).padStart(2, '0');
        const r = await t.as('admin', {
          method: 'POST',
          url: '/api/hazards',
          payload: {
            enterpriseId: rnd.pick(enterprises).id,
            channel: rnd.pick(HAZARD_CHANNELS),
            level,
            place: '车间',
            description: `随机隐患 ${i}`,
            foundOn: `${rnd.pick(['2023', '2024', '2025'])}-${month}-1${Math.floor(rnd.next() * 9)}`,
            foundBy: '检查组',
            ...(level === 'major' ? { basisText: '工贸行业重大事故隐患判定标准 第十一条' } : {}),
          },
        });
        ok(r, 'create');
        hazards.push({
          id: r.json().id,
          version: r.json().version,
          status: 'reported',
          level,
          planned: false,
          evaluated: false,
        });
        writes += 1;
        continue;
      }
      if (roll < 0.14) {
        // An enterprise's industries change: its hazards move between industries.
        const e = rnd.pick(enterprises);
        const current = await t.as('admin', { method: 'GET', url: `/api/enterprises/${e.id}` });
        const codes = [rnd.pick(industryCodes), rnd.pick(industryCodes)];
        const r = await t.as('admin', {
          method: 'PUT',
          url: `/api/enterprises/${e.id}`,
          payload: { ...enterpriseBody(e.n, e.supervisors, { industries: codes }), version: current.json().version },
        });
        ok(r, 'industries');
        writes += 1;
        continue;
      }
      const h = rnd.pick(hazards);
      const post = async (path: string, payload: Record<string, unknown>) => {
        const r = await t.as('admin', {
          method: 'POST',
          url: `/api/hazards/${h.id}/${path}`,
          payload: { version: h.version, ...payload },
        });
        ok(r, `${path} of ${h.id} (${h.status})`);
        h.version = r.json().version;
        h.status = r.json().status;
        h.level = r.json().level;
        writes += 1;
      };
      if (h.status === 'reported') {
        // Sometimes the confirmation changes the level (a counted column).
        const flip = rnd.next() < 0.3 ? (h.level === 'major' ? 'general' : 'major') : undefined;
        await post('confirm', flip ? { level: flip, basisText: '判定依据：第十一条第（三）项' } : {});
      } else if (h.status === 'confirmed') {
        if (h.level === 'major' && !h.planned) {
          await post('plan', {
            currentState: '现状',
            severity: '较重',
            plan: '方案',
            responsible: '张三',
            measures: '措施',
            fundsYuan: 10000,
            deadline: '2026-06-30',
            contingency: '临时措施',
          });
          h.planned = true;
        } else await post('start-rectification', {});
      } else if (h.status === 'rectifying') {
        if (h.level === 'major' && !h.evaluated) {
          await post('evaluation', {
            kind: 'self',
            organisation: '企业',
            summary: '已整改',
            evaluatedOn: '2026-07-01',
          });
          h.evaluated = true;
        } else await post('request-acceptance', {});
      } else if (h.status === 'acceptance_requested') {
        const pass = rnd.next() < 0.7;
        await post('acceptance', {
          result: pass ? 'pass' : 'fail',
          acceptedOn: '2026-07-02',
          acceptors: '验收组',
          reason: pass ? '' : '整改不到位',
        });
      } else if (h.status === 'accepted') {
        await post('close', {});
      }
    }
    expect(writes).toBeGreaterThan(100);
    expect(hazards.some((h) => h.status === 'closed')).toBe(true);
    const end = await compareWithRows(db);
    expect(end.rows.length).toBeGreaterThan(5);
    expect(end.summary).toEqual(end.rows);
    expect(end.industry).toEqual(end.industryRows);

    // The statistics from the summary equal those counted from the rows (a scope naming every enterprise takes
    // the row-level path).
    const whole = unitHazardScope(t.scope.orgUnitId);
    const everyEnterprise = { ...whole, enterpriseIds: enterprises.map((e) => e.id) };
    for (const year of [2023, 2024, 2025]) {
      const fromSummary = await getHazardStats(db, whole, year, '2026-01-01');
      expect(fromSummary).toEqual(await getHazardStats(db, everyEnterprise, year, '2026-01-01'));
      expect(fromSummary.total).toBeGreaterThan(0);
      expect(fromSummary.byOrgUnit.map((u) => u.key)).toEqual([String(t.scope.orgUnitId)]);
      expect(fromSummary.byOrgUnit[0]?.total).toBe(fromSummary.total);
    }
  }, 300_000);

  it('stays equal to the rows under concurrent writes to the same counts', async () => {
    const { db } = get().handle;
    // Twelve reports at once with the same key (a new month, so the first writers race to insert the row), then
    // their confirmations at once: the upserts queue on the row instead of losing counts.
    const payload = (i: number) => ({
      enterpriseId: enterprises[i % enterprises.length]?.id,
      channel: 'other',
      level: 'general',
      place: '并发',
      description: `并发写入 ${i}`,
      foundOn: '2022-02-02',
      foundBy: '检查组',
    });
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.as('admin', { method: 'POST', url: '/api/hazards', payload: payload(i) })),
    );
    expect(created.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const confirmed = await Promise.all(
      created.map((r) =>
        t.as('admin', {
          method: 'POST',
          url: `/api/hazards/${r.json().id}/confirm`,
          payload: { version: r.json().version },
        }),
      ),
    );
    expect(confirmed.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    const end = await compareWithRows(db);
    expect(end.summary).toEqual(end.rows);
    expect(end.industry).toEqual(end.industryRows);
    const row = await db
      .selectFrom('hazard_summary')
      .select('n')
      .where('org_unit_id', '=', t.scope.orgUnitId)
      .where('found_month', '=', '2022-02')
      .where('channel', '=', 'other')
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(12);
  }, 120_000);

  it('the statistics of a unit cover the units below it, by org unit', async () => {
    const { db } = get().handle;
    const zone = await db
      .selectFrom('org_units')
      .select(['id', 'parent_id', 'name'])
      .where('id', '=', t.scope.orgUnitId)
      .executeTakeFirstOrThrow();
    const cityId = zone.parent_id as number;
    const zoneOnly = await getHazardStats(db, unitHazardScope(zone.id), 2024, '2026-01-01');
    // A second zone under the same city with one hazard of its own (written through the hazards service).
    const now = new Date().toISOString();
    const other = await db
      .insertInto('org_units')
      .values({ parent_id: cityId, code: 'test-zone-2', name: '第二开发区', level: 'zone', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ent = await db
      .insertInto('enterprises')
      .values({
        org_unit_id: other.id,
        name: '第二开发区企业',
        credit_code: '91140900MA0000999X',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createHazard(
      db,
      unitHazardScope(other.id),
      { orgUnitId: other.id, actor: 'test', actorName: 'test', userId: null },
      {
        enterpriseId: ent.id,
        channel: 'expert',
        level: 'general',
        place: '仓库',
        description: '消防通道堵塞',
        foundOn: '2024-08-08',
        foundBy: '专家组',
      },
    );
    const city = await getHazardStats(db, unitHazardScope(cityId), 2024, '2026-01-01');
    expect(city.total).toBe(zoneOnly.total + 1);
    expect(city.byChannel.expert).toBe((zoneOnly.byChannel.expert ?? 0) + 1);
    expect(city.byOrgUnit).toEqual([
      { key: String(zone.id), label: zone.name, total: zoneOnly.total, closed: zoneOnly.closed },
      { key: String(other.id), label: '第二开发区', total: 1, closed: 0 },
    ]);
    // The zone's own figures do not change, and each zone sees only itself.
    expect(await getHazardStats(db, unitHazardScope(zone.id), 2024, '2026-01-01')).toEqual(zoneOnly);
    const second = await getHazardStats(db, unitHazardScope(other.id), 2024, '2026-01-01');
    expect(second.byOrgUnit.map((u) => u.label)).toEqual(['第二开发区']);
    const after = await compareWithRows(db);
    expect(after.summary).toEqual(after.rows);
  });

  it('rebuild-stats recounts a damaged summary; the command line closes only through the policy', async () => {
    const { db } = get().handle;
    await sql`delete from hazard_summary where status = 'reported'`.execute(db);
    await sql`update hazard_industry_summary set n = n + 5`.execute(db);
    const damaged = await compareWithRows(db);
    expect(damaged.summary).not.toEqual(damaged.rows);
    const r = duban(['hazards', 'rebuild-stats', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows).toBe(damaged.rows.length);
    const fixed = await compareWithRows(db);
    expect(fixed.summary).toEqual(fixed.rows);
    expect(fixed.industry).toEqual(fixed.industryRows);

    // An accepted hazard (a passed acceptance on file): only the policy stands between it and 销号.
    const created = await t.as('admin', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        enterpriseId: enterprises[0]?.id,
        channel: 'department_inspection',
        level: 'general',
        place: '仓库',
        description: '灭火器过期',
        foundOn: '2025-03-01',
        foundBy: '检查组',
      },
    });
    let version = created.json().version as number;
    const id = created.json().id as number;
    for (const [path, payload] of [
      ['confirm', {}],
      ['start-rectification', {}],
      ['request-acceptance', {}],
      ['acceptance', { result: 'pass', acceptedOn: '2025-03-20', acceptors: '验收组' }],
    ] as const) {
      const s = await t.as('admin', {
        method: 'POST',
        url: `/api/hazards/${id}/${path}`,
        payload: { version, ...payload },
      });
      expect(s.statusCode).toBe(200);
      version = s.json().version;
    }
    const leader = duban(['hazards', 'close', String(id), '--user', 'leader']);
    expect(leader.code).toBe(1);
    expect(leader.stderr).toContain('没有权限');
    const enterprise = duban(['hazards', 'close', String(id), '--user', 'enterprise']);
    expect(enterprise.code).toBe(1);
    expect(enterprise.stderr).toContain('没有权限');
    // dept_b does not supervise the enterprise: the hazard does not exist for it, as through the API.
    const other = duban(['hazards', 'close', String(id), '--user', 'dept_b']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('隐患不存在');
    expect((await t.as('admin', { method: 'GET', url: `/api/hazards/${id}` })).json().status).toBe('accepted');
    const dept = duban(['hazards', 'close', String(id), '--user', 'dept_a', '--json']);
    expect(dept.stderr).toBe('');
    expect(dept.code).toBe(0);
    expect(JSON.parse(dept.stdout).status).toBe('closed');
    const after = await compareWithRows(db);
    expect(after.summary).toEqual(after.rows);
  }, 300_000);
});
