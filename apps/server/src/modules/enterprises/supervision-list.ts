import { todayInShanghai } from '@duban/shared/civil-date';
import type { SupervisionListResponse, SupervisionListRow } from '@duban/shared/contracts/enterprises';
import type { Db } from '../../db/database.ts';
import {
  findOrgUnitName,
  selectEnterpriseCatalogueLinks,
  selectOpenEnterprises,
  selectSupervisors,
} from './enterprises.repository.ts';

/**
 * 安全生产监管责任清单 (task 10): which department supervises each enterprise, generated from the registry on every
 * read, so an enterprise registered or closed shows at once. Closed enterprises are left out; suspended ones stay
 * (they are still supervised) with their status. No phone numbers and no internal ids: the same rows serve the
 * public page.
 */
export async function buildSupervisionList(
  db: Db,
  orgUnitId: number,
  now: Date = new Date(),
): Promise<SupervisionListResponse> {
  const enterprises = await selectOpenEnterprises(db, orgUnitId);
  const ids = enterprises.map((e) => e.id);
  const [links, supervisors, orgUnit] = await Promise.all([
    selectEnterpriseCatalogueLinks(db, ids),
    selectSupervisors(db, ids),
    findOrgUnitName(db, orgUnitId),
  ]);
  const industries = new Map<number, string[]>();
  for (const l of links) {
    if (l.kind !== 'industry') continue;
    industries.set(l.enterprise_id, [...(industries.get(l.enterprise_id) ?? []), l.name]);
  }
  const byRole = new Map<number, Record<'industry' | 'territorial' | 'comprehensive', string[]>>();
  for (const s of supervisors) {
    const r = byRole.get(s.enterprise_id) ?? { industry: [], territorial: [], comprehensive: [] };
    r[s.role].push(s.department_name);
    byRole.set(s.enterprise_id, r);
  }
  const rows: SupervisionListRow[] = enterprises.map((e, i) => {
    const r = byRole.get(e.id) ?? { industry: [], territorial: [], comprehensive: [] };
    return {
      seq: i + 1,
      name: e.name,
      creditCode: e.credit_code,
      address: e.address,
      locality: e.locality,
      industries: industries.get(e.id) ?? [],
      status: e.status,
      industrySupervisors: r.industry,
      territorialSupervisors: r.territorial,
      comprehensiveSupervisors: r.comprehensive,
    };
  });
  return { title: `${orgUnit}安全生产监管责任清单`, orgUnit, asOf: todayInShanghai(now), total: rows.length, rows };
}
