import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { EnterpriseStatus, SupervisorRole } from '../src/db/schema.ts';
import { enterpriseReadScope } from '../src/modules/enterprises/enterprises.policy.ts';
import { findEnterpriseForScope, listSupervisedEnterpriseIds } from '../src/modules/enterprises/enterprises.service.ts';
import { describeEachDatabase } from './databases.ts';
import { setupScope } from './fixtures.ts';

// Migration 0010: the catalogue is seeded, the constraints hold, and the scope lookups other modules use work.
describeEachDatabase('enterprise tables (migration 0010)', (get) => {
  it('seeds the catalogue, enforces status/role/code-length checks and scopes lookups', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    const catalogue = await db
      .selectFrom('industry_catalogue')
      .select(['code', 'name', 'kind', 'group_name'])
      .execute();
    expect(catalogue.filter((c) => c.group_name === '工贸').map((c) => c.name)).toEqual([
      '冶金',
      '有色',
      '建材',
      '机械',
      '轻工',
      '纺织',
      '烟草',
      '商贸',
    ]);
    for (const n of [
      '危险化学品',
      '烟花爆竹',
      '建筑施工',
      '城镇燃气',
      '特种设备使用',
      '粉尘涉爆',
      '涉氨制冷',
      '有限空间作业',
      '铝加工（深井铸造）',
      '重大危险源',
    ]) {
      expect(catalogue.map((c) => c.name)).toContain(n);
    }
    const now = new Date().toISOString();
    const ins = (code: string, status = 'operating') =>
      db
        .insertInto('enterprises')
        .values({
          org_unit_id: scope.orgUnitId,
          name: `企业${code}`,
          credit_code: code,
          status: status as EnterpriseStatus,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const a = await ins('91350100M000100Y43');
    const b = await ins('91140900MA0K000010');
    await expect(ins('91350100M000100Y43')).rejects.toThrow(); // unique per unit
    await expect(ins('91140900MA0K000029', 'bankrupt')).rejects.toThrow(); // status check
    await expect(ins('9135')).rejects.toThrow(); // length check
    const deps = await db.selectFrom('departments').select('id').orderBy('id').limit(2).execute();
    const [d1, d2] = deps.map((d) => d.id) as [number, number];
    await db
      .insertInto('enterprise_supervisors')
      .values({ enterprise_id: a.id, department_id: d1, role: 'industry' })
      .execute();
    await db
      .insertInto('enterprise_supervisors')
      .values({ enterprise_id: a.id, department_id: d2, role: 'territorial' })
      .execute();
    await db
      .insertInto('enterprise_supervisors')
      .values({ enterprise_id: b.id, department_id: d2, role: 'comprehensive' })
      .execute();
    await expect(
      db
        .insertInto('enterprise_supervisors')
        .values({ enterprise_id: b.id, department_id: d1, role: 'owner' as SupervisorRole })
        .execute(),
    ).rejects.toThrow();
    expect(await listSupervisedEnterpriseIds(db, d1)).toEqual([a.id]);
    expect(await listSupervisedEnterpriseIds(db, d2)).toEqual([a.id, b.id]);

    const base = {
      kind: 'session' as const,
      userId: 1,
      username: 'x',
      orgUnitId: scope.orgUnitId,
      isHead: false,
      actor: 'user:1',
    };
    const office = enterpriseReadScope({ ...base, role: 'office_admin', departmentId: null });
    const dept1 = enterpriseReadScope({ ...base, role: 'department', departmentId: d1 });
    const ent = enterpriseReadScope({ ...base, role: 'enterprise', departmentId: null }, b.id);
    const unbound = enterpriseReadScope({ ...base, role: 'enterprise', departmentId: null }, null);
    expect((await findEnterpriseForScope(db, office, b.id))?.credit_code).toBe('91140900MA0K000010');
    expect(await findEnterpriseForScope(db, dept1, b.id)).toBeUndefined();
    expect((await findEnterpriseForScope(db, dept1, a.id))?.id).toBe(a.id);
    expect(await findEnterpriseForScope(db, ent, a.id)).toBeUndefined();
    expect((await findEnterpriseForScope(db, ent, b.id))?.id).toBe(b.id);
    expect(await findEnterpriseForScope(db, unbound, b.id)).toBeUndefined();
    const n = await sql<{ n: number }>`select count(*) as n from enterprise_versions`.execute(db);
    expect(Number(n.rows[0]?.n)).toBe(0);
  });
});
