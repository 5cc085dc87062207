import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { WhistleAttachmentTable, WhistleReportTable, WhistleRewardTable } from '../../db/schema.ts';
import type { RateStore } from './abuse-guard.ts';

/** All SQL of the whistle_* tables (reports, sealed identities, attachments, lookup attempts, rewards, policy, steps). */

export type WhistleReportRow = Selectable<WhistleReportTable>;
export type WhistleRewardRow = Selectable<WhistleRewardTable>;
export type WhistleAttachmentRow = Selectable<WhistleAttachmentTable>;

const isPostgres = (db: Db) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

// ── reports ─────────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertWhistleReport(trx: Db, row: Insertable<WhistleReportTable>): Promise<number> {
  const r = await trx.insertInto('whistle_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findReportByCode(db: Db, receiptCode: string): Promise<WhistleReportRow | undefined> {
  return db.selectFrom('whistle_reports').selectAll().where('receipt_code', '=', receiptCode).executeTakeFirst();
}

export async function findReport(db: Db, orgUnitId: number, id: number): Promise<WhistleReportRow | undefined> {
  return db
    .selectFrom('whistle_reports')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function lockReport(trx: Db, id: number): Promise<void> {
  if (isPostgres(trx)) await sql`select id from whistle_reports where id = ${id} for update`.execute(trx);
}

export async function listReports(
  db: Db,
  orgUnitId: number,
  filter: { departmentId?: number | null; status?: string },
): Promise<WhistleReportRow[]> {
  let q = db.selectFrom('whistle_reports').selectAll().where('org_unit_id', '=', orgUnitId);
  if (filter.departmentId != null) q = q.where('department_id', '=', filter.departmentId);
  if (filter.status) q = q.where('status', '=', filter.status as WhistleReportRow['status']);
  return q.orderBy('id', 'desc').limit(1000).execute();
}

/** Writes the change when the version matches; returns the new version or null (stale). */
export async function updateReport(
  trx: Db,
  id: number,
  version: number,
  changes: Updateable<WhistleReportTable>,
): Promise<number | null> {
  const r = await trx
    .updateTable('whistle_reports')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? version + 1 : null;
}

export async function receiptCodeExists(db: Db, code: string): Promise<boolean> {
  const r = await db.selectFrom('whistle_reports').select('id').where('receipt_code', '=', code).executeTakeFirst();
  return r !== undefined;
}

/** Open reports with a running limit (handling or feedback), for the deadline scan. */
export async function listReportsWithLimits(db: Db): Promise<WhistleReportRow[]> {
  return db
    .selectFrom('whistle_reports')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('due_on', 'is not', null), eb('concluded_on', 'is', null)]),
        eb.and([eb('feedback_due_on', 'is not', null), eb('feedback_on', 'is', null)]),
      ]),
    )
    .execute();
}

// ── identities ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertIdentity(trx: Db, reportId: number, sealed: string, now: string): Promise<void> {
  await trx.insertInto('whistle_identities').values({ report_id: reportId, sealed, created_at: now }).execute();
}

export async function findIdentity(db: Db, reportId: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('whistle_identities')
    .select('sealed')
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return r?.sealed;
}

export async function reportIdsWithIdentity(db: Db, reportIds: number[]): Promise<Set<number>> {
  if (reportIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('whistle_identities')
    .select('report_id')
    .where('report_id', 'in', reportIds)
    .execute();
  return new Set(rows.map((r) => r.report_id));
}

// ── attachments ─────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertAttachment(trx: Db, row: Insertable<WhistleAttachmentTable>): Promise<void> {
  await trx.insertInto('whistle_attachments').values(row).execute();
}

export async function listAttachments(db: Db, reportIds: number[]): Promise<WhistleAttachmentRow[]> {
  if (reportIds.length === 0) return [];
  return db.selectFrom('whistle_attachments').selectAll().where('report_id', 'in', reportIds).orderBy('id').execute();
}

export async function findAttachment(db: Db, reportId: number, id: number): Promise<WhistleAttachmentRow | undefined> {
  return db
    .selectFrom('whistle_attachments')
    .selectAll()
    .where('id', '=', id)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
}

// ── lookup attempts ─────────────────────────────────────────────────────────────────────────────────────────────

export async function findLookupAttempt(db: Db, codeHash: string) {
  return db.selectFrom('whistle_lookup_attempts').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/**
 * One more failed lookup of a typed code, atomically (several instances may count at once): a window older than
 * `windowMs` starts again at 1; reaching `limit` failures locks the code until `lockedUntil`.
 */
export async function recordLookupFailure(
  db: Db,
  codeHash: string,
  now: Date,
  windowMs: number,
  limit: number,
  lockedUntil: string,
): Promise<void> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const stale = sql<boolean>`whistle_lookup_attempts.window_start < ${cutoff}`;
  await db
    .insertInto('whistle_lookup_attempts')
    .values({ code_hash: codeHash, failures: 1, window_start: nowIso, locked_until: limit <= 1 ? lockedUntil : null })
    .onConflict((oc) =>
      oc.column('code_hash').doUpdateSet({
        failures: sql`case when ${stale} then 1 else whistle_lookup_attempts.failures + 1 end`,
        window_start: sql`case when ${stale} then ${nowIso} else whistle_lookup_attempts.window_start end`,
        locked_until: sql`case when ${stale} then null when whistle_lookup_attempts.failures + 1 >= ${limit} then ${lockedUntil} else whistle_lookup_attempts.locked_until end`,
      }),
    )
    .execute();
}

