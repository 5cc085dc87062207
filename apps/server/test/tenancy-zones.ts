import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import type { UserRole } from '../src/db/schema.ts';
import { ensureDemoRegistry, findUnitDepartmentByName } from '../src/modules/departments/departments.service.ts';
import { addOrgUnit } from '../src/modules/orgunits/add-org-unit.ts';
import type { DefaultScope } from '../src/modules/orgunits/orgunits.service.ts';
import { noteWrite } from '../src/modules/read-models/read-models.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { enterpriseBody } from './enterprise-fixtures.ts';
import { importBytes, seedBytes } from './fixtures.ts';
import { multipart } from './multipart.ts';
import { solveChallenge } from './whistle-helpers.ts';

/**
 * Two zones in one deployment (issue 16): zone A is the harness's default zone (忻州经济开发区) with its accounts;
 * zone B (原平经济开发区, under the same city 忻州市) gets its own office, leader, department and enterprise
 * accounts, its own list (the seed list imported again), report with evidence, 督办单, enterprise, hazard,
 * whistle report, inspection and bulletin; the city 忻州市 gets an office administrator and a leader.
 */
export const CITY_CODE = '1409';
export const ZONE_A_CODE = '1409-xzjkq';
export const ZONE_B = { code: '1409-ypjkq', name: '原平经济开发区' } as const;

export const ZONE_B_ACCOUNTS = {
  zb_admin: { role: 'office_admin', department: null },
  zb_staff: { role: 'office_staff', department: null },
  zb_leader: { role: 'leader', department: null },
  zb_dept: { role: 'department', department: '应急管理部' },
  zb_ent: { role: 'enterprise', department: null },
} as const satisfies Record<string, { role: UserRole; department: string | null }>;
export const CITY_ACCOUNTS = { city_admin: 'office_admin', city_leader: 'leader' } as const satisfies Record<
  string,
  UserRole
>;

