import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { type CoreFixture, coreMatrix } from './matrix/core.matrix.ts';
import { DOMAIN_MATRICES } from './matrix/domains.ts';
import { type Access, accessOf, type MatrixCase, setupInspector, WHO } from './matrix/matrix-types.ts';

/**
 * Every route × every role (the meaning of 'ok' / 'deny' / 'hidden' is in matrix/matrix-types.ts). The core loop's
 * rows are in matrix/core.matrix.ts; other domains have theirs in matrix/<domain>.matrix.ts, listed in
 * matrix/domains.ts. A route without a row anywhere fails the test, so a new route cannot ship without deciding who
 * may use it.
 */
const CASES = coreMatrix.cases;
let inspector: Awaited<ReturnType<typeof setupInspector>>;

describeEachDatabase('role × route matrix', (get) => {
  let t: TestApp;
  let fixture: CoreFixture;
  beforeAll(async () => {
    t = await buildTestApp(get());
    inspector = await setupInspector(t, get().handle.db);
    fixture = await coreMatrix.setup(t, get().handle.db);
  });

  it('has a row for every registered /api route', () => {
    const registered = t.app.routeList
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    const rows = [...CASES, ...DOMAIN_MATRICES.flatMap((m) => m.cases)].map((c) => c.route);
    expect([...new Set(registered)].sort()).toEqual(rows.sort());
  });

  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    expect(await checkCase(t, c, fixture)).toEqual([]);
  });

  for (const matrix of DOMAIN_MATRICES) {
    describe(matrix.name, () => {
      let domainFixture: unknown;
      beforeAll(async () => {
        domainFixture = await matrix.setup(t, get().handle.db);
      });
      it.each(matrix.cases.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
        expect(await checkCase(t, c, domainFixture)).toEqual([]);
      });
    });
  }

  it('hides another department’s record exactly like a missing one', async () => {
    const pairs = [
      [`/api/reports/${fixture.reportA}`, '/api/reports/99999999'],
      [`/api/occurrences/${fixture.occurrenceA}`, '/api/occurrences/99999999'],
      [`/api/evidence/${fixture.evidenceA}`, '/api/evidence/99999999'],
      [`/api/supervision/${fixture.actionA}`, '/api/supervision/99999999'],
      [`/api/extensions/${fixture.extensionA}`, '/api/extensions/99999999'],
      [`/api/bulletins/${fixture.bulletinDraft}`, '/api/bulletins/99999999'],
    ];
    for (const [theirs, missing] of pairs) {
      const a = await t.as('dept_b', { method: 'GET', url: theirs! });
      const b = await t.as('dept_b', { method: 'GET', url: missing! });
      expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);
    }
  });
});

/** Each role's answer against the row's expectation; the list of mismatches (empty when the row holds). */
async function checkCase<F>(t: TestApp, c: MatrixCase<F>, fixture: F): Promise<string[]> {
  const failures: string[] = [];
  for (const who of WHO) {
    const access: Access = accessOf(c.access, who);
    if (c.route === 'POST /api/auth/logout' && who !== 'anonymous') continue;
    if (typeof fixture === 'object' && fixture !== null && 'n' in fixture && typeof fixture.n === 'number') {
      fixture.n += 1;
    }
    const request = c.request(fixture);
    const res =
      who === 'anonymous'
        ? await t.app.inject(request)
        : who === 'inspector'
          ? await inspector(request)
          : await t.as(who, request);
    const denied = who === 'anonymous' ? 401 : 403;
    const ok =
      access === 'ok'
        ? ![401, 403, 404].includes(res.statusCode) && res.statusCode < 500 && !isBadId(res.body)
        : res.statusCode === (access === 'deny' ? denied : 404);
    if (!ok) failures.push(`${who}: expected ${access}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
  }
  return failures;
}

/** A 400 on the id itself means the case was built wrong, not that access was granted. */
function isBadId(body: string): boolean {
  return body.includes('"path":"params.id"');
}
