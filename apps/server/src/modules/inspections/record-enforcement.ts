import { todayInShanghai } from '@duban/shared/civil-date';
import type { CreateEnforcementRequest, EnforcementResponse } from '@duban/shared/contracts/inspections';
import { CreateEnforcementRequest as CreateSchema } from '@duban/shared/contracts/inspections';
import {
  closureAlert,
  enforcementProblems,
  isPenalty,
  PUBLICATION_WORKING_DAYS,
} from '@duban/shared/inspections/enforcement';
import { HolidayCalendarError } from '@duban/shared/workdays/holiday-calendar';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { loadWorkdayCalendar } from '../calendar/calendar.service.ts';
import { findEnterpriseForScope } from '../enterprises/enterprises.service.ts';
import {
  type ActingScope,
  enforcementNotFound,
  enterpriseNotFound,
  type InspectionScope,
} from './inspections.policy.ts';
import {
  type EnforcementRow,
  findEnforcement,
  insertEnforcement,
  selectEnforcement,
  selectPenaltyDates,
  setEnforcementPublished,
} from './inspections.repository.ts';
import { loadInspectionInScope } from './read-inspections.ts';

export function presentEnforcement(
  row: EnforcementRow,
  today: string,
  alert: EnforcementResponse['closureAlert'] = null,
): EnforcementResponse {
  return {
    id: row.id,
    inspectionId: row.inspection_id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    departmentId: row.department_id,
    kind: row.kind,
    amountYuan: row.amount_fen === null ? null : row.amount_fen / 100,
    days: row.days,
    legalBasis: row.legal_basis,
    decisionNo: row.decision_no,
    decidedOn: row.decided_on,
    publishBy: row.publish_by,
    publishedOn: row.published_on,
    publicationOverdue:
      row.publish_by !== null &&
      (row.published_on === null ? today > row.publish_by : row.published_on > row.publish_by),
    zeroPenaltyReason: row.zero_reason,
    zeroPenaltyText: row.zero_text,
    majorHazard: row.major_hazard === 1,
    closureAlert: alert,
  };
}

/**
 * Records an enforcement decision (警告, 罚款 …) or a zero-penalty outcome with its reason code. A penalty gets its
 * publication deadline (第78条: 7 working days after the decision, by the working-day calendar); for an enterprise
 * with a major hazard the closure rule (第113条: 3 penalties in 180 days, 4 in a year) is checked and returned.
 */
export async function recordEnforcement(
  db: Db,
  scope: ActingScope,
  request: CreateEnforcementRequest,
  now: Date = new Date(),
): Promise<EnforcementResponse> {
  const input = CreateSchema.parse(request);
  const problems = enforcementProblems({
    kind: input.kind,
    amountYuan: input.amountYuan,
    days: input.days,
    zeroPenaltyReason: input.zeroPenaltyReason,
    zeroPenaltyText: input.zeroPenaltyText,
    decisionNo: input.decisionNo,
    legalBasis: input.legalBasis,
  });
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((x) => x.message).join('；'), problems);
  const enterprise = await findEnterpriseForScope(db, scope.enterprises, input.enterpriseId);
  if (!enterprise) throw enterpriseNotFound();
  let departmentId = scope.departmentId;
  if (input.inspectionId !== null) {
    const inspection = await loadInspectionInScope(db, scope, input.inspectionId);
    if (inspection.enterprise_id !== enterprise.id) {
      throw new AppError('validation_failed', '检查记录与企业不一致', [
        { path: 'inspectionId', message: '不是该企业的检查' },
      ]);
    }
    departmentId = departmentId ?? inspection.department_id;
  }
  let publishBy: string | null = null;
  if (isPenalty(input.kind)) {
    try {
      publishBy = (await loadWorkdayCalendar(db)).addWorkingDays(input.decidedOn, PUBLICATION_WORKING_DAYS);
    } catch (error) {
      if (!(error instanceof HolidayCalendarError)) throw error;
      throw new AppError('validation_failed', `无法计算公示期限：${error.message}`, [
        { path: 'decidedOn', message: error.message },
      ]);
    }
  }
  const { row, alert } = await db.transaction().execute(async (trx) => {
    const row = await insertEnforcement(trx, {
      org_unit_id: scope.orgUnitId,
      inspection_id: input.inspectionId,
      enterprise_id: enterprise.id,
      enterprise_name: enterprise.name,
      department_id: departmentId,
      kind: input.kind,
      amount_fen: input.amountYuan === null ? null : Math.round(input.amountYuan * 100),
      days: input.days,
      legal_basis: input.legalBasis,
      decision_no: input.decisionNo,
      decided_on: input.decidedOn,
      publish_by: publishBy,
      published_on: null,
      zero_reason: input.zeroPenaltyReason,
      zero_text: input.zeroPenaltyText,
      major_hazard: input.majorHazard ? 1 : 0,
      created_by: scope.actor,
      created_at: now.toISOString(),
    });
    const hit =
      input.majorHazard && isPenalty(input.kind)
        ? closureAlert(await selectPenaltyDates(trx, scope.orgUnitId, enterprise.id))
        : null;
    const alert = hit ? { enterpriseId: enterprise.id, enterpriseName: enterprise.name, ...hit } : null;
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'enforcement.record',
        entity: 'enforcement_action',
        entityId: row.id,
        after: { ...input, publishBy, closureAlert: alert },
      },
      now,
    );
    return { row, alert };
  });
  return presentEnforcement(row, todayInShanghai(now), alert);
}

