import type { Readable } from 'node:stream';
import type {
  InboxQuery,
  InboxResponse,
  ListReportsQuery,
  ListReportsResponse,
  OccurrenceDetailResponse,
  ReportResponse,
} from '@duban/shared/contracts/progress';
import type { Db } from '../../db/database.ts';
import { findOccurrence, listInbox } from './occurrences.repository.ts';
import {
  canSee,
  departmentFilter,
  evidenceNotFound,
  occurrenceNotFound,
  type ProgressScope,
  reportNotFound,
} from './progress.policy.ts';
import {
  type EvidenceRow,
  findEvidence,
  findReport,
  listEvidenceOfReports,
  listReports,
  listReportsOfOccurrence,
} from './progress.repository.ts';
import { statusClock, toOccurrenceSummary, toReport, toReportListItem } from './progress.views.ts';
import type { EvidenceStorage } from './storage/evidence-storage.ts';

/** The caller's occurrences (a department: its own; office and leaders: any department, or all). */
export async function getInbox(db: Db, scope: ProgressScope, q: InboxQuery, now = new Date()): Promise<InboxResponse> {
  const clock = statusClock(now);
  const { rows, total } = await listInbox(db, {
    orgUnitId: scope.orgUnitId,
    departmentId: departmentFilter(scope, q.departmentId),
    taskId: q.taskId,
    year: q.year,
    status: q.status,
    limit: q.limit,
    offset: q.offset,
    ...clock,
  });
  return {
    items: rows.map((o) => toOccurrenceSummary(o, clock)),
    total,
    limit: q.limit,
    offset: q.offset,
    today: clock.today,
  };
}

export async function getOccurrenceDetail(
  db: Db,
  scope: ProgressScope,
  id: number,
  now = new Date(),
): Promise<OccurrenceDetailResponse> {
  const o = await findOccurrence(db, scope.orgUnitId, id);
  if (!o || !canSee(scope, { departmentId: o.department_id })) throw occurrenceNotFound();
  const reports = await listReportsOfOccurrence(db, scope.orgUnitId, id);
  const evidence = await listEvidenceOfReports(
    db,
    reports.map((r) => r.id),
  );
  return {
    ...toOccurrenceSummary(o, statusClock(now)),
    deadlineText: o.deadline_text,
    reports: reports.map((r) => toReport(r, evidence)),
  };
}

export async function getReport(db: Db, scope: ProgressScope, id: number): Promise<ReportResponse> {
  const r = await findReport(db, scope.orgUnitId, id);
  if (!r || !canSee(scope, { departmentId: r.department_id })) throw reportNotFound();
  return toReport(r, await listEvidenceOfReports(db, [r.id]));
}

export async function getReportList(db: Db, scope: ProgressScope, q: ListReportsQuery): Promise<ListReportsResponse> {
  const { rows, total } = await listReports(db, {
    orgUnitId: scope.orgUnitId,
    departmentId: departmentFilter(scope, q.departmentId),
    occurrenceId: q.occurrenceId,
    status: q.status,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: rows.map(toReportListItem), total, limit: q.limit, offset: q.offset };
}

/** An evidence file's record and its bytes, if the caller may see its report. */
export async function openEvidence(
  db: Db,
  storage: EvidenceStorage,
  scope: ProgressScope,
  id: number,
): Promise<{ record: EvidenceRow; body: Readable | Buffer }> {
  const record = await findEvidence(db, scope.orgUnitId, id);
  if (!record || !canSee(scope, { departmentId: record.department_id })) throw evidenceNotFound();
  return { record, body: await storage.get(record.sha256) };
}
