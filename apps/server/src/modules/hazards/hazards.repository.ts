import { type Insertable, PostgresAdapter, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type {
  HazardAcceptanceTable,
  HazardEventTable,
  HazardExtensionTable,
  HazardFileTable,
  HazardListingTable,
  HazardReminderClaimTable,
  HazardSettingsTable,
  HazardTable,
} from '../../db/schema.ts';
import { countHazardChange, HAZARD_KEY_COLUMNS } from './hazard-summary.repository.ts';
import type { HazardScope } from './hazards.policy.ts';

// All SQL of the hazard tables. The register's lists and statistics also read enterprises (name, industries)
// read-only, as a read model: a join, never a write (ARCHITECTURE: cross-domain read models).

export type HazardRow = Selectable<HazardTable>;
export type HazardRowWithEnterprise = HazardRow & { enterprise_name: string };
export type AcceptanceRow = Selectable<HazardAcceptanceTable>;
export type ListingRow = Selectable<HazardListingTable>;
export type ExtensionRow = Selectable<HazardExtensionTable>;
export type FileRow = Selectable<HazardFileTable>;
export type EventRow = Selectable<HazardEventTable>;

export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Inserts a hazard and counts it in the statistics' summary (call inside a transaction). */
export async function insertHazard(db: Db, row: Insertable<HazardTable>): Promise<number> {
  const r = await db
    .insertInto('hazards')
    .values(row)
    .returning(['id', ...HAZARD_KEY_COLUMNS])
    .executeTakeFirstOrThrow();
  await countHazardChange(db, null, r);
  return r.id;
}

/** The hazard when it is in the scope's unit and the scope reaches its enterprise. */
export async function findHazardInScope(
  db: Db,
  scope: HazardScope,
  id: number,
  forUpdate = false,
): Promise<HazardRowWithEnterprise | undefined> {
  if (scope.enterpriseIds !== null && scope.enterpriseIds.length === 0) return undefined;
  let q = db
    .selectFrom('hazards as h')
    .innerJoin('enterprises as e', 'e.id', 'h.enterprise_id')
    .selectAll('h')
    .select('e.name as enterprise_name')
    .where('h.id', '=', id)
    .where('h.org_unit_id', '=', scope.orgUnitId);
  if (scope.enterpriseIds !== null) q = q.where('h.enterprise_id', 'in', scope.enterpriseIds);
  // SQLite serialises writers already; PostgreSQL locks the row so two steps on one hazard queue up.
  if (forUpdate && isPostgres(db)) q = q.forUpdate('h');
  return q.executeTakeFirst();
}

/**
 * Versioned update: the new version, or null when the row is not at `version` any more. A change of a counted
 * column (status, level, …) moves the hazard's counts in the statistics' summary (call inside a transaction).
 */
export async function updateHazard(
  db: Db,
  id: number,
  version: number,
  patch: Updateable<HazardTable>,
): Promise<number | null> {
  const keyChanges = HAZARD_KEY_COLUMNS.some((c) => c in patch);
  const before = keyChanges
    ? await db
        .selectFrom('hazards')
        .select(HAZARD_KEY_COLUMNS)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
    : undefined;
  const r = await db
    .updateTable('hazards')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['version', ...HAZARD_KEY_COLUMNS])
    .executeTakeFirst();
  if (r && before) await countHazardChange(db, before, r);
  return r ? r.version : null;
}

export interface HazardFilter {
  status?: HazardRow['status'];
  level?: HazardRow['level'];
  channel?: HazardRow['channel'];
  enterpriseId?: number;
  year?: number;
  listed?: boolean;
  overdueOn?: string;
  stock?: boolean;
  q?: string;
}

export const TOTAL_CAP = 10_000;

