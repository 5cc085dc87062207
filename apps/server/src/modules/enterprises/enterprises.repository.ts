import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EnterpriseTable, IndustryCatalogueTable, SupervisorRole } from '../../db/schema.ts';
import type { EnterpriseScope } from './enterprises.policy.ts';

// All SQL of the enterprise tables: enterprises, enterprise_versions, enterprise_industries, enterprise_supervisors,
// industry_catalogue.

export type EnterpriseRow = Selectable<EnterpriseTable>;
export type CatalogueRow = Selectable<IndustryCatalogueTable>;

export interface SupervisorRow {
  enterprise_id: number;
  department_id: number;
  department_name: string;
  role: SupervisorRole;
}

/** The enterprise when it exists in the scope's unit and the scope reaches it; undefined otherwise. */
export async function findEnterpriseInScope(db: Db, scope: EnterpriseScope, id: number) {
  let q = db
    .selectFrom('enterprises as e')
    .selectAll('e')
    .where('e.id', '=', id)
    .where('e.org_unit_id', '=', scope.orgUnitId);
  if (scope.enterpriseId !== null) q = q.where('e.id', '=', scope.enterpriseId);
  if (scope.departmentId !== null) {
    const dep = scope.departmentId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enterprise_supervisors as s')
          .select('s.id')
          .whereRef('s.enterprise_id', '=', 'e.id')
          .where('s.department_id', '=', dep),
      ),
    );
  }
  return q.executeTakeFirst();
}

/** Ids of the enterprises a department supervises in any role (行业监管, 属地管理 or 综合监管). */
export async function selectSupervisedEnterpriseIds(db: Db, departmentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('enterprise_supervisors')
    .select('enterprise_id')
    .distinct()
    .where('department_id', '=', departmentId)
    .orderBy('enterprise_id')
    .execute();
  return rows.map((r) => r.enterprise_id);
}

export async function selectSupervisors(db: Db, enterpriseIds: number[]): Promise<SupervisorRow[]> {
  if (enterpriseIds.length === 0) return [];
  const out: SupervisorRow[] = [];
  for (let i = 0; i < enterpriseIds.length; i += 500) {
    const chunk = enterpriseIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('enterprise_supervisors as s')
      .innerJoin('departments as d', 'd.id', 's.department_id')
      .select(['s.enterprise_id', 's.department_id', 'd.name as department_name', 's.role'])
      .where('s.enterprise_id', 'in', chunk)
      .orderBy('s.enterprise_id')
      .orderBy('s.role')
      .orderBy('d.name')
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function selectEnterpriseCatalogueLinks(
  db: Db,
  enterpriseIds: number[],
): Promise<{ enterprise_id: number; code: string; name: string; kind: string }[]> {
  if (enterpriseIds.length === 0) return [];
  const out: { enterprise_id: number; code: string; name: string; kind: string }[] = [];
  for (let i = 0; i < enterpriseIds.length; i += 500) {
    const chunk = enterpriseIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('enterprise_industries as l')
      .innerJoin('industry_catalogue as c', 'c.id', 'l.catalogue_id')
      .select(['l.enterprise_id', 'c.code', 'c.name', 'c.kind'])
      .where('l.enterprise_id', 'in', chunk)
      .orderBy('l.enterprise_id')
      .orderBy('c.seq')
      .execute();
    out.push(...rows);
  }
  return out;
}