function inReach(scope: InspectionScope, row: EnforcementRow): boolean {
  if (scope.enterpriseId !== null && row.enterprise_id !== scope.enterpriseId) return false;
  if (scope.departmentId !== null && row.department_id !== scope.departmentId) return false;
  return true;
}

/** The decision is published (公示) on a date; once only. */
export async function publishEnforcement(
  db: Db,
  scope: ActingScope,
  id: number,
  publishedOn: string,
  now: Date = new Date(),
): Promise<EnforcementResponse> {
  const row = await db.transaction().execute(async (trx) => {
    const current = await findEnforcement(trx, scope.orgUnitId, id);
    if (!current || !inReach(scope, current)) throw enforcementNotFound();
    if (!isPenalty(current.kind)) throw new AppError('conflict', '零处罚记录无需公示');
    if (publishedOn < current.decided_on) {
      throw new AppError('validation_failed', '公示日期不能早于决定日期', [
        { path: 'publishedOn', message: '早于决定日期' },
      ]);
    }
    const updated = await setEnforcementPublished(trx, id, publishedOn);
    if (!updated) throw new AppError('conflict', '该决定已公示 (already published)');
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'enforcement.publish',
        entity: 'enforcement_action',
        entityId: id,
        after: { publishedOn },
      },
      now,
    );
    return updated;
  });
  return presentEnforcement(row, todayInShanghai(now));
}

export async function listEnforcement(
  db: Db,
  scope: InspectionScope,
  query: { year?: number; enterpriseId?: number },
  now: Date = new Date(),
): Promise<EnforcementResponse[]> {
  const rows = await selectEnforcement(db, {
    orgUnitId: scope.orgUnitId,
    departmentId: scope.departmentId,
    enterpriseId: scope.enterpriseId ?? query.enterpriseId ?? null,
    from: query.year ? `${query.year}-01-01` : undefined,
    to: query.year ? `${query.year}-12-31` : undefined,
  });
  const today = todayInShanghai(now);
  return rows.map((r) => presentEnforcement(r, today));
}

export async function getEnforcement(
  db: Db,
  scope: InspectionScope,
  id: number,
  now = new Date(),
): Promise<EnforcementResponse> {
  const row = await findEnforcement(db, scope.orgUnitId, id);
  if (!row || !inReach(scope, row)) throw enforcementNotFound();
  return presentEnforcement(row, todayInShanghai(now));
}

/** Enterprises whose major-hazard penalties hit the closure rule (第113条). */
export async function closureAlerts(db: Db, scope: InspectionScope) {
  const rows = await selectEnforcement(db, {
    orgUnitId: scope.orgUnitId,
    departmentId: scope.departmentId,
    enterpriseId: scope.enterpriseId,
  });
  const byEnterprise = new Map<number, { name: string; dates: string[] }>();
  for (const r of rows) {
    if (r.major_hazard !== 1 || !isPenalty(r.kind)) continue;
    const e = byEnterprise.get(r.enterprise_id) ?? { name: r.enterprise_name, dates: [] };
    e.dates.push(r.decided_on);
    byEnterprise.set(r.enterprise_id, e);
  }
  const alerts = [];
  for (const [enterpriseId, e] of byEnterprise) {
    const hit = closureAlert(e.dates);
    if (hit) alerts.push({ enterpriseId, enterpriseName: e.name, ...hit });
  }
  return alerts.sort((a, b) => a.enterpriseId - b.enterpriseId);
}
