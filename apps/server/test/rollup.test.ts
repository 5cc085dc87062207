import { createHash } from 'node:crypto';
import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import type { DashboardResponse } from '@duban/shared/contracts/dashboard';
import type {
  RollupFigures,
  RollupResponse,
  Submission,
  UpperDutiesResponse,
  ZoneLinksResponse,
} from '@duban/shared/contracts/rollup';
import { DUE_SOON_DAYS, occurrenceStatus, type ReportState } from '@duban/shared/occurrence-status';
import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { ensureDemoRegistry, findUnitDepartmentByName } from '../src/modules/departments/departments.service.ts';
import { insertHazard, updateHazard } from '../src/modules/hazards/hazards.repository.ts';
import { findCampaign, insertCampaign, insertOrgUnit } from '../src/modules/orgunits/orgunits.repository.ts';
import { DEFAULT_CAMPAIGN, type DefaultScope } from '../src/modules/orgunits/orgunits.service.ts';
import { noteWrite } from '../src/modules/read-models/read-models.service.ts';
import { RollupCaches, readRollup, warmUnitFigures } from '../src/modules/rollup/read-rollup.ts';
import { selectSubtree } from '../src/modules/rollup/rollup.repository.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { ACCOUNTS, type AccountName, buildTestApp, TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { importBytes, seedBytes } from './fixtures.ts';

// Issue 16: a city over two zones. The city's roll-up must equal the zones' figures computed here by hand from the
// raw rows; 直报 goes submit → return → resubmit → accept; the city's own list is distributed to a zone, whose
// accepted department progress pre-fills its report upward, reviewed by the city like any report.

const YEAR = 2024;
const AS_OF = '2024-07-01';
const NOW = '2024-07-01T00:00:00.000Z';

const HARNESS_ACCOUNTS = new Set(Object.keys(ACCOUNTS));

interface Session {
  cookie: string;
  csrf: string;
}

/** Occurrences of the unit's list of the year, raw. */
async function occurrenceRows(db: Db, orgUnitId: number) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
    .select(['o.id', 'o.report_state', 'o.due_date', 'o.extended_due', 'o.accepted_at'])
    .where('l.org_unit_id', '=', orgUnitId)
    .where('l.year', '=', YEAR)
    .orderBy('o.id')
    .execute();
}

/** A spread of states written straight to the table (as the dashboard test does), different per unit. */
async function spreadStates(db: Db, orgUnitId: number, shift: number): Promise<void> {
  const rows = await occurrenceRows(db, orgUnitId);
  await db.transaction().execute(async (trx) => {
    for (const [i, r] of rows.entries()) {
      const k = (i + shift) % 6;
      const past = r.due_date < AS_OF;
      const change =
        k === 0 && past
          ? { report_state: 'accepted' as const, submitted_at: r.due_date, accepted_at: r.due_date }
          : k === 1 && past
            ? { report_state: 'accepted' as const, submitted_at: r.due_date, accepted_at: addDays(r.due_date, 3) }
            : k === 2
              ? { report_state: 'submitted' as const, submitted_at: '2024-06-20' }
              : k === 3 && past
                ? { extended_due: addDays(AS_OF, 10) }
                : null;
      if (change) await trx.updateTable('occurrences').set(change).where('id', '=', r.id).execute();
    }
  });
}

/** The task figures by hand: occurrenceStatus over every raw row. */
async function handTasks(db: Db, orgUnitId: number): Promise<RollupFigures['tasks']> {
  const out = { total: 0, dueByAsOf: 0, doneByAsOf: 0, accepted: 0, doneLate: 0, overdue: 0 };
  for (const r of await occurrenceRows(db, orgUnitId)) {
    const status = occurrenceStatus(
      {
        reportState: r.report_state as ReportState,
        dueDate: r.due_date,
        extendedDue: r.extended_due,
        acceptedOn: r.accepted_at,
      },
      AS_OF,
      addDays(AS_OF, DUE_SOON_DAYS),
    );
    out.total++;
    if (status === 'accepted') out.accepted++;
    if (status === 'done-late') out.doneLate++;
    if (status === 'overdue') out.overdue++;
    if ((r.extended_due ?? r.due_date) <= AS_OF) {
      out.dueByAsOf++;
      if (status === 'accepted' || status === 'done-late') out.doneByAsOf++;
    }
  }
  return out;
}