export async function listHazardPage(
  db: Db,
  scope: HazardScope,
  f: HazardFilter,
  limit: number,
  offset: number,
): Promise<{ rows: (HazardRowWithEnterprise & { listed: number })[]; total: number }> {
  if (scope.enterpriseIds !== null && scope.enterpriseIds.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('hazards as h').where('h.org_unit_id', '=', scope.orgUnitId);
  if (scope.enterpriseIds !== null) q = q.where('h.enterprise_id', 'in', scope.enterpriseIds);
  if (f.status) q = q.where('h.status', '=', f.status);
  if (f.level) q = q.where('h.level', '=', f.level);
  if (f.channel) q = q.where('h.channel', '=', f.channel);
  if (f.enterpriseId) q = q.where('h.enterprise_id', '=', f.enterpriseId);
  if (f.year) q = q.where('h.found_on', '>=', `${f.year}-01-01`).where('h.found_on', '<=', `${f.year}-12-31`);
  if (f.stock) q = q.where('h.found_on', '<', '2024-01-01');
  if (f.overdueOn) {
    q = q
      .where('h.status', 'not in', ['closed', 'accepted'])
      .where('h.time_limit', 'is not', null)
      .where('h.time_limit', '<', f.overdueOn);
  }
  if (f.listed !== undefined) {
    q = q.where((eb) => {
      const ex = eb.exists(eb.selectFrom('hazard_listings as l').select('l.id').whereRef('l.hazard_id', '=', 'h.id'));
      return f.listed ? ex : eb.not(ex);
    });
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('h.description', 'like', like),
        eb('h.place', 'like', like),
        eb.exists(
          eb
            .selectFrom('enterprises as e2')
            .select('e2.id')
            .whereRef('e2.id', '=', 'h.enterprise_id')
            .where('e2.name', 'like', like),
        ),
      ]),
    );
  }
  // The total is counted up to TOTAL_CAP rows: a zone with hundreds of thousands of hazards pages through the
  // first 10,000 of a filter without counting them all on every page (the response says when it capped).
  const totalRow = await db
    .selectFrom(
      q
        .select('h.id')
        .limit(TOTAL_CAP + 1)
        .as('c'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const ids = await q.select('h.id').orderBy('h.id', 'desc').limit(limit).offset(offset).execute();
  if (ids.length === 0) return { rows: [], total: Number(totalRow?.n ?? 0) };
  const rows = await db
    .selectFrom('hazards as h')
    .innerJoin('enterprises as e', 'e.id', 'h.enterprise_id')
    .selectAll('h')
    .select('e.name as enterprise_name')
    .select((eb) =>
      eb
        .case()
        .when(eb.exists(eb.selectFrom('hazard_listings as l').select('l.id').whereRef('l.hazard_id', '=', 'h.id')))
        .then(1)
        .else(0)
        .end()
        .as('listed'),
    )
    .where(
      'h.id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('h.id', 'desc')
    .execute();
  return { rows, total: Number(totalRow?.n ?? 0) };
}

// ── Steps' records ────────────────────────────────────────────────────────────────────────────────────────────

export async function insertEvent(db: Db, row: Insertable<HazardEventTable>): Promise<void> {
  await db.insertInto('hazard_events').values(row).execute();
}

export async function listEvents(db: Db, hazardId: number): Promise<EventRow[]> {
  return db.selectFrom('hazard_events').selectAll().where('hazard_id', '=', hazardId).orderBy('id').execute();
}

export async function insertAcceptance(db: Db, row: Insertable<HazardAcceptanceTable>): Promise<number> {
  const r = await db.insertInto('hazard_acceptances').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listAcceptances(db: Db, hazardId: number): Promise<AcceptanceRow[]> {
  return db.selectFrom('hazard_acceptances').selectAll().where('hazard_id', '=', hazardId).orderBy('id').execute();
}

export async function lastAcceptanceResult(db: Db, hazardId: number): Promise<'pass' | 'fail' | null> {
  const r = await db
    .selectFrom('hazard_acceptances')
    .select('result')
    .where('hazard_id', '=', hazardId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.result ?? null;
}

export async function insertFile(db: Db, row: Insertable<HazardFileTable>): Promise<number> {
  const r = await db.insertInto('hazard_files').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listFiles(db: Db, hazardId: number): Promise<FileRow[]> {
  return db.selectFrom('hazard_files').selectAll().where('hazard_id', '=', hazardId).orderBy('id').execute();
}

export async function findFile(db: Db, hazardId: number, fileId: number): Promise<FileRow | undefined> {
  return db
    .selectFrom('hazard_files')
    .selectAll()
    .where('hazard_id', '=', hazardId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function findListing(
  db: Db,
  hazardId: number,
): Promise<(ListingRow & { department_name: string }) | undefined> {
  return db
    .selectFrom('hazard_listings as l')
    .innerJoin('departments as d', 'd.id', 'l.supervising_department_id')
    .selectAll('l')
    .select('d.name as department_name')
    .where('l.hazard_id', '=', hazardId)
    .executeTakeFirst();
}

/** The next notice number of the unit's year: max + 1 (the UNIQUE key refuses a concurrent duplicate). */
export async function nextNoticeSeq(db: Db, orgUnitId: number, year: number): Promise<number> {
  const r = await db
    .selectFrom('hazard_listings')
    .select((eb) => eb.fn.max('notice_seq').as('m'))
    .where('org_unit_id', '=', orgUnitId)
    .where('notice_year', '=', year)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertListing(db: Db, row: Insertable<HazardListingTable>): Promise<void> {
  await db.insertInto('hazard_listings').values(row).execute();
}

export async function insertExtension(db: Db, row: Insertable<HazardExtensionTable>): Promise<number> {
  const r = await db.insertInto('hazard_extensions').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listExtensions(db: Db, hazardId: number): Promise<ExtensionRow[]> {
  return db.selectFrom('hazard_extensions').selectAll().where('hazard_id', '=', hazardId).orderBy('id').execute();
}

export async function decideExtensionRow(
  db: Db,
  hazardId: number,
  id: number,
  version: number,
  patch: Updateable<HazardExtensionTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('hazard_extensions')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('hazard_id', '=', hazardId)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether the enterprise exists in the unit (read-only: a hazard is recorded against it). */
export async function enterpriseInUnit(db: Db, orgUnitId: number, enterpriseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('enterprises')
    .select('id')
    .where('id', '=', enterpriseId)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
  return row !== undefined;
}

// ── Public and other modules ──────────────────────────────────────────────────────────────────────────────────

/** Listed (挂牌督办) major hazards of a unit, newest first, for the public disclosure page. */
export async function selectListedHazards(db: Db, orgUnitId: number, limit: number) {
  return db
    .selectFrom('hazard_listings as l')
    .innerJoin('hazards as h', 'h.id', 'l.hazard_id')
    .innerJoin('enterprises as e', 'e.id', 'h.enterprise_id')
    .select([
      'h.id',
      'e.name as enterprise_name',
      'h.level',
      'h.status',
      'h.description',
      'l.listed_on',
      'l.listing_level',
      'l.listing_unit',
      'l.notice_no',
      'l.time_limit',
      'h.closed_on',
    ])
    .where('l.org_unit_id', '=', orgUnitId)
    .orderBy('l.listed_on', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
}

/** A row of selectListedHazards: the hazard's and its listing's columns, and the enterprise's name. */
export type ListedHazardRow = Awaited<ReturnType<typeof selectListedHazards>>[number];

// ── Settings and reminder claims ──────────────────────────────────────────────────────────────────────────────

export async function findSettingsRow(db: Db, orgUnitId: number) {
  return db.selectFrom('hazard_settings').selectAll().where('org_unit_id', '=', orgUnitId).executeTakeFirst();
}

export async function upsertSettingsRow(db: Db, row: Insertable<HazardSettingsTable>): Promise<void> {
  const { org_unit_id: _unit, ...rest } = row;
  await db
    .insertInto('hazard_settings')
    .values(row)
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet(rest))
    .execute();
}

/** Claims a reminder step; false when it was already claimed (by this or another instance). */
export async function claimReminder(db: Db, row: Insertable<HazardReminderClaimTable>): Promise<number | null> {
  const r = await db
    .insertInto('hazard_reminder_claims')
    .values(row)
    .onConflict((oc) => oc.columns(['hazard_id', 'due_date', 'step']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function setClaimRecipients(db: Db, id: number, recipients: number): Promise<void> {
  await db.updateTable('hazard_reminder_claims').set({ recipients }).where('id', '=', id).execute();
}

/** Open hazards with a time limit up to `until` (the reminder scan's candidates). */
export async function selectHazardsDueBy(db: Db, orgUnitId: number, until: string): Promise<{ id: number }[]> {
  return db
    .selectFrom('hazards')
    .select('id')
    .where('org_unit_id', '=', orgUnitId)
    .where('status', 'not in', ['closed', 'accepted'])
    .where('time_limit', 'is not', null)
    .where('time_limit', '<=', until)
    .orderBy('id')
    .execute();
}

export async function findHazardVersion(db: Db, orgUnitId: number, id: number): Promise<number | null> {
  const r = await db
    .selectFrom('hazards')
    .select('version')
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
  return r?.version ?? null;
}

/** Demo loader: the unit's demo enterprises with their industry codes (read-only, read model). */
export async function selectDemoEnterprises(
  db: Db,
  orgUnitId: number,
): Promise<{ id: number; industry: string | null }[]> {
  const rows = await db
    .selectFrom('enterprises as e')
    .leftJoin('enterprise_industries as ei', 'ei.enterprise_id', 'e.id')
    .leftJoin('industry_catalogue as c', 'c.id', 'ei.catalogue_id')
    .select(['e.id', 'c.code as industry'])
    .where('e.org_unit_id', '=', orgUnitId)
    .where('e.demo', '=', 1)
    .orderBy('e.id')
    .execute();
  const seen = new Map<number, string | null>();
  for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, r.industry);
  return [...seen].map(([id, industry]) => ({ id, industry }));
}

export async function countHazards(db: Db, orgUnitId: number): Promise<number> {
  const r = await db
    .selectFrom('hazards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Units that have open hazards with a time limit (the scheduled scan visits each). */
export async function selectUnitsWithTimeLimits(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('hazards')
    .select('org_unit_id')
    .distinct()
    .where('status', 'not in', ['closed', 'accepted'])
    .where('time_limit', 'is not', null)
    .execute();
  return rows.map((r) => r.org_unit_id);
}
