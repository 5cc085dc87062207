import { expect, it } from 'vitest';
import { listSupervisionEntries, SUPERVISION_PAGE_SIZE } from '../src/modules/public-portal/disclosure-sources.ts';
import { describeEachDatabase } from './databases.ts';
import { setupScope } from './fixtures.ts';

/** The portal reads the supervision list a page at a time (the whole list took 6–7 s at 100,000 enterprises). */
describeEachDatabase('public portal: the supervision list is paged', (get) => {
  it('shows one page, finds an enterprise beyond it by name, and pages on', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    const now = new Date().toISOString();
    const rows = Array.from({ length: SUPERVISION_PAGE_SIZE + 50 }, (_, i) => ({
      org_unit_id: scope.orgUnitId,
      name: `分页企业${String(i).padStart(4, '0')}`,
      credit_code: `91140900PAGE${String(i).padStart(6, '0')}`,
      locality: '云中街道',
      created_at: now,
      updated_at: now,
    }));
    await db.insertInto('enterprises').values(rows).execute();
    const first = await listSupervisionEntries(db, scope.orgUnitId);
    expect(first).toHaveLength(SUPERVISION_PAGE_SIZE);
    expect(first[0]?.enterpriseName).toBe('分页企业0000');
    const last = await listSupervisionEntries(db, scope.orgUnitId, { q: '分页企业0249' });
    expect(last.map((e) => e.enterpriseName)).toEqual(['分页企业0249']);
    const next = await listSupervisionEntries(db, scope.orgUnitId, { offset: SUPERVISION_PAGE_SIZE });
    expect(next).toHaveLength(50);
    // A larger page than the portal's is not handed out.
    expect(await listSupervisionEntries(db, scope.orgUnitId, { limit: 10_000 })).toHaveLength(SUPERVISION_PAGE_SIZE);
  });
});