export interface TwoZones {
  a: DefaultScope;
  b: DefaultScope;
  cityId: number;
  /** app.inject as any account by username (sessions cached), with extra headers (a cookie header is added to). */
  as(username: string, options: InjectOptions): Promise<LightMyRequestResponse>;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function setupTwoZones(t: TestApp, db: Db): Promise<TwoZones> {
  const unit = await addOrgUnit(db, 'test', { parentCode: CITY_CODE, ...ZONE_B, level: 'zone' });
  const b: DefaultScope = { orgUnitId: unit.id, orgUnitName: ZONE_B.name, campaignId: unit.campaignId };
  await db.transaction().execute((trx) => ensureDemoRegistry(trx, b.orgUnitId, new Date().toISOString()));
  await importBytes(db, b, seedBytes());
  const city = await db.selectFrom('org_units').select('id').where('code', '=', CITY_CODE).executeTakeFirstOrThrow();

  const account = (username: string, orgUnitId: number, role: UserRole, departmentId: number | null = null) =>
    createUser(
      db,
      { actor: 'test', orgUnitId },
      { username, displayName: username, role, departmentId, isHead: false, password: TEST_PASSWORD },
    );
  const deptB = await findUnitDepartmentByName(db, b.orgUnitId, '应急管理部');
  if (!deptB) throw new Error('zone B has no 应急管理部');
  for (const [username, a] of Object.entries(ZONE_B_ACCOUNTS)) {
    await account(username, b.orgUnitId, a.role, a.department ? deptB.id : null);
  }
  for (const [username, role] of Object.entries(CITY_ACCOUNTS)) await account(username, city.id, role);

  const sessions = new Map<string, { cookie: string; csrf: string }>();
  async function as(username: string, options: InjectOptions): Promise<LightMyRequestResponse> {
    let s = sessions.get(username);
    if (!s) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'duban_session');
      s = { cookie: `duban_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
      sessions.set(username, s);
    }
    const extra = options.headers?.cookie ? `; ${options.headers.cookie}` : '';
    return t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: `${s.cookie}${extra}`, 'x-csrf-token': s.csrf },
    });
  }
  const ok = (what: string, r: LightMyRequestResponse) => {
    if (r.statusCode >= 300) throw new Error(`zone B ${what}: ${r.statusCode} ${r.body}`);
    return r.json();
  };

  // Progress: a report with evidence on one of zone B's occurrences, and a 督办单.
  const occurrence = await db
    .selectFrom('occurrences')
    .select('id')
    .where('department_id', '=', deptB.id)
    .orderBy('due_date')
    .limit(1)
    .executeTakeFirstOrThrow();
  const report = ok(
    'report',
    await as('zb_dept', {
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId: occurrence.id, text: '乙区专项检查', workDate: '2024-02-20' },
    }),
  );
  ok(
    'evidence',
    await as('zb_dept', {
      method: 'POST',
      url: `/api/reports/${report.id}/evidence`,
      ...multipart({}, [{ field: 'file', filename: 'b.pdf', content: PDF, contentType: 'application/pdf' }]),
    }),
  );
  ok(
    'supervision',
    await as('zb_admin', {
      method: 'POST',
      url: `/api/occurrences/${occurrence.id}/supervision`,
      payload: { kind: 'notice', note: '乙区督办单', replyBy: '2031-01-01' },
    }),
  );
  ok('bulletin', await as('zb_admin', { method: 'POST', url: '/api/bulletins', payload: { period: '2024-Q1' } }));

  // Enterprise (bound to zone B's enterprise account), a hazard, an inspection.
  const enterprise = ok(
    'enterprise',
    await as('zb_admin', {
      method: 'POST',
      url: '/api/enterprises',
      payload: enterpriseBody(9101, [{ departmentId: deptB.id, role: 'industry' }]),
    }),
  );
  ok(
    'bind',
    await as('zb_admin', {
      method: 'POST',
      url: `/api/enterprises/${enterprise.id}/accounts`,
      payload: { username: 'zb_ent' },
    }),
  );
  ok(
    'hazard',
    await as('zb_admin', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        enterpriseId: enterprise.id,
        channel: 'department_inspection',
        level: 'general',
        place: '乙区车间',
        description: '乙区隐患',
        foundOn: '2024-04-01',
        foundBy: '检查组',
      },
    }),
  );
  const inspectorIds: number[] = [];
  for (const name of ['zb_insp1', 'zb_insp2']) {
    const userId = await account(name, b.orgUnitId, 'department', deptB.id);
    const inspector = ok(
      'inspector',
      await as('zb_admin', {
        method: 'POST',
        url: '/api/inspectors',
        payload: { kind: 'staff', userId, name, departmentId: deptB.id },
      }),
    );
    inspectorIds.push(inspector.id);
  }
  ok(
    'inspection',
    await as('zb_admin', {
      method: 'POST',
      url: '/api/inspections',
      payload: {
        enterpriseId: enterprise.id,
        mode: 'joint',
        trigger: 'assigned',
        inspectedOn: '2026-11-21',
        inspectorIds,
      },
    }),
  );

  // A whistle report through the public form of zone B (?unit=).
  const ip = '10.201.0.1';
  const challenge = await solveChallenge(t, ip);
  ok(
    'whistle report',
    await t.app.inject({
      method: 'POST',
      url: `/api/public/reports?unit=${ZONE_B.code}`,
      remoteAddress: ip,
      ...multipart(
        {
          category: 'major_hazard',
          enterpriseName: '乙区化工有限公司',
          place: '乙区仓库',
          description: '乙区消防通道堵塞。',
          anonymous: 'true',
          consent: 'true',
          challengeToken: challenge.token,
          challengeAnswer: challenge.answer,
        },
        [],
      ),
    }),
  );
  return { a: t.scope, b, cityId: city.id, as };
}

/**
 * Writes a zone's marker into the text of its records (names, titles, texts, descriptions), so any response that
 * carries one of the zone's records carries the marker. Direct SQL, so the unit's read-model version is raised.
 */
export async function markZone(db: Db, orgUnitId: number, marker: string): Promise<void> {
  const columns: [string, string][] = [
    ['departments', 'name'],
    ['users', 'display_name'],
    ['task_lists', 'title'],
    ['reports', 'text'],
    ['supervision_actions', 'note'],
    ['extension_requests', 'reason'],
    ['bulletins', 'title'],
    ['notification_channels', 'name'],
    ['notifications', 'title'],
    ['calendar_feeds', 'name'],
    ['whistle_reports', 'description'],
    ['whistle_reports', 'enterprise_name'],
    ['knowledge_articles', 'title'],
    ['enterprises', 'name'],
    ['inspection_plans', 'title'],
    ['inspection_matters', 'title'],
    ['inspectors', 'name'],
    ['inspection_draws', 'title'],
    ['inspections', 'enterprise_name'],
    ['enforcement_actions', 'enterprise_name'],
    ['experts', 'name'],
    ['hazards', 'description'],
    ['hazards', 'place'],
  ];
  for (const [table, column] of columns) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)} || ${marker} where org_unit_id = ${orgUnitId}`.execute(
      db,
    );
  }
  for (const [table, column] of [
    ['tasks', 'text'],
    ['categories', 'title'],
  ] as const) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)} || ${marker}
      where task_list_id in (select id from task_lists where org_unit_id = ${orgUnitId})`.execute(db);
  }
  await noteWrite(db, orgUnitId);
}
