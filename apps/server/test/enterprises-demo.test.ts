import { isValidCreditCode } from '@duban/shared/credit-code';
import { expect, it } from 'vitest';
import { demoCreditCode, loadDemoEnterprisesIfEmpty } from '../src/modules/enterprises/demo-enterprises.ts';
import { buildSupervisionList } from '../src/modules/enterprises/enterprises.service.ts';
import { describeEachDatabase } from './databases.ts';
import { setupScope } from './fixtures.ts';

describeEachDatabase('demo enterprises', (get) => {
  it('loads 40 marked demo enterprises across the industries once, with valid codes and supervisors', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    expect(await loadDemoEnterprisesIfEmpty(db, scope.orgUnitId)).toBe(40);
    expect(await loadDemoEnterprisesIfEmpty(db, scope.orgUnitId)).toBe(0);
    const rows = await db.selectFrom('enterprises').select(['name', 'credit_code', 'demo', 'status']).execute();
    expect(rows).toHaveLength(40);
    for (const r of rows) {
      expect(r.demo).toBe(1);
      expect(r.name).toMatch(/（演示）$/);
      expect(isValidCreditCode(r.credit_code)).toBe(true);
    }
    expect(new Set(rows.map((r) => r.credit_code)).size).toBe(40);
    expect(rows.filter((r) => r.status === 'closed')).toHaveLength(2);
    const industries = await db
      .selectFrom('enterprise_industries as l')
      .innerJoin('industry_catalogue as c', 'c.id', 'l.catalogue_id')
      .select('c.name')
      .where('c.kind', '=', 'industry')
      .distinct()
      .execute();
    expect(industries.length).toBeGreaterThanOrEqual(14);
    const list = await buildSupervisionList(db, scope.orgUnitId);
    expect(list.total).toBe(38);
    expect(list.rows.every((r) => r.industrySupervisors.length === 1)).toBe(true);
    expect(demoCreditCode(0)).toHaveLength(18);
    const versions = await db.selectFrom('enterprise_versions').select('change').distinct().execute();
    expect(versions.map((v) => v.change)).toEqual(['demo']);
  });
});
