import { expect, it } from 'vitest';
import { createDemoAccounts, fileDemoProgress } from '../src/demo/demo-story.ts';
import { ensureOfficeAdmin } from '../src/modules/users/users.service.ts';
import { describeEachDatabase } from './databases.ts';
import { importBytes, seedBytes, setupScope } from './fixtures.ts';

// Issue 13 item 4: the demo list tells a year's story on first start.
describeEachDatabase('demo story', (get) => {
  it('creates one account per role and a year of progress: mostly accepted, some late, returned, overdue, 督办', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    await importBytes(db, scope, seedBytes());
    const admin = await ensureOfficeAdmin(db, scope.orgUnitId);
    expect(admin).not.toBeNull();
    const adminRow = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'office_admin')
      .executeTakeFirstOrThrow();
    const { accounts, departmentUserId, departmentId } = await createDemoAccounts(db, scope.orgUnitId);
    expect(accounts.map((a) => a.role).sort()).toEqual(['department', 'leader', 'office_staff']);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(3);
    const started = Date.now();
    const counts = await fileDemoProgress(db, {
      orgUnitId: scope.orgUnitId,
      year: 2024,
      officeUserId: adminRow.id,
      departmentUser: departmentId ? { id: departmentUserId, departmentId } : null,
      today: '2026-12-01',
    });
    console.log(`demo story: ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
    const total = counts.accepted + counts.late + counts.returned + counts.submitted + counts.untouched;
    expect(counts.accepted / total).toBeGreaterThan(0.55);
    expect(counts.late).toBeGreaterThan(0);
    expect(counts.returned).toBeGreaterThan(0);
    expect(counts.untouched).toBeGreaterThan(0);
    expect(counts.supervision).toBeGreaterThanOrEqual(4);
    expect(counts.extensions).toBe(1);
    // Nothing is dated after the list's year, and the occurrence states agree with the reports.
    const late = await db
      .selectFrom('reports')
      .select('submitted_at')
      .where('submitted_at', '>', '2025-01-01')
      .execute();
    expect(late).toEqual([]);
    const states = await db
      .selectFrom('occurrences')
      .select(['report_state'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('report_state')
      .execute();
    const byState = Object.fromEntries(states.map((s) => [s.report_state, Number(s.n)]));
    expect(byState.accepted).toBe(counts.accepted + counts.late);
    expect(byState.returned).toBe(counts.returned);
    const notice = await db
      .selectFrom('supervision_actions')
      .select(['kind', 'replied_at'])
      .where('kind', '=', 'notice')
      .execute();
    expect(notice.some((n) => n.replied_at !== null)).toBe(true);
  }, 300_000);
});
