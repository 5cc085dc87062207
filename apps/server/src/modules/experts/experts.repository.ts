import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ExpertCertificateTable, ExpertEngagementTable, ExpertTable } from '../../db/schema.ts';

/** All SQL of the expert pool's tables (experts, expert_certificates, expert_certificate_warnings, expert_engagements). */
export type ExpertRow = Selectable<ExpertTable>;
export type CertificateRow = Selectable<ExpertCertificateTable>;
export type EngagementRow = Selectable<ExpertEngagementTable>;

export async function insertExpert(db: Db, row: Insertable<ExpertTable>): Promise<ExpertRow> {
  return db.insertInto('experts').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function findExpert(db: Db, orgUnitId: number, id: number): Promise<ExpertRow | undefined> {
  return db
    .selectFrom('experts')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function selectExperts(db: Db, orgUnitId: number): Promise<ExpertRow[]> {
  return db.selectFrom('experts').selectAll().where('org_unit_id', '=', orgUnitId).orderBy('id').execute();
}
export async function selectExpertsByIds(db: Db, ids: number[]): Promise<ExpertRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('experts').selectAll().where('id', 'in', ids).execute();
}
export async function updateExpertVersioned(
  db: Db,
  id: number,
  version: number,
  changes: Updateable<ExpertTable>,
): Promise<ExpertRow | undefined> {
  return db
    .updateTable('experts')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
export async function insertCertificate(db: Db, row: Insertable<ExpertCertificateTable>): Promise<CertificateRow> {
  return db.insertInto('expert_certificates').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function selectCertificates(db: Db, expertIds: number[]): Promise<CertificateRow[]> {
  if (expertIds.length === 0) return [];
  return db.selectFrom('expert_certificates').selectAll().where('expert_id', 'in', expertIds).orderBy('id').execute();
}
export async function insertEngagement(db: Db, row: Insertable<ExpertEngagementTable>): Promise<EngagementRow> {
  return db.insertInto('expert_engagements').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function selectEngagements(db: Db, expertIds: number[]): Promise<EngagementRow[]> {
  if (expertIds.length === 0) return [];
  return db
    .selectFrom('expert_engagements')
    .selectAll()
    .where('expert_id', 'in', expertIds)
    .orderBy('engaged_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
export async function findEngagement(db: Db, orgUnitId: number, id: number) {
  return db
    .selectFrom('expert_engagements')
    .innerJoin('experts', 'experts.id', 'expert_engagements.expert_id')
    .selectAll('expert_engagements')
    .where('experts.org_unit_id', '=', orgUnitId)
    .where('expert_engagements.id', '=', id)
    .executeTakeFirst();
}
export async function setEvaluation(db: Db, id: number, score: number, evaluation: string, by: string): Promise<void> {
  await db
    .updateTable('expert_engagements')
    .set({ score, evaluation, evaluated_by: by })
    .where('id', '=', id)
    .execute();
}
/** Certificates of the unit expiring on or before a date. */
export async function selectExpiringCertificates(db: Db, orgUnitId: number, until: string) {
  return db
    .selectFrom('expert_certificates')
    .innerJoin('experts', 'experts.id', 'expert_certificates.expert_id')
    .select([
      'expert_certificates.id',
      'expert_certificates.expert_id',
      'expert_certificates.name',
      'expert_certificates.expires_on',
      'experts.name as expert_name',
    ])
    .where('experts.org_unit_id', '=', orgUnitId)
    .where('expert_certificates.expires_on', '<=', until)
    .orderBy('expert_certificates.id')
    .execute();
}
/** The exactly-once claim of a warning: true when this call made it. */
export async function claimWarning(
  db: Db,
  certificateId: number,
  expiresOn: string,
  stage: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .insertInto('expert_certificate_warnings')
    .values({ certificate_id: certificateId, expires_on: expiresOn, stage, claimed_at: at })
    .onConflict((oc) => oc.columns(['certificate_id', 'expires_on', 'stage']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The units that keep an expert pool (the scheduled certificate scan visits each). */
export async function selectUnitsWithExperts(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('experts').select('org_unit_id').distinct().execute();
  return rows.map((r) => r.org_unit_id);
}
