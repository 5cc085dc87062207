import type { EnterpriseListItem, EnterpriseResponse } from '@duban/shared/contracts/enterprises';
import type { Db } from '../../db/database.ts';
import {
  type CatalogueRow,
  type EnterpriseRow,
  findOrgUnitName,
  type SupervisorRow,
  selectCatalogue,
  selectEnterpriseCatalogueLinks,
  selectSupervisors,
} from './enterprises.repository.ts';

interface Related {
  links: Map<number, { code: string; name: string; kind: string }[]>;
  supervisors: Map<number, SupervisorRow[]>;
  catalogue: Map<string, CatalogueRow>;
}

async function loadRelated(db: Db, ids: number[]): Promise<Related> {
  const [links, supervisors, catalogue] = await Promise.all([
    selectEnterpriseCatalogueLinks(db, ids),
    selectSupervisors(db, ids),
    selectCatalogue(db),
  ]);
  const byLink = new Map<number, { code: string; name: string; kind: string }[]>();
  for (const l of links) byLink.set(l.enterprise_id, [...(byLink.get(l.enterprise_id) ?? []), l]);
  const bySup = new Map<number, SupervisorRow[]>();
  for (const s of supervisors) bySup.set(s.enterprise_id, [...(bySup.get(s.enterprise_id) ?? []), s]);
  return { links: byLink, supervisors: bySup, catalogue: new Map(catalogue.map((c) => [c.code, c])) };
}

function presentOne(row: EnterpriseRow, r: Related, orgUnitName: string): EnterpriseResponse {
  const links = r.links.get(row.id) ?? [];
  const risk = row.risk_class ? r.catalogue.get(row.risk_class) : undefined;
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    address: row.address,
    locality: row.locality,
    orgUnitName,
    industries: links.filter((l) => l.kind === 'industry').map(({ code, name }) => ({ code, name })),
    tags: links.filter((l) => l.kind === 'tag').map(({ code, name }) => ({ code, name })),
    highRisk: row.high_risk === 1,
    standardizationLevel: row.standardization_level,
    riskClass: row.risk_class ? { code: row.risk_class, name: risk?.name ?? row.risk_class } : null,
    employees: row.employees,
    principal: { name: row.principal_name, phone: row.principal_phone },
    controller: { name: row.controller_name, phone: row.controller_phone },
    safetyManager: { name: row.safety_manager_name, phone: row.safety_manager_phone },
    status: row.status,
    openedOn: row.opened_on,
    suspendedOn: row.suspended_on,
    closedOn: row.closed_on,
    note: row.note,
    demo: row.demo === 1,
    supervisors: (r.supervisors.get(row.id) ?? []).map((s) => ({
      departmentId: s.department_id,
      departmentName: s.department_name,
      role: s.role,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function presentEnterprise(db: Db, row: EnterpriseRow): Promise<EnterpriseResponse> {
  const related = await loadRelated(db, [row.id]);
  return presentOne(row, related, await findOrgUnitName(db, row.org_unit_id));
}

export async function presentEnterpriseList(db: Db, rows: EnterpriseRow[]): Promise<EnterpriseListItem[]> {
  const related = await loadRelated(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const full = presentOne(row, related, '');
    return {
      id: full.id,
      name: full.name,
      creditCode: full.creditCode,
      locality: full.locality,
      industries: full.industries,
      tags: full.tags,
      highRisk: full.highRisk,
      riskClass: full.riskClass,
      status: full.status,
      demo: full.demo,
      supervisors: full.supervisors,
      version: full.version,
    };
  });
}
