import type { InspectionResponse, PlanResponse } from '@duban/shared/contracts/inspections';
import type { FindingRow, InspectionRow, PlanRow } from './inspections.repository.ts';

export function presentPlan(row: PlanRow): PlanResponse {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    classTable: row.class_table,
    status: row.status,
    summary: JSON.parse(row.summary),
    createdAt: row.created_at,
    approvedAt: row.approved_at,
    publishedAt: row.published_at,
    version: row.version,
  };
}

export function presentInspection(
  row: InspectionRow,
  team: { inspectorId: number; name: string; kind: string }[],
  findings: FindingRow[],
): InspectionResponse {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    departmentId: row.department_id,
    planId: row.plan_id,
    drawId: row.draw_id,
    matterId: row.matter_id,
    mode: row.mode,
    trigger: row.trigger,
    inspectedOn: row.inspected_on,
    status: row.status,
    checklist: JSON.parse(row.checklist),
    summary: row.summary,
    signature: row.signature,
    signedBy: row.signed_by,
    refusalNote: row.refusal_note,
    recordNo: row.record_no,
    orderNo: row.order_no,
    orderDueOn: row.order_due_on,
    team,
    findings: findings.map((f) => ({
      id: f.id,
      clientKey: f.client_key,
      item: f.item,
      description: f.description,
      place: f.place,
      level: f.level,
      photoKeys: JSON.parse(f.photos),
      hazardId: f.hazard_id,
      createdAt: f.created_at,
    })),
    version: row.version,
    updatedAt: row.updated_at,
  };
}
