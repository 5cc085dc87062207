import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { hasTool, pdfText, zipEntry, zipEntryNames } from './export-helpers.ts';
import { coreMatrix } from './matrix/core.matrix.ts';
import { DOMAIN_MATRICES } from './matrix/domains.ts';
import type { DomainMatrix, MatrixCase } from './matrix/matrix-types.ts';
import { markZone, setupTwoZones, type TwoZones, ZONE_A_CODE, ZONE_B } from './tenancy-zones.ts';

/**
 * Org units as tenants (issue 16): the whole role × route matrix — every row of matrix/core.matrix.ts and of every
 * domain matrix, so a new route is covered as soon as it has its matrix row — replayed across two zones of one
 * deployment. Each row's request is built with zone A's records; a row whose request changes when the fixture's
 * ids change names A's records ("record rows"), the others name none ("list rows").
 *
 * - zone B's accounts: a record row that reads gets 403/404, one that writes 403/404; no answer of any row carries
 *   zone A's marker (every zone-A name, title and text has it, see markZone), nor zone A's answers zone B's;
 * - the city office and leader, drilling down into zone A (X-Duban-Unit), read what zone A's office and leader read
 *   (举报 handling excepted: handlers only) and see no zone-B marker; every write while drilled down is 403; acting
 *   on the city itself they write none of zone A's records.
 * "Refused" is 403/404, or the same error the request gets when its records do not exist at all.
 * Public rows (anonymous 'ok': the portal, feeds behind their token) are the public's by design and are skipped.
 */
const MARK_A = 'ZA甲区';
const MARK_B = 'ZB乙区';
const ZONE_B_READERS = ['zb_admin', 'zb_leader', 'zb_dept', 'zb_ent'] as const;
const ZONE_B_WRITERS = ['zb_admin', 'zb_staff', 'zb_dept', 'zb_ent'] as const;

/**
 * Rows whose record is not a zone's: the national catalogue of 重大事故隐患判定标准 (one per deployment), and the
 * upper level's review of what a zone submitted to it (roll-up, issue 16 item 3).
 */
const GLOBAL_OR_UPWARD = new Set(['POST /api/hazard-standards/:id/items', 'POST /api/rollup/submissions/:id/review']);
/** 举报 handling is for the unit's designated handlers only (whistleblower protection): no drill-down reads it. */
const HANDLERS_ONLY = /^[A-Z]+ \/api\/whistle\//;

// biome-ignore lint/suspicious/noExplicitAny: each domain has its own fixture type
type AnyMatrix = DomainMatrix<any>;
const MATRICES: AnyMatrix[] = [coreMatrix, ...DOMAIN_MATRICES];

