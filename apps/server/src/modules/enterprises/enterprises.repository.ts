import { PostgresAdapter, type Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type {
  EnterpriseIndustryTable,
  EnterpriseSupervisorTable,
  EnterpriseTable,
  IndustryCatalogueTable,
  SupervisorRole,
} from '../../db/schema.ts';
import type { EnterpriseScope } from './enterprises.policy.ts';

// All SQL of the enterprise tables: enterprises, enterprise_versions, enterprise_industries, enterprise_supervisors,
// industry_catalogue.

export type EnterpriseRow = Selectable<EnterpriseTable>;
export type CatalogueRow = Selectable<IndustryCatalogueTable>;

/** A supervising department of an enterprise: enterprise_supervisors' columns and the department's name. */
export type SupervisorRow = Pick<Selectable<EnterpriseSupervisorTable>, 'enterprise_id' | 'department_id' | 'role'> & {
  department_name: string;
};

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

/** A catalogue entry of an enterprise: the link's enterprise and the entry's code, name and kind. */
export type CatalogueLinkRow = Pick<Selectable<EnterpriseIndustryTable>, 'enterprise_id'> &
  Pick<CatalogueRow, 'code' | 'name' | 'kind'>;

export async function selectEnterpriseCatalogueLinks(db: Db, enterpriseIds: number[]): Promise<CatalogueLinkRow[]> {
  if (enterpriseIds.length === 0) return [];
  const out: CatalogueLinkRow[] = [];
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

// ── Catalogue ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function selectCatalogue(db: Db): Promise<CatalogueRow[]> {
  return db.selectFrom('industry_catalogue').selectAll().orderBy('seq').orderBy('id').execute();
}

export async function insertCatalogueItem(
  db: Db,
  row: Pick<CatalogueRow, 'code' | 'name' | 'kind' | 'group_name' | 'seq' | 'created_at'>,
): Promise<CatalogueRow> {
  return db
    .insertInto('industry_catalogue')
    .values({ ...row, active: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function maxCatalogueSeq(db: Db): Promise<number> {
  const r = await db
    .selectFrom('industry_catalogue')
    .select((eb) => eb.fn.max<number>('seq').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

// ── Enterprises: writes ──────────────────────────────────────────────────────────────────────────────────────────

export type EnterpriseValues = Omit<
  EnterpriseRow,
  'id' | 'version' | 'created_at' | 'updated_at' | 'org_unit_id' | 'demo'
>;

export async function insertEnterprise(
  db: Db,
  orgUnitId: number,
  values: EnterpriseValues,
  at: string,
  demo = false,
): Promise<EnterpriseRow> {
  return db
    .insertInto('enterprises')
    .values({ ...values, org_unit_id: orgUnitId, demo: demo ? 1 : 0, created_at: at, updated_at: at, version: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Writes the values when the row still has `version`; the updated row, or undefined when it was stale. */
export async function updateEnterpriseVersioned(
  db: Db,
  id: number,
  version: number,
  values: Partial<EnterpriseValues>,
  at: string,
): Promise<EnterpriseRow | undefined> {
  return db
    .updateTable('enterprises')
    .set({ ...values, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function findEnterpriseByCode(db: Db, orgUnitId: number, creditCode: string) {
  return db
    .selectFrom('enterprises')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
}

export async function findEnterprisesByCodes(db: Db, orgUnitId: number, codes: string[]): Promise<EnterpriseRow[]> {
  const out: EnterpriseRow[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    out.push(
      ...(await db
        .selectFrom('enterprises')
        .selectAll()
        .where('org_unit_id', '=', orgUnitId)
        .where('credit_code', 'in', chunk)
        .execute()),
    );
  }
  return out;
}

export async function replaceCatalogueLinks(db: Db, enterpriseId: number, catalogueIds: number[]): Promise<void> {
  await db.deleteFrom('enterprise_industries').where('enterprise_id', '=', enterpriseId).execute();
  const ids = [...new Set(catalogueIds)];
  if (ids.length > 0) {
    await db
      .insertInto('enterprise_industries')
      .values(ids.map((catalogue_id) => ({ enterprise_id: enterpriseId, catalogue_id })))
      .execute();
  }
}

export async function replaceSupervisors(
  db: Db,
  enterpriseId: number,
  supervisors: { departmentId: number; role: SupervisorRole }[],
): Promise<void> {
  await db.deleteFrom('enterprise_supervisors').where('enterprise_id', '=', enterpriseId).execute();
  const seen = new Set<string>();
  const rows = supervisors.filter((s) => {
    const key = `${s.departmentId}:${s.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (rows.length > 0) {
    await db
      .insertInto('enterprise_supervisors')
      .values(rows.map((s) => ({ enterprise_id: enterpriseId, department_id: s.departmentId, role: s.role })))
      .execute();
  }
}

export async function insertEnterpriseVersion(
  db: Db,
  row: { enterprise_id: number; version: number; change: string; snapshot: string; actor: string; changed_at: string },
): Promise<void> {
  await db.insertInto('enterprise_versions').values(row).execute();
}

export async function selectEnterpriseVersions(db: Db, enterpriseId: number) {
  return db
    .selectFrom('enterprise_versions')
    .select(['version', 'change', 'actor', 'changed_at', 'snapshot'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('version', 'desc')
    .execute();
}

/** Locks the row for the rest of the transaction on PostgreSQL (SQLite transactions are serial already). */
export async function lockEnterprise(db: Db, id: number): Promise<void> {
  if (isPostgres(db)) {
    await db.selectFrom('enterprises').select('id').where('id', '=', id).forUpdate().execute();
  }
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// ── Enterprises: reads ───────────────────────────────────────────────────────────────────────────────────────────

export interface EnterpriseFilter {
  q?: string;
  industry?: string;
  tag?: string;
  status?: EnterpriseRow['status'];
  departmentId?: number;
  highRisk?: boolean;
  limit: number;
  offset: number;
}

function scopedEnterprises(db: Db, scope: EnterpriseScope, f: Omit<EnterpriseFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('enterprises as e').where('e.org_unit_id', '=', scope.orgUnitId);
  if (scope.enterpriseId !== null) q = q.where('e.id', '=', scope.enterpriseId);
  const departments = [scope.departmentId, f.departmentId].filter((d): d is number => d !== null && d !== undefined);
  for (const dep of departments) {
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
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('e.name', 'like', like),
        eb('e.credit_code', 'like', like.toUpperCase()),
        eb('e.locality', 'like', like),
      ]),
    );
  }
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.highRisk !== undefined) q = q.where('e.high_risk', '=', f.highRisk ? 1 : 0);
  for (const code of [f.industry, f.tag].filter((c): c is string => Boolean(c))) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enterprise_industries as l')
          .innerJoin('industry_catalogue as c', 'c.id', 'l.catalogue_id')
          .select('l.enterprise_id')
          .whereRef('l.enterprise_id', '=', 'e.id')
          .where('c.code', '=', code),
      ),
    );
  }
  return q;
}

export async function listEnterprisesInScope(
  db: Db,
  scope: EnterpriseScope,
  f: EnterpriseFilter,
): Promise<{ total: number; rows: EnterpriseRow[] }> {
  const base = scopedEnterprises(db, scope, f);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll('e').orderBy('e.name').orderBy('e.id').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total.n), rows };
}

/** Every enterprise of the unit that is not closed, by locality then name: the responsibility list's rows. */
export async function selectOpenEnterprises(db: Db, orgUnitId: number): Promise<EnterpriseRow[]> {
  return db
    .selectFrom('enterprises')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('status', '!=', 'closed')
    .orderBy('locality')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function countEnterprises(db: Db, orgUnitId: number): Promise<number> {
  const r = await db
    .selectFrom('enterprises')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findOrgUnitName(db: Db, orgUnitId: number): Promise<string> {
  const r = await db.selectFrom('org_units').select('name').where('id', '=', orgUnitId).executeTakeFirst();
  return r?.name ?? '';
}

/** Supervisors of every enterprise of the unit that is not closed, in one statement (the responsibility list). */
export async function selectOpenSupervisors(db: Db, orgUnitId: number): Promise<SupervisorRow[]> {
  return db
    .selectFrom('enterprise_supervisors as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .select(['s.enterprise_id', 's.department_id', 'd.name as department_name', 's.role'])
    .where('e.org_unit_id', '=', orgUnitId)
    .where('e.status', '!=', 'closed')
    .orderBy('s.enterprise_id')
    .orderBy('d.name')
    .execute();
}

/** Industry names of every enterprise of the unit that is not closed, in one statement. */
export async function selectOpenIndustryLinks(db: Db, orgUnitId: number) {
  return db
    .selectFrom('enterprise_industries as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('industry_catalogue as c', 'c.id', 'l.catalogue_id')
    .select(['l.enterprise_id', 'c.name'])
    .where('e.org_unit_id', '=', orgUnitId)
    .where('e.status', '!=', 'closed')
    .where('c.kind', '=', 'industry')
    .orderBy('l.enterprise_id')
    .orderBy('c.seq')
    .execute();
}

/**
 * The open enterprises' list columns only (no phones), by locality then name; with a page, that page of the
 * matches (name, credit code or locality containing `q`) and their total.
 */
export async function selectOpenEnterpriseColumns(
  db: Db,
  orgUnitId: number,
  page?: { q?: string; limit: number; offset: number },
) {
  let base = db.selectFrom('enterprises').where('org_unit_id', '=', orgUnitId).where('status', '!=', 'closed');
  const q = page?.q?.replace(/[\\%_]/g, '');
  if (q) {
    const like = `%${q}%`;
    base = base.where((eb) =>
      eb.or([eb('name', 'like', like), eb('credit_code', 'like', like.toUpperCase()), eb('locality', 'like', like)]),
    );
  }
  let rowsQuery = base
    .select(['id', 'name', 'credit_code', 'address', 'locality', 'status'])
    .orderBy('locality')
    .orderBy('name')
    .orderBy('id');
  if (page) rowsQuery = rowsQuery.limit(page.limit).offset(page.offset);
  const rows = await rowsQuery.execute();
  const total = page
    ? Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    : rows.length;
  return { rows, total };
}

/**
 * The operating enterprises of a unit for bulk planning (inspection plans and draws over 100,000 rows): three flat
 * statements — the enterprises, their supervising departments with role, their industries with catalogue order.
 */
export async function selectOperatingRoster(db: Db, orgUnitId: number) {
  const enterprises = await db
    .selectFrom('enterprises')
    .select(['id', 'name', 'high_risk', 'standardization_level'])
    .where('org_unit_id', '=', orgUnitId)
    .where('status', '=', 'operating')
    .orderBy('id')
    .execute();
  const supervisors = await db
    .selectFrom('enterprise_supervisors')
    .innerJoin('enterprises', 'enterprises.id', 'enterprise_supervisors.enterprise_id')
    .select([
      'enterprise_supervisors.enterprise_id',
      'enterprise_supervisors.department_id',
      'enterprise_supervisors.role',
    ])
    .where('enterprises.org_unit_id', '=', orgUnitId)
    .execute();
  const industries = await db
    .selectFrom('enterprise_industries')
    .innerJoin('industry_catalogue', 'industry_catalogue.id', 'enterprise_industries.catalogue_id')
    .innerJoin('enterprises', 'enterprises.id', 'enterprise_industries.enterprise_id')
    .select(['enterprise_industries.enterprise_id', 'industry_catalogue.name', 'industry_catalogue.seq'])
    .where('enterprises.org_unit_id', '=', orgUnitId)
    .where('industry_catalogue.kind', '=', 'industry')
    .execute();
  return { enterprises, supervisors, industries };
}

/** Names of the unit's enterprises that are not closed and whose name contains `q` (LIKE wildcards escaped). */
export async function selectEnterpriseNames(db: Db, orgUnitId: number, q: string, limit: number): Promise<string[]> {
  const text = q.replace(/[\\%_]/g, '');
  if (!text) return [];
  const rows = await db
    .selectFrom('enterprises')
    .select('name')
    .distinct()
    .where('org_unit_id', '=', orgUnitId)
    .where('status', '!=', 'closed')
    .where('name', 'like', `%${text}%`)
    .orderBy('name')
    .limit(limit)
    .execute();
  return rows.map((r) => r.name);
}
