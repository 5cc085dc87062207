import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EvidenceFileTable, ReportStatus, ReportTable } from '../../db/schema.ts';

/** All SQL of reports and evidence_files (the occurrence side is in occurrences.repository.ts). */

// ---------- reports ----------

/** A report with the display names of its author and reviewer (users joined). */
export type ReportRow = Selectable<ReportTable> & { created_by_name: string | null; reviewed_by_name: string | null };

function reports(db: Db, orgUnitId: number) {
  return db
    .selectFrom('reports as r')
    .leftJoin('users as cu', 'cu.id', 'r.created_by')
    .leftJoin('users as ru', 'ru.id', 'r.reviewed_by')
    .where('r.org_unit_id', '=', orgUnitId)
    .select([
      'r.id',
      'r.org_unit_id',
      'r.occurrence_id',
      'r.department_id',
      'r.text',
      'r.work_date',
      'r.status',
      'r.return_reason',
      'r.created_by',
      'cu.display_name as created_by_name',
      'r.created_at',
      'r.updated_at',
      'r.submitted_at',
      'r.reviewed_by',
      'ru.display_name as reviewed_by_name',
      'r.reviewed_at',
      'r.version',
    ]);
}

export async function findReport(db: Db, orgUnitId: number, id: number): Promise<ReportRow | undefined> {
  return reports(db, orgUnitId).where('r.id', '=', id).executeTakeFirst();
}

export async function listReportsOfOccurrence(db: Db, orgUnitId: number, occurrenceId: number): Promise<ReportRow[]> {
  return reports(db, orgUnitId).where('r.occurrence_id', '=', occurrenceId).orderBy('r.id', 'desc').execute();
}

/** The occurrence's report that is not yet accepted, if any (there is at most one). */
export async function findOpenReportId(db: Db, occurrenceId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('occurrence_id', '=', occurrenceId)
    .where('status', '!=', 'accepted')
    .executeTakeFirst();
  return row?.id;
}

export interface ReportListFilter {
  orgUnitId: number;
  departmentId?: number;
  occurrenceId?: number;
  status?: ReportStatus;
  limit: number;
  offset: number;
}

export type ReportListRow = ReportRow & {
  evidence_count: number;
  department_name: string;
  task_id: number;
  task_no: string;
  task_text: string;
  period_key: string;
  due_date: string;
};

/** One page of reports, most recently changed first, with the total over all pages. */
export async function listReports(db: Db, f: ReportListFilter): Promise<{ rows: ReportListRow[]; total: number }> {
  let q = reports(db, f.orgUnitId)
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .innerJoin('occurrences as o', 'o.id', 'r.occurrence_id')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id');
  if (f.departmentId !== undefined) q = q.where('r.department_id', '=', f.departmentId);
  if (f.occurrenceId !== undefined) q = q.where('r.occurrence_id', '=', f.occurrenceId);
  if (f.status !== undefined) q = q.where('r.status', '=', f.status);
  const rows = await q
    .select((eb) => [
      eb
        .selectFrom('evidence_files as e')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('e.report_id', '=', 'r.id')
        .as('evidence_count'),
      'd.name as department_name',
      't.id as task_id',
      't.no as task_no',
      't.text as task_text',
      'o.period_key',
      sql<string>`coalesce(o.extended_due, o.due_date)`.as('due_date'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const list = rows.map((r) => ({ ...r, evidence_count: Number(r.evidence_count ?? 0) }));
  if (rows.length > 0 || f.offset === 0) return { rows: list, total: Number(rows[0]?.total ?? 0) };
  const counted = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: [], total: Number(counted.n) };
}

export async function insertReport(
  db: Db,
  row: {
    orgUnitId: number;
    occurrenceId: number;
    departmentId: number;
    text: string;
    workDate: string;
    createdBy: number;
    now: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('reports')
    .values({
      org_unit_id: row.orgUnitId,
      occurrence_id: row.occurrenceId,
      department_id: row.departmentId,
      text: row.text,
      work_date: row.workDate,
      status: 'draft',
      return_reason: null,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type ReportChange = Partial<
  Pick<ReportRow, 'text' | 'work_date' | 'status' | 'return_reason' | 'submitted_at' | 'reviewed_by' | 'reviewed_at'>
> & { updated_at: string };

/**
 * Changes the report and bumps its version, only if it is still at `expectedVersion` and (when given) in one of
 * `fromStatuses`. Returns the new version, or undefined when someone changed it first.
 */
export async function updateReport(
  db: Db,
  id: number,
  expectedVersion: number,
  change: ReportChange,
  fromStatuses?: readonly ReportStatus[],
): Promise<number | undefined> {
  let q = db
    .updateTable('reports')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion);
  if (fromStatuses) q = q.where('status', 'in', [...fromStatuses]);
  const r = await q.returning('version').executeTakeFirst();
  return r?.version;
}

export async function findReportVersion(db: Db, id: number): Promise<number | undefined> {
  const r = await db.selectFrom('reports').select('version').where('id', '=', id).executeTakeFirst();
  return r?.version;
}

// ---------- evidence ----------

/** An evidence file with the display name of its uploader (users joined). */
export type EvidenceRow = Selectable<EvidenceFileTable> & { uploaded_by_name: string | null };

function evidence(db: Db) {
  return db
    .selectFrom('evidence_files as e')
    .leftJoin('users as u', 'u.id', 'e.uploaded_by')
    .select([
      'e.id',
      'e.report_id',
      'e.sha256',
      'e.file_name',
      'e.mime',
      'e.size',
      'e.uploaded_by',
      'u.display_name as uploaded_by_name',
      'e.created_at',
    ]);
}

export async function listEvidenceOfReports(db: Db, reportIds: number[]): Promise<EvidenceRow[]> {
  if (reportIds.length === 0) return [];
  return evidence(db).where('e.report_id', 'in', reportIds).orderBy('e.id').execute();
}

/** An evidence file with its report's department, within the org unit. */
export async function findEvidence(
  db: Db,
  orgUnitId: number,
  id: number,
): Promise<(EvidenceRow & { department_id: number }) | undefined> {
  return evidence(db)
    .innerJoin('reports as r', 'r.id', 'e.report_id')
    .select('r.department_id')
    .where('r.org_unit_id', '=', orgUnitId)
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function insertEvidence(
  db: Db,
  row: {
    reportId: number;
    sha256: string;
    fileName: string;
    mime: string;
    size: number;
    uploadedBy: number;
    now: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('evidence_files')
    .values({
      report_id: row.reportId,
      sha256: row.sha256,
      file_name: row.fileName,
      mime: row.mime,
      size: row.size,
      uploaded_by: row.uploadedBy,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteEvidence(db: Db, id: number): Promise<void> {
  await db.deleteFrom('evidence_files').where('id', '=', id).execute();
}

/** Evidence already attached: to the report, and to every report of its department (quotas, add-evidence.ts). */
export async function evidenceUsage(db: Db, reportId: number, departmentId: number) {
  const report = await db
    .selectFrom('evidence_files')
    .select((eb) => [
      eb.fn.countAll<number>().as('files'),
      eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'),
    ])
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
  const department = await db
    .selectFrom('evidence_files as e')
    .innerJoin('reports as r', 'r.id', 'e.report_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('e.size'), eb.lit(0)).as('bytes'))
    .where('r.department_id', '=', departmentId)
    .executeTakeFirstOrThrow();
  return {
    reportFiles: Number(report.files),
    reportBytes: Number(report.bytes),
    departmentBytes: Number(department.bytes),
  };
}