describeEachDatabase('org units as tenants: the route matrix across two zones', (get) => {
  let t: TestApp;
  let zones: TwoZones;
  const fixtures = new Map<AnyMatrix, Record<string, unknown>>();

  beforeAll(async () => {
    const { db } = get().handle;
    t = await buildTestApp(get());
    for (const m of MATRICES) fixtures.set(m, await m.setup(t, db));
    zones = await setupTwoZones(t, db);
    await markZone(db, zones.a.orgUnitId, MARK_A);
    await markZone(db, zones.b.orgUnitId, MARK_B);
  });

  const zoneA = (name: 'admin' | 'leader', o: InjectOptions) => t.as(name, o);
  const inUnit = (o: InjectOptions, code: string): InjectOptions => ({
    ...o,
    headers: { ...(o.headers ?? {}), 'x-duban-unit': code },
  });

  it('names the unit: the city drills down only into its subtree, a zone nowhere', async () => {
    const me = await zones.as('city_admin', inUnit({ method: 'GET', url: '/api/auth/me' }, ZONE_B.code));
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ readOnly: true, unit: { code: ZONE_B.code } });
    expect(me.json().user.units.map((u: { code: string }) => u.code)).toEqual(
      expect.arrayContaining(['1409', ZONE_A_CODE, ZONE_B.code]),
    );
    const asQuery = await zones.as('city_leader', { method: 'GET', url: `/api/auth/me?unit=${ZONE_A_CODE}` });
    expect(asQuery.json().user.unit.code).toBe(ZONE_A_CODE);
    for (const url of [`/api/departments?unit=${ZONE_A_CODE}`, '/api/departments?unit=1409']) {
      expect((await zones.as('zb_admin', { method: 'GET', url })).statusCode).toBe(403);
    }
    // The web app's unit cookie drills down reads (plain download links follow it); writes ignore it.
    const byCookie = { cookie: `duban_unit=${ZONE_A_CODE}` };
    const cookieMe = await zones.as('city_admin', { method: 'GET', url: '/api/auth/me', headers: byCookie });
    expect(cookieMe.json().user).toMatchObject({ readOnly: true, unit: { code: ZONE_A_CODE } });
    const write = await zones.as('city_admin', {
      method: 'POST',
      url: '/api/users',
      headers: byCookie,
      payload: {
        username: 'city_clerk',
        displayName: '市安委办',
        role: 'office_staff',
        password: 'quiet-harbor-passphrase',
      },
    });
    expect(write.statusCode).toBe(201);
    const clerk = await get()
      .handle.db.selectFrom('users')
      .select('org_unit_id')
      .where('username', '=', 'city_clerk')
      .executeTakeFirstOrThrow();
    expect(clerk.org_unit_id).toBe(zones.cityId);
    // A zone's leader does not drill upward; naming the own unit is no drill-down.
    expect((await t.as('leader', inUnit({ method: 'GET', url: '/api/departments' }, '1409'))).statusCode).toBe(403);
    expect((await t.as('admin', inUnit({ method: 'GET', url: '/api/departments' }, ZONE_A_CODE))).statusCode).toBe(200);
  });

  it('replays every matrix row across the zones: no read of the other zone, no write outside the own unit', async () => {
    const failures: string[] = [];
    let recordReads = 0;
    let markerSeenByA = 0;
    let cityReads = 0;
    let opaque = 0;
    for (const m of MATRICES) {
      const fixture = fixtures.get(m) as Record<string, unknown>;
      for (const c of m.cases as MatrixCase<Record<string, unknown>>[]) {
        if (c.access.anonymous === 'ok') continue;
        const request = c.request({ ...fixture, n: 900_000 });
        const refersToRecords = fingerprint(request) !== fingerprint(c.request({ ...shift(fixture), n: 900_000 }));
        const method = (request.method ?? 'GET').toUpperCase();
        const fail = (who: string, res: LightMyRequestResponse, why: string) =>
          failures.push(`${c.route} as ${who}: ${why} (${res.statusCode} ${res.body.slice(0, 120)})`);

        if (method === 'GET') {
          const baseline = await zoneA('admin', request);
          const baseText = bodyText(baseline);
          if (baseText === null) opaque += 1;
          else if (baseText.includes(MARK_A)) markerSeenByA += 1;
          if (baseText?.includes(MARK_B)) fail('admin (zone A)', baseline, 'zone A reads zone B');
          if (refersToRecords && baseline.statusCode < 300) recordReads += 1;
          for (const who of ZONE_B_READERS) {
            const res = await zones.as(who, request);
            if (refersToRecords && res.statusCode < 400) fail(who, res, 'reads a zone-A record');
            if (bodyText(res)?.includes(MARK_A)) fail(who, res, 'answer carries zone A');
          }
          for (const [cityWho, zoneWho] of [
            ['city_admin', 'admin'],
            ['city_leader', 'leader'],
          ] as const) {
            const theirs = zoneWho === 'admin' ? baseline : await zoneA('leader', request);
            const drilled = await zones.as(cityWho, inUnit(request, ZONE_A_CODE));
            if (theirs.statusCode < 300 && !HANDLERS_ONLY.test(c.route)) {
              cityReads += 1;
              if (drilled.statusCode >= 300) fail(`${cityWho} in zone A`, drilled, `zone A's ${zoneWho} reads it`);
            }
            if (bodyText(drilled)?.includes(MARK_B)) fail(`${cityWho} in zone A`, drilled, 'answer carries zone B');
          }
        } else {
          const drilled = await zones.as('city_admin', inUnit(request, ZONE_A_CODE));
          if (drilled.statusCode !== 403) fail('city_admin in zone A', drilled, 'writes while drilled down');
          if (!refersToRecords || GLOBAL_OR_UPWARD.has(c.route)) continue;
          const missing = c.request({ ...shift(fixture), n: 900_001 });
          for (const who of [...ZONE_B_WRITERS, 'city_admin'] as const) {
            const res = await zones.as(who, request);
            // Refused, or answered exactly as for records that do not exist (a foreign record is a missing one).
            if ([403, 404].includes(res.statusCode)) continue;
            const asMissing = await zones.as(who, missing);
            if (res.statusCode < 400 || res.statusCode !== asMissing.statusCode) {
              fail(who, res, `writes to a zone-A record (missing records: ${asMissing.statusCode})`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The checks have teeth: zone A's own office reads its records through these rows and sees its marker in the
    // answers (29 record reads, 48 answers with the marker, 136 drill-down reads, 4 unreadable PDFs on 2026-12-01).
    expect(recordReads).toBeGreaterThanOrEqual(25);
    expect(markerSeenByA).toBeGreaterThanOrEqual(40);
    expect(cityReads).toBeGreaterThanOrEqual(120);
    expect(opaque).toBeLessThanOrEqual(10);
  });

  it('keeps zone B to itself too: its office reads its own records, the city reads them drilled down', async () => {
    const reports = await zones.as('zb_admin', { method: 'GET', url: '/api/reports' });
    expect(reports.statusCode).toBe(200);
    expect(reports.body).toContain(MARK_B);
    expect(reports.body).not.toContain(MARK_A);
    const hazards = await zones.as('city_leader', inUnit({ method: 'GET', url: '/api/hazards' }, ZONE_B.code));
    expect(hazards.statusCode).toBe(200);
    expect(hazards.body).toContain(MARK_B);
    expect(hazards.body).not.toContain(MARK_A);
    const enterprises = await zones.as('city_admin', inUnit({ method: 'GET', url: '/api/enterprises' }, ZONE_B.code));
    expect(enterprises.body).toContain(MARK_B);
    const inspections = await zones.as('zb_admin', { method: 'GET', url: '/api/inspections' });
    expect(inspections.body).toContain(MARK_B);
    const portal = await t.app.inject({ method: 'GET', url: `/api/public/supervision-list?unit=${ZONE_B.code}` });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain(MARK_B);
    expect(portal.body).not.toContain(MARK_A);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/supervision-list?unit=nowhere' });
    expect(unknown.statusCode).toBe(404);
    // The public portal: the default zone, or the zone named by ?unit=.
    const portalB = await t.app.inject({ method: 'GET', url: `/public?unit=${ZONE_B.code}` });
    expect(portalB.body).toContain(ZONE_B.name);
    expect(portalB.body).toContain(MARK_B);
    expect(portalB.body).not.toContain(MARK_A);
    // Its links and forms stay in zone B (the report form files a report there).
    expect(portalB.body).toContain(`href="/public/report?unit=${ZONE_B.code}"`);
    expect(portalB.body).toContain(`<input type="hidden" name="unit" value="${ZONE_B.code}">`);
    const portalA = await t.app.inject({ method: 'GET', url: '/public' });
    expect(portalA.body).toContain(MARK_A);
    expect(portalA.body).not.toContain(MARK_B);
    expect(portalA.body).not.toContain('unit=');
    // Calendar feeds (capability URLs, no session): each carries its own zone's occurrences only.
    const deptB = await get()
      .handle.db.selectFrom('users')
      .select('department_id')
      .where('username', '=', 'zb_dept')
      .executeTakeFirstOrThrow();
    const feedB = await zones.as('zb_dept', {
      method: 'POST',
      url: '/api/calendar-feeds',
      payload: { kind: 'department', departmentId: deptB.department_id },
    });
    expect(feedB.statusCode).toBe(201);
    const feedA = await t.as('dept_a', {
      method: 'POST',
      url: '/api/calendar-feeds',
      payload: { kind: 'department', departmentId: t.departmentIds.应急管理部 },
    });
    const icsB = await t.app.inject({ method: 'GET', url: feedB.json().path });
    const icsA = await t.app.inject({ method: 'GET', url: feedA.json().path });
    expect([icsA.statusCode, icsB.statusCode]).toEqual([200, 200]);
    const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, ''); // RFC 5545 folds long lines
    expect(unfold(icsB.body)).toContain(MARK_B);
    expect(unfold(icsB.body)).not.toContain(MARK_A);
    expect(unfold(icsA.body)).toContain(MARK_A);
    expect(unfold(icsA.body)).not.toContain(MARK_B);
  });

  it('lets a city administrator create an account in a zone of its subtree, not elsewhere', async () => {
    const body = (username: string, unitCode: string) => ({
      method: 'POST' as const,
      url: '/api/users',
      payload: { username, displayName: username, role: 'leader', password: 'quiet-harbor-passphrase', unitCode },
    });
    const created = await zones.as('city_admin', body('zb_new_leader', ZONE_B.code));
    expect(created.statusCode).toBe(201);
    const row = await get()
      .handle.db.selectFrom('users')
      .select('org_unit_id')
      .where('username', '=', 'zb_new_leader')
      .executeTakeFirstOrThrow();
    expect(row.org_unit_id).toBe(zones.b.orgUnitId);
    expect((await zones.as('zb_admin', body('za_sneak', ZONE_A_CODE))).statusCode).toBe(403);
    expect((await zones.as('zb_admin', body('city_sneak', '1409'))).statusCode).toBe(403);
  });
});

/** The fixture with every id and token changed: a request that changes with it names the fixture's records. */
function shift(value: unknown): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return v + 7_000_000;
    if (typeof v === 'string') return `${v}x`;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

/** A request as comparable text: buffers as text, multipart boundaries (random per call) blanked. */
function fingerprint(request: InjectOptions): string {
  const text = JSON.stringify(request, (_key, v) =>
    v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)
      ? Buffer.from(v.data).toString('latin1')
      : v,
  );
  return text.replace(/----duban[0-9a-f]{16}/g, 'BOUNDARY');
}

const PDF_TEXT = hasTool('pdftotext');

/** The answer's text: JSON, HTML, CSV, iCalendar as they are; .xlsx/.docx unzipped; PDF through pdftotext. */
function bodyText(res: LightMyRequestResponse): string | null {
  const raw = res.rawPayload;
  if (raw.subarray(0, 2).toString('latin1') === 'PK') {
    return zipEntryNames(raw)
      .map((name) => zipEntry(raw, name).toString('utf8'))
      .join('\n');
  }
  if (raw.subarray(0, 5).toString('latin1') === '%PDF-') return PDF_TEXT && raw.length > 200 ? pdfText(raw) : null;
  const type = String(res.headers['content-type'] ?? '');
  if (type === '' || /json|text|html|calendar|csv|xml/.test(type)) return raw.toString('utf8');
  return null;
}