export async function clearLookupAttempt(db: Db, codeHash: string): Promise<void> {
  await db.deleteFrom('whistle_lookup_attempts').where('code_hash', '=', codeHash).execute();
}

// ── abuse counters (public_rate_counters) ──────────────────────────────────────────────────────────────────────

/** One hit on each bucket's slot, atomically (insert or raise by one), in one statement. */
export async function addRateHits(db: Db, buckets: string[], slotStart: number): Promise<void> {
  await db
    .insertInto('public_rate_counters')
    .values(buckets.map((bucket) => ({ bucket, window_start: slotStart, hits: 1 })))
    .onConflict((oc) =>
      oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`public_rate_counters.hits + 1` }),
    )
    .execute();
}

/** Hits per bucket in the slots that start after `since` (a bounded number of rows: one per slot and bucket). */
export async function sumRateHits(db: Db, buckets: string[], since: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('public_rate_counters')
    .select(['bucket', (eb) => eb.fn.sum<number>('hits').as('hits')])
    .where('bucket', 'in', buckets)
    .where('window_start', '>', since)
    .groupBy('bucket')
    .execute();
  return new Map(rows.map((r) => [r.bucket, Number(r.hits)]));
}

/** Claims a one-time bucket (a challenge nonce): true the first time, false ever after. */
export async function claimRateBucket(db: Db, bucket: string, windowStart: number): Promise<boolean> {
  const row = await db
    .insertInto('public_rate_counters')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doNothing())
    .returning('bucket')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes at most `limit` expired rows, oldest first, so a sweep after a flood stays a short statement. */
export async function sweepRateCounters(db: Db, before: number, limit = 5000): Promise<void> {
  await sql`delete from public_rate_counters where (bucket, window_start) in (
    select bucket, window_start from public_rate_counters where window_start < ${before}
    order by window_start limit ${limit})`.execute(db);
}

/** The abuse guard's counters on this database. */
export function rateStoreOf(db: Db): RateStore {
  return {
    addHits: (buckets, slotStart) => addRateHits(db, buckets, slotStart),
    sumHits: (buckets, since) => sumRateHits(db, buckets, since),
    claimOnce: (bucket, windowStart) => claimRateBucket(db, bucket, windowStart),
    sweep: (before) => sweepRateCounters(db, before),
  };
}

// ── rewards ─────────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertReward(trx: Db, row: Insertable<WhistleRewardTable>): Promise<number> {
  const r = await trx.insertInto('whistle_rewards').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findRewardOfReport(db: Db, reportId: number): Promise<WhistleRewardRow | undefined> {
  return db.selectFrom('whistle_rewards').selectAll().where('report_id', '=', reportId).executeTakeFirst();
}

export async function findReward(db: Db, orgUnitId: number, id: number): Promise<WhistleRewardRow | undefined> {
  return db
    .selectFrom('whistle_rewards')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function listRewards(db: Db, orgUnitId: number): Promise<(WhistleRewardRow & { receipt_code: string })[]> {
  return db
    .selectFrom('whistle_rewards as w')
    .innerJoin('whistle_reports as r', 'r.id', 'w.report_id')
    .selectAll('w')
    .select('r.receipt_code')
    .where('w.org_unit_id', '=', orgUnitId)
    .orderBy('w.id')
    .execute();
}

export async function listRewardsOfReports(db: Db, reportIds: number[]): Promise<WhistleRewardRow[]> {
  if (reportIds.length === 0) return [];
  return db.selectFrom('whistle_rewards').selectAll().where('report_id', 'in', reportIds).execute();
}

export async function updateReward(
  trx: Db,
  id: number,
  version: number,
  changes: Updateable<WhistleRewardTable>,
): Promise<number | null> {
  const r = await trx
    .updateTable('whistle_rewards')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? version + 1 : null;
}

// ── policy ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function findPolicy(db: Db, orgUnitId: number) {
  return db.selectFrom('whistle_policies').selectAll().where('org_unit_id', '=', orgUnitId).executeTakeFirst();
}

export async function insertPolicy(trx: Db, orgUnitId: number, policy: string, actor: string, now: string) {
  await trx
    .insertInto('whistle_policies')
    .values({ org_unit_id: orgUnitId, policy, updated_at: now, updated_by: actor, version: 1 })
    .execute();
}

export async function updatePolicy(
  trx: Db,
  orgUnitId: number,
  version: number,
  policy: string,
  actor: string,
  now: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('whistle_policies')
    .set({ policy, updated_at: now, updated_by: actor, version: version + 1 })
    .where('org_unit_id', '=', orgUnitId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── deadline steps ──────────────────────────────────────────────────────────────────────────────────────────────

/** The exactly-once claim: true when this call inserted the row. */
export async function claimDeadlineStep(
  trx: Db,
  reportId: number,
  dueOn: string,
  step: string,
  now: string,
): Promise<boolean> {
  const r = await trx
    .insertInto('whistle_deadline_steps')
    .values({ report_id: reportId, due_on: dueOn, step, claimed_at: now })
    .onConflict((oc) => oc.columns(['report_id', 'due_on', 'step']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function countDeadlineSteps(db: Db, reportId: number): Promise<number> {
  const r = await db
    .selectFrom('whistle_deadline_steps')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