/** Enterprises, hazards (some closed with their passed acceptance, some listed), inspections and penalties. */
async function seedRecords(db: Db, orgUnitId: number, n: number, departmentId: number): Promise<void> {
  const enterprise = await db
    .insertInto('enterprises')
    .values({
      org_unit_id: orgUnitId,
      name: `汇总测试企业${orgUnitId}`,
      credit_code: `91140900MA${String(orgUnitId).padStart(7, '0')}X`,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const statuses = ['reported', 'rectifying', 'accepted', 'closed'] as const;
  const hazardIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const status = statuses[i % 4] as (typeof statuses)[number];
    const foundOn = i % 5 === 0 ? '2023-05-10' : `2024-0${1 + (i % 6)}-15`;
    // Through the hazards repository, which keeps the statistics' summary in step (as every hazard write does).
    await db.transaction().execute(async (trx) => {
      const id = await insertHazard(trx, {
        org_unit_id: orgUnitId,
        enterprise_id: enterprise.id,
        channel: i % 2 === 0 ? 'self_check' : 'department_inspection',
        level: i % 3 === 0 ? 'major' : 'general',
        status: status === 'closed' ? 'accepted' : status,
        place: '车间',
        description: `隐患${i}`,
        found_on: foundOn,
        found_by: '检查组',
        time_limit: i % 2 === 0 ? '2024-03-01' : '2024-12-31',
        created_at: NOW,
        updated_at: NOW,
      });
      hazardIds.push(id);
      if (status === 'accepted' || status === 'closed') {
        await trx
          .insertInto('hazard_acceptances')
          .values({
            hazard_id: id,
            kind: 'acceptance',
            result: 'pass',
            accepted_on: foundOn,
            acceptors: '验收组',
            recorded_by: 'test',
            created_at: NOW,
          })
          .execute();
      }
      if (status === 'closed') {
        const version = (
          await trx.selectFrom('hazards').select('version').where('id', '=', id).executeTakeFirstOrThrow()
        ).version;
        expect(await updateHazard(trx, id, version, { status: 'closed', closed_on: foundOn })).not.toBeNull();
      }
      await noteWrite(trx, orgUnitId);
    });
    const h = { id: hazardIds[hazardIds.length - 1] as number };
    if (i % 3 === 0) {
      await db
        .insertInto('hazard_listings')
        .values({
          org_unit_id: orgUnitId,
          hazard_id: h.id,
          listing_level: 'zone',
          listing_unit: '安委会',
          supervising_department_id: departmentId,
          listed_on: foundOn,
          batch_no: '1',
          notice_no: `督办${orgUnitId}-${i}`,
          notice_year: 2024,
          notice_seq: h.id,
          time_limit: '2024-12-31',
          created_by: 'test',
          created_at: NOW,
        })
        .execute();
    }
  }
  for (let i = 0; i < n + 1; i++) {
    const inspection = await db
      .insertInto('inspections')
      .values({
        org_unit_id: orgUnitId,
        enterprise_id: enterprise.id,
        enterprise_name: `汇总测试企业${orgUnitId}`,
        department_id: departmentId,
        mode: 'unannounced',
        trigger: 'planned',
        inspected_on: i === 0 ? '2023-12-20' : `2024-0${1 + (i % 6)}-10`,
        status: 'completed',
        checklist: '[]',
        created_by: 'test',
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('enforcement_actions')
      .values({
        org_unit_id: orgUnitId,
        inspection_id: inspection.id,
        enterprise_id: enterprise.id,
        enterprise_name: `汇总测试企业${orgUnitId}`,
        department_id: departmentId,
        kind: i % 2 === 0 ? 'fine' : 'zero_penalty',
        amount_fen: i % 2 === 0 ? 123_45 * (i + 1) : null,
        decided_on: `2024-0${1 + (i % 6)}-11`,
        created_by: 'test',
        created_at: NOW,
      })
      .execute();
  }
}

/** The hazard and enforcement figures by hand from the raw rows. */
async function handRecords(db: Db, orgUnitId: number) {
  const hazards = await db.selectFrom('hazards').selectAll().where('org_unit_id', '=', orgUnitId).execute();
  const listed = new Set(
    (await db.selectFrom('hazard_listings').select('hazard_id').where('org_unit_id', '=', orgUnitId).execute()).map(
      (l) => l.hazard_id,
    ),
  );
  const ofYear = hazards.filter((h) => h.found_on.startsWith(`${YEAR}-`));
  const stock = hazards.filter((h) => h.found_on < '2024-01-01');
  const inspections = await db
    .selectFrom('inspections')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('status', '=', 'completed')
    .execute();
  const actions = await db.selectFrom('enforcement_actions').selectAll().where('org_unit_id', '=', orgUnitId).execute();
  const penalties = actions.filter((a) => a.decided_on.startsWith(`${YEAR}-`) && a.kind !== 'zero_penalty');
  return {
    hazards: {
      found: ofYear.length,
      rectified: ofYear.filter((h) => h.status === 'accepted' || h.status === 'closed').length,
      closed: ofYear.filter((h) => h.status === 'closed').length,
      major: ofYear.filter((h) => h.level === 'major').length,
      overdue: ofYear.filter(
        (h) =>
          h.status !== 'closed' && h.status !== 'accepted' && h.time_limit !== null && h.time_limit < todayInShanghai(),
      ).length,
      listedFound: ofYear.filter((h) => listed.has(h.id)).length,
      listedClosed: ofYear.filter((h) => listed.has(h.id) && h.status === 'closed').length,
      stockTotal: stock.length,
      stockClosed: stock.filter((h) => h.status === 'closed').length,
      stockMajorTotal: stock.filter((h) => h.level === 'major').length,
      stockMajorClosed: stock.filter((h) => h.level === 'major' && h.status === 'closed').length,
    },
    inspections: {
      inspections: inspections.filter((i) => i.inspected_on.startsWith(`${YEAR}-`)).length,
      hazardsFound: 0,
      penalties: penalties.length,
      fineTotal: penalties.reduce((s, a) => s + (a.amount_fen ?? 0), 0) / 100,
    },
  };
}

describeEachDatabase('roll-up across org units (issue 16)', (get) => {
  let t: TestApp;
  let db: Db;
  let zoneA: DefaultScope;
  let zoneB: DefaultScope;
  let cityId: number;
  const sessions = new Map<string, Session>();

  async function login(username: string): Promise<Session> {
    const cached = sessions.get(username);
    if (cached) return cached;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'duban_session');
    const s = { cookie: `duban_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
    sessions.set(username, s);
    return s;
  }

  async function as(username: string, options: InjectOptions) {
    if (HARNESS_ACCOUNTS.has(username)) return t.as(username as AccountName, options);
    const s = await login(username);
    return t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  }

  async function ensureCampaign(orgUnitId: number): Promise<number> {
    const now = new Date().toISOString();
    return (
      (await findCampaign(db, orgUnitId, DEFAULT_CAMPAIGN.code))?.id ??
      (await insertCampaign(db, { orgUnitId, ...DEFAULT_CAMPAIGN, now }))
    );
  }

  async function user(
    username: string,
    orgUnitId: number,
    role: 'office_admin' | 'leader' | 'department',
    departmentId: number | null = null,
  ) {
    await createUser(
      db,
      { actor: 'test', orgUnitId },
      { username, displayName: username, role, departmentId, isHead: false, password: TEST_PASSWORD },
    );
  }

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    zoneA = t.scope;
    const a = await db
      .selectFrom('org_units')
      .select('parent_id')
      .where('id', '=', zoneA.orgUnitId)
      .executeTakeFirstOrThrow();
    cityId = a.parent_id as number;
    const now = new Date().toISOString();
    const zoneBId = await insertOrgUnit(db, {
      parentId: cityId,
      code: '1409-rollup-b',
      name: '汇总测试县',
      level: 'zone',
      now,
    });
    zoneB = { orgUnitId: zoneBId, orgUnitName: '汇总测试县', campaignId: await ensureCampaign(zoneBId) };
    await ensureDemoRegistry(db, zoneBId, now);
    await importBytes(db, zoneB, seedBytes());
    await spreadStates(db, zoneA.orgUnitId, 0);
    await spreadStates(db, zoneB.orgUnitId, 3);
    const deptA = t.departmentIds.应急管理部 as number;
    const deptB = (await findUnitDepartmentByName(db, zoneBId, '应急管理部'))?.id as number;
    await seedRecords(db, zoneA.orgUnitId, 9, deptA);
    await seedRecords(db, zoneBId, 14, deptB);
    await user('city_admin', cityId, 'office_admin');
    await user('city_leader', cityId, 'leader');
    await user('zoneb_admin', zoneBId, 'office_admin');
  });

  async function rollup(username: string, query = '') {
    return as(username, { method: 'GET', url: `/api/rollup?year=${YEAR}&asOf=${AS_OF}${query}` });
  }

  it('the city roll-up equals the zones’ figures computed by hand from the raw rows', async () => {
    const res = await rollup('city_admin');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as RollupResponse;
    expect(body.unit.id).toBe(cityId);
    expect(body.rows.map((r) => r.unit.id).sort()).toEqual([zoneA.orgUnitId, zoneB.orgUnitId].sort());
    const expectedTotals = { tasks: { total: 0, dueByAsOf: 0, doneByAsOf: 0, accepted: 0, doneLate: 0, overdue: 0 } };
    for (const row of body.rows) {
      const tasks = await handTasks(db, row.unit.id);
      const records = await handRecords(db, row.unit.id);
      expect(row.figures.tasks).toEqual(tasks);
      expect(row.figures.hazards).toEqual(records.hazards);
      expect(row.figures.inspections).toEqual(records.inspections);
      expect(row.figures.units).toBe(1);
      expect(row.rates.completionRate).toBeCloseTo(tasks.doneByAsOf / tasks.dueByAsOf, 4);
      for (const k of Object.keys(tasks) as (keyof typeof tasks)[]) expectedTotals.tasks[k] += tasks[k];
    }
    // The two zones differ, so a mix-up between them would show.
    expect(body.rows[0]?.figures.tasks).not.toEqual(body.rows[1]?.figures.tasks);
    expect(body.totals.tasks).toEqual(expectedTotals.tasks);
    const a = await handRecords(db, zoneA.orgUnitId);
    const b = await handRecords(db, zoneB.orgUnitId);
    expect(body.totals.hazards.found).toBe(a.hazards.found + b.hazards.found);
    expect(body.totals.hazards.stockTotal).toBe(a.hazards.stockTotal + b.hazards.stockTotal);
    expect(body.totals.inspections.fineTotal).toBeCloseTo(a.inspections.fineTotal + b.inspections.fineTotal, 2);
    expect(body.totalsRates.completionRate).toBeCloseTo(
      expectedTotals.tasks.doneByAsOf / expectedTotals.tasks.dueByAsOf,
      4,
    );
    expect(body.own.unitsWithList).toBe(0);
    expect(body.submitted).toBe(0);
    expect(body.notSubmitted).toBe(2);
  });

  it('a new hazard in one zone shows at once (per-unit cache at the unit’s version)', async () => {
    const before = (await rollup('city_leader')).json() as RollupResponse;
    const enterprise = await db
      .selectFrom('enterprises')
      .select('id')
      .where('org_unit_id', '=', zoneA.orgUnitId)
      .executeTakeFirstOrThrow();
    // Direct SQL, so it raises the unit's read-model version itself (as ARCHITECTURE.md asks of such writes).
    await db.transaction().execute(async (trx) => {
      await insertHazard(trx, {
        org_unit_id: zoneA.orgUnitId,
        enterprise_id: enterprise.id,
        channel: 'self_check',
        level: 'general',
        status: 'reported',
        place: '仓库',
        description: '新隐患',
        found_on: '2024-06-30',
        found_by: '企业',
        created_at: NOW,
        updated_at: NOW,
      });
      await noteWrite(trx, zoneA.orgUnitId);
    });
    const after = (await rollup('city_leader')).json() as RollupResponse;
    const row = (r: RollupResponse) => r.rows.find((x) => x.unit.id === zoneA.orgUnitId);
    expect(row(after)?.figures.hazards.found).toBe((row(before)?.figures.hazards.found ?? 0) + 1);
    expect(after.totals.hazards.found).toBe(before.totals.hazards.found + 1);

    // A hazard of the city's own (本级) counts once: in `own`, not in any zone's row nor in the zones' totals.
    await seedRecords(db, cityId, 2, t.departmentIds['应急管理部'] as number);
    const withCity = (await rollup('city_leader')).json() as RollupResponse;
    expect(withCity.own.hazards).toEqual((await handRecords(db, cityId)).hazards);
    expect(withCity.own.hazards.found).toBeGreaterThan(0);
    expect(withCity.totals.hazards).toEqual(after.totals.hazards);
  });

  it('drills down to a zone’s own dashboard, read-only, inside the reader’s subtree only', async () => {
    const res = await as('city_leader', {
      method: 'GET',
      url: `/api/rollup/units/${zoneB.orgUnitId}/dashboard?year=${YEAR}&asOf=${AS_OF}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as DashboardResponse).totals.total).toBe((await handTasks(db, zoneB.orgUnitId)).total);
    // A zone reads neither its sibling nor its parent; departments have no roll-up at all.
    for (const id of [zoneB.orgUnitId, cityId]) {
      const other = await t.as('admin', { method: 'GET', url: `/api/rollup/units/${id}/dashboard?year=${YEAR}` });
      expect(other.statusCode).toBe(404);
    }
    expect((await rollup('admin', `&unitId=${zoneB.orgUnitId}`)).statusCode).toBe(404);
    expect((await rollup('dept_a')).statusCode).toBe(403);
    const own = (await rollup('admin')).json() as RollupResponse;
    expect(own.rows).toEqual([]);
    expect(own.own.tasks).toEqual(await handTasks(db, zoneA.orgUnitId));
  });

  it('直报: submit → return → resubmit → accept, versions kept, audited, the city sees who has submitted', async () => {
    const submit = () =>
      as('zoneb_admin', {
        method: 'POST',
        url: '/api/rollup/submissions',
        payload: { period: '2024-Q2', note: '第二季度' },
      });
    const first = await submit();
    expect(first.statusCode, first.body).toBe(201);
    const s1 = first.json() as Submission;
    expect(s1).toMatchObject({ seq: 1, status: 'submitted', parentUnitId: cityId, period: '2024-Q2' });
    expect(s1.figures.tasks.total).toBe((await handTasks(db, zoneB.orgUnitId)).total);
    expect((await submit()).statusCode).toBe(409);

    const overview = (await rollup('city_admin', '&period=2024-Q2')).json() as RollupResponse;
    expect(overview.rows.find((r) => r.unit.id === zoneB.orgUnitId)?.submission?.status).toBe('submitted');
    expect(overview.rows.find((r) => r.unit.id === zoneA.orgUnitId)?.submission).toBeNull();
    expect([overview.submitted, overview.notSubmitted]).toEqual([1, 1]);

    // The frozen table: an .xlsx whose sha256 is the stored one, readable by the city, not by the sibling zone.
    const file = await as('city_admin', { method: 'GET', url: `/api/rollup/submissions/${s1.id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(s1.fileSha256);
    expect((await t.as('admin', { method: 'GET', url: `/api/rollup/submissions/${s1.id}/file` })).statusCode).toBe(404);

    const review = (username: string, id: number, payload: object) =>
      as(username, { method: 'POST', url: `/api/rollup/submissions/${id}/review`, payload });
    expect((await review('admin', s1.id, { decision: 'accept', version: 1 })).statusCode).toBe(404);
    expect((await review('city_leader', s1.id, { decision: 'accept', version: 1 })).statusCode).toBe(403);
    expect((await review('zoneb_admin', s1.id, { decision: 'accept', version: 1 })).statusCode).toBe(404);
    const returned = await review('city_admin', s1.id, {
      decision: 'return',
      version: 1,
      reason: '隐患数据与台账不符',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '隐患数据与台账不符', version: 2 });
    expect((await review('city_admin', s1.id, { decision: 'accept', version: 2 })).statusCode).toBe(409);
    const notAgain = (await rollup('city_admin', '&period=2024-Q2')).json() as RollupResponse;
    expect([notAgain.submitted, notAgain.notSubmitted]).toEqual([0, 2]);

    const second = await submit();
    expect(second.statusCode, second.body).toBe(201);
    const s2 = second.json() as Submission;
    expect(s2.seq).toBe(2);
    expect((await review('city_admin', s2.id, { decision: 'accept', version: 7 })).statusCode).toBe(409);
    const accepted = await review('city_admin', s2.id, { decision: 'accept', version: 1 });
    expect(accepted.json()).toMatchObject({ status: 'accepted', seq: 2 });
    expect((await submit()).statusCode).toBe(409);

    const mine = await as('zoneb_admin', { method: 'GET', url: '/api/rollup/submissions?side=mine&period=2024-Q2' });
    expect((mine.json().items as Submission[]).map((s) => [s.seq, s.status, s.returnReason])).toEqual([
      [2, 'accepted', null],
      [1, 'returned', '隐患数据与台账不符'],
    ]);
    const children = await as('city_leader', { method: 'GET', url: '/api/rollup/submissions?period=2024-Q2' });
    expect((children.json().items as Submission[]).map((s) => s.unit.id)).toEqual([zoneB.orgUnitId, zoneB.orgUnitId]);
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'org_unit_id'])
      .where('entity', '=', 'rollup_submission')
      .orderBy('id')
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['rollup.submit', 'rollup.return', 'rollup.submit', 'rollup.accept']);
    expect(audit.map((e) => e.org_unit_id)).toEqual([zoneB.orgUnitId, cityId, zoneB.orgUnitId, cityId]);
  });

  it('直报 without an own list: the city reports the figures only, noted 无本级任务清单, to the province', async () => {
    const city = await db
      .selectFrom('org_units')
      .select('parent_id')
      .where('id', '=', cityId)
      .executeTakeFirstOrThrow();
    expect(city.parent_id).not.toBeNull();
    // The export of the city's own table has nothing to export; the submission does not depend on it.
    const res = await as('city_admin', {
      method: 'POST',
      url: '/api/rollup/submissions',
      payload: { period: '2024-Q2' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as Submission;
    expect(s).toMatchObject({ seq: 1, status: 'submitted', parentUnitId: city.parent_id, note: '无本级任务清单' });
    const a = await handTasks(db, zoneA.orgUnitId);
    const b = await handTasks(db, zoneB.orgUnitId);
    expect(s.figures.tasks.total).toBe(a.total + b.total);
    expect([s.figures.units, s.figures.unitsWithList]).toEqual([3, 2]);
    // The frozen file is a figures-only .xlsx with the stored sha256, readable by the city itself.
    const file = await as('city_admin', { method: 'GET', url: `/api/rollup/submissions/${s.id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(s.fileSha256);
    expect(s.fileName).toContain('数据直报');
    // A zone with its own list still sends its official table (the note as typed, no 无本级 mark).
    const zoneA1 = await t.as('admin', {
      method: 'POST',
      url: '/api/rollup/submissions',
      payload: { period: '2024-Q2', note: '本季度' },
    });
    expect(zoneA1.statusCode, zoneA1.body).toBe(201);
    expect((zoneA1.json() as Submission).note).toBe('本季度');
    expect((zoneA1.json() as Submission).fileName).not.toContain('数据直报');
  });

  it('lists at every level: the city’s duty goes to a zone, its accepted progress pre-fills the report upward', async () => {
    // The city imports its own list in its own unit and campaign.
    const now = new Date().toISOString();
    await ensureDemoRegistry(db, cityId, now);
    const city: DefaultScope = { orgUnitId: cityId, orgUnitName: '忻州市', campaignId: await ensureCampaign(cityId) };
    await importBytes(db, city, seedBytes());
    const entry = await findUnitDepartmentByName(db, cityId, '应急管理部');
    if (!entry) throw new Error('no city entry');
    // Only the city's office links its registry entry to a child unit.
    const linkBody = { departmentId: entry.id, zoneUnitId: zoneA.orgUnitId };
    expect((await t.as('admin', { method: 'POST', url: '/api/rollup/zones', payload: linkBody })).statusCode).toBe(404);
    expect((await as('city_leader', { method: 'POST', url: '/api/rollup/zones', payload: linkBody })).statusCode).toBe(
      403,
    );
    const linked = await as('city_admin', { method: 'POST', url: '/api/rollup/zones', payload: linkBody });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as ZoneLinksResponse).links.map((l) => l.zone.id)).toEqual([zoneA.orgUnitId]);

    // Zone A sees the city's duties of its entry; zone B sees none.
    const duties = (
      await t.as('admin', { method: 'GET', url: `/api/rollup/upper-duties?year=${YEAR}` })
    ).json() as UpperDutiesResponse;
    expect(duties.upperUnit?.id).toBe(cityId);
    expect(duties.items.length).toBeGreaterThan(0);
    const none = (await as('zoneb_admin', { method: 'GET', url: `/api/rollup/upper-duties?year=${YEAR}` })).json();
    expect(none.items).toEqual([]);

    // Pick a city duty with no report yet and the zone's own occurrence of the same task row and period.
    const own = await db
      .selectFrom('occurrences as o')
      .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
      .select(['o.id', 'o.period_key', 't.id as task_id', 't.seq'])
      .where('l.org_unit_id', '=', zoneA.orgUnitId)
      .where('a.department_id', '=', t.departmentIds.应急管理部 as number)
      .where('o.report_state', '=', 'none')
      .where('o.extended_due', 'is', null)
      .orderBy('o.id')
      .execute();
    const upperTasks = await db
      .selectFrom('tasks')
      .select(['id', 'seq'])
      .where(
        'id',
        'in',
        duties.items.map((d) => d.taskId),
      )
      .execute();
    const pair = own
      .map((o) => {
        const up = upperTasks.find((u) => u.seq === o.seq);
        const duty = duties.items.find((d) => d.taskId === up?.id && d.periodKey === o.period_key && d.report === null);
        return duty ? { o, duty } : null;
      })
      .find((x) => x !== null);
    if (!pair) throw new Error('no matching duty');
    const link = await t.as('admin', {
      method: 'POST',
      url: '/api/rollup/upper-duties/links',
      payload: { upperTaskId: pair.duty.taskId, ownTaskId: pair.o.task_id },
    });
    expect(link.statusCode, link.body).toBe(200);
    expect(
      (link.json() as UpperDutiesResponse).items.find((d) => d.occurrenceId === pair.duty.occurrenceId)?.linkedTasks,
    ).toEqual([expect.objectContaining({ id: pair.o.task_id })]);

    // The zone's department reports; the zone's office accepts: that text pre-fills the zone's report upward.
    const today = todayInShanghai();
    const created = await t.as('dept_a', {
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId: pair.o.id, text: '已完成辖区企业全覆盖检查。', workDate: today },
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    const submitted = await t.as('dept_a', {
      method: 'POST',
      url: `/api/reports/${r.id}/submit`,
      payload: { version: r.version },
    });
    const acceptedOwn = await t.as('admin', {
      method: 'POST',
      url: `/api/reports/${r.id}/accept`,
      payload: { version: submitted.json().version },
    });
    expect(acceptedOwn.statusCode, acceptedOwn.body).toBe(200);
    const draft = await t.as('admin', {
      method: 'GET',
      url: `/api/rollup/upper-duties/${pair.duty.occurrenceId}/draft`,
    });
    expect(draft.json().text).toBe('应急管理部：已完成辖区企业全覆盖检查。');
    expect(
      (await as('zoneb_admin', { method: 'GET', url: `/api/rollup/upper-duties/${pair.duty.occurrenceId}/draft` }))
        .statusCode,
    ).toBe(409);

    // Filed upward (edited), reviewed by the city like any report: returned, filed again, accepted.
    const file = (text: string) =>
      t.as('admin', {
        method: 'POST',
        url: `/api/rollup/upper-duties/${pair.duty.occurrenceId}/report`,
        payload: { text, workDate: today },
      });
    const up = await file(`${draft.json().text}\n开发区汇总：本期无新增问题。`);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ status: 'submitted' });
    expect(
      (
        await t.as('leader', {
          method: 'POST',
          url: `/api/rollup/upper-duties/${pair.duty.occurrenceId}/report`,
          payload: { text: 'x', workDate: today },
        })
      ).statusCode,
    ).toBe(403);
    const ret = await as('city_admin', {
      method: 'POST',
      url: `/api/reports/${up.json().id}/return`,
      payload: { reason: '请补充检查企业数量', version: up.json().version },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    const again = await file('应急管理部：已完成辖区企业全覆盖检查，共检查 12 家。');
    expect(again.json()).toMatchObject({ status: 'resubmitted', id: up.json().id });
    const ok = await as('city_admin', {
      method: 'POST',
      url: `/api/reports/${up.json().id}/accept`,
      payload: { version: again.json().version },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const finalDuties = (
      await t.as('admin', { method: 'GET', url: `/api/rollup/upper-duties?year=${YEAR}` })
    ).json() as UpperDutiesResponse;
    expect(finalDuties.items.find((d) => d.occurrenceId === pair.duty.occurrenceId)?.reportState).toBe('accepted');
    // The city's own figures (本级) now count its list; the zones' rows are unchanged by it.
    const cityView = (await rollup('city_admin')).json() as RollupResponse;
    expect(cityView.own.unitsWithList).toBe(1);
    expect(cityView.totals.unitsWithList).toBe(2);
  });
  it('warming at start fills the per-unit cache: the first roll-up of the year then computes no unit', async () => {
    const caches = new RollupCaches();
    expect(await warmUnitFigures(db, caches, () => true)).toBe(0);
    const treeUnits = (await db.selectFrom('org_units').select(['id', 'parent_id']).execute()).filter(
      (u, _, all) => u.parent_id !== null || all.some((c) => c.parent_id === u.id),
    );
    const warmed = await warmUnitFigures(db, caches, () => false);
    expect(warmed).toBe(treeUnits.length);
    expect(caches.unitFigures.stats()).toMatchObject({ entries: warmed, misses: warmed, hits: 0 });
    // The page's default (this year, as of today) over the city's subtree: every unit's figures are cache hits.
    const year = Number(todayInShanghai().slice(0, 4));
    const subtree = await selectSubtree(db, cityId);
    await readRollup(db, caches, { homeUnitId: cityId }, { year });
    expect(caches.unitFigures.stats()).toMatchObject({ misses: warmed, hits: subtree.length });
    // Another year was not warmed: computed on the first read.
    await readRollup(db, caches, { homeUnitId: cityId }, { year: year - 1 });
    expect(caches.unitFigures.stats().misses).toBe(warmed + subtree.length);
  });
});
