import { todayInShanghai } from '@duban/shared/civil-date';
import type { SupervisionListResponse, SupervisionListRow } from '@duban/shared/contracts/enterprises';
import type { Db } from '../../db/database.ts';
import {
  findOrgUnitName,
  selectEnterpriseCatalogueLinks,
  selectOpenEnterpriseColumns,
  selectOpenIndustryLinks,
  selectOpenSupervisors,
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
  page?: { q?: string; limit: number; offset: number },
  now: Date = new Date(),
): Promise<SupervisionListResponse> {
  // Whole (exports): three unit-wide statements. A page: the page's enterprises, then their links by id.
  const [{ rows: enterprises, total }, orgUnit] = await Promise.all([
    selectOpenEnterpriseColumns(db, orgUnitId, page),
    findOrgUnitName(db, orgUnitId),
  ]);
  const ids = enterprises.map((e) => e.id);
  const [links, supervisors] = page
    ? await Promise.all([
        selectEnterpriseCatalogueLinks(db, ids).then((ls) => ls.filter((l) => l.kind === 'industry')),
        selectSupervisors(db, ids),
      ])
    : await Promise.all([selectOpenIndustryLinks(db, orgUnitId), selectOpenSupervisors(db, orgUnitId)]);
  const industries = new Map<number, string[]>();
  for (const l of links) {
    const list = industries.get(l.enterprise_id);
    if (list) list.push(l.name);
    else industries.set(l.enterprise_id, [l.name]);
  }
  const byRole = new Map<number, Record<'industry' | 'territorial' | 'comprehensive', string[]>>();
  for (const s of supervisors) {
    let r = byRole.get(s.enterprise_id);
    if (!r) {
      r = { industry: [], territorial: [], comprehensive: [] };
      byRole.set(s.enterprise_id, r);
    }
    r[s.role].push(s.department_name);
  }
  const none = { industry: [], territorial: [], comprehensive: [] };
  const rows: SupervisionListRow[] = enterprises.map((e, i) => {
    const r = byRole.get(e.id) ?? none;
    return {
      seq: (page?.offset ?? 0) + i + 1,
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
  return { title: `${orgUnit}安全生产监管责任清单`, orgUnit, asOf: todayInShanghai(now), total, rows };
}
