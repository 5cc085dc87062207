import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { describeEachDatabase } from './databases.ts';
import { setupScope } from './fixtures.ts';

/**
 * 销号 is impossible in the database without a passed acceptance, whatever code (or person with a SQL prompt)
 * tries: a trigger on both SQLite and PostgreSQL, tested here with direct SQL, bypassing the service.
 */
async function seedHazard(db: Db, orgUnitId: number, code: string): Promise<number> {
  const now = new Date().toISOString();
  const e = await db
    .insertInto('enterprises')
    .values({ org_unit_id: orgUnitId, name: `测试企业${code}`, credit_code: code, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const h = await db
    .insertInto('hazards')
    .values({
      org_unit_id: orgUnitId,
      enterprise_id: e.id,
      channel: 'self_check',
      level: 'general',
      status: 'accepted',
      place: '车间',
      description: '配电箱门未关',
      found_on: '2024-03-01',
      found_by: '张三',
      reported_by: null,
      basis_item_id: null,
      report_current_state: null,
      report_severity: null,
      report_plan: null,
      plan_responsible: null,
      plan_measures: null,
      plan_funds_yuan: null,
      plan_deadline: null,
      plan_contingency: null,
      time_limit: null,
      evaluation_kind: null,
      evaluation_org: null,
      evaluation_summary: null,
      evaluated_on: null,
      rectified_on: null,
      closed_on: null,
      closed_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return h.id;
}

const acceptance = (hazardId: number, result: 'pass' | 'fail') => ({
  hazard_id: hazardId,
  kind: 'acceptance' as const,
  result,
  accepted_on: '2024-04-01',
  acceptors: '应急管理部 李四',
  reason: result === 'fail' ? '整改不到位' : '',
  recorded_by: 'test',
  created_at: new Date().toISOString(),
});

describeEachDatabase('hazards: 销号 guarded by the database', (get) => {
  it('refuses a direct SQL update to closed without any acceptance', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    const id = await seedHazard(db, scope.orgUnitId, '91350100M000100Y43');
    await expect(
      sql`update hazards set status = 'closed', closed_on = '2024-04-02' where id = ${id}`.execute(db),
    ).rejects.toThrow(/acceptance_required/);
    const row = await db.selectFrom('hazards').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('accepted');
  });

  it('refuses it after a failed acceptance, allows it after a passed one, and keeps acceptances append-only', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    const id = await seedHazard(db, scope.orgUnitId, '91350100M000100Y44');
    await db.insertInto('hazard_acceptances').values(acceptance(id, 'fail')).execute();
    await expect(
      sql`update hazards set status = 'closed', closed_on = '2024-04-02' where id = ${id}`.execute(db),
    ).rejects.toThrow(/acceptance_required/);
    await db.insertInto('hazard_acceptances').values(acceptance(id, 'pass')).execute();
    await sql`update hazards set status = 'closed', closed_on = '2024-04-02' where id = ${id}`.execute(db);
    // Turning the passed acceptance into a failed one, or deleting it, is refused.
    await expect(
      sql`update hazard_acceptances set result = 'fail' where hazard_id = ${id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from hazard_acceptances where hazard_id = ${id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses inserting a hazard that is closed from the start, and closed without a date', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    const id = await seedHazard(db, scope.orgUnitId, '91350100M000100Y45');
    await db.insertInto('hazard_acceptances').values(acceptance(id, 'pass')).execute();
    // The CHECK keeps status and closed_on together.
    await expect(sql`update hazards set status = 'closed' where id = ${id}`.execute(db)).rejects.toThrow();
    await expect(
      sql`insert into hazards (org_unit_id, enterprise_id, channel, level, status, place, description, found_on,
        found_by, closed_on, created_at, updated_at)
        select org_unit_id, enterprise_id, channel, level, 'closed', place, description, found_on, found_by,
        '2024-01-01', created_at, updated_at from hazards where id = ${id}`.execute(db),
    ).rejects.toThrow(/acceptance_required/);
  });
});
