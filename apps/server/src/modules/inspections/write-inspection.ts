import type {
  CompleteRequest,
  CreateInspectionRequest,
  InspectionResponse,
  SignRequest,
  UpdateInspectionRequest,
} from '@duban/shared/contracts/inspections';
import {
  CreateInspectionRequest as CreateSchema,
  UpdateInspectionRequest as UpdateSchema,
} from '@duban/shared/contracts/inspections';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findEnterpriseForScope } from '../enterprises/enterprises.service.ts';
import { type ActingScope, enterpriseNotFound, staleVersion } from './inspections.policy.ts';
import {
  allocateDocumentNumber,
  findInspector,
  findPlan,
  type InspectionRow,
  insertInspection,
  insertTeam,
  selectFindings,
  updateInspectionVersioned,
} from './inspections.repository.ts';
import { newChecklist, unsignedColumns } from './new-inspection.ts';
import { getInspection, loadInspectionInScope } from './read-inspections.ts';

/**
 * Records an inspection: the enterprise (reached through the registry's scope rules), the mode, the trigger, the
 * date, a team of at least two staff inspectors from the pool (experts may join), and the checklist from the
 * matter list. A department user records for their own department and must be on the team.
 */
export async function createInspection(
  db: Db,
  scope: ActingScope,
  request: CreateInspectionRequest,
  now: Date = new Date(),
): Promise<InspectionResponse> {
  const input = CreateSchema.parse(request);
  const enterprise = await findEnterpriseForScope(db, scope.enterprises, input.enterpriseId);
  if (!enterprise) throw enterpriseNotFound();
  const team = [...new Set(input.inspectorIds)];
  const people = await Promise.all(team.map((id) => findInspector(db, scope.orgUnitId, id)));
  const problems: { path: string; message: string }[] = [];
  people.forEach((person, i) => {
    if (person?.active !== 1)
      problems.push({ path: `inspectorIds.${i}`, message: `第 ${i + 1} 名检查人员不在人员库中` });
  });
  if (people.filter((x) => x?.kind === 'staff').length < 2) {
    problems.push({ path: 'inspectorIds', message: '检查组须有 2 名以上执法人员' });
  }
  if (scope.inspectorId !== null && !team.includes(scope.inspectorId)) {
    problems.push({ path: 'inspectorIds', message: '记录人须在检查组中' });
  }
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((x) => x.message).join('；'), problems);
  const checklist = await newChecklist(db, scope.orgUnitId, input.matterId);
  if (input.planId !== null && !(await findPlan(db, scope.orgUnitId, input.planId))) {
    throw new AppError('not_found', '检查计划不存在 (plan not found)');
  }
  const stamp = now.toISOString();
  const row = await db.transaction().execute(async (trx) => {
    const r = await insertInspection(trx, {
      org_unit_id: scope.orgUnitId,
      enterprise_id: enterprise.id,
      enterprise_name: enterprise.name,
      // The recording department; for the office, the department of the team's first staff inspector.
      department_id:
        scope.departmentId ??
        people.find((x) => x?.kind === 'staff' && x.department_id !== null)?.department_id ??
        null,
      plan_id: input.planId,
      draw_id: null,
      matter_id: input.matterId,
      mode: input.mode,
      trigger: input.trigger,
      inspected_on: input.inspectedOn,
      checklist,
      ...unsignedColumns(scope.actor, stamp),
    });
    await insertTeam(trx, r.id, team);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection.create',
        entity: 'inspection',
        entityId: r.id,
        after: { enterpriseId: r.enterprise_id, mode: r.mode, trigger: r.trigger, inspectedOn: r.inspected_on, team },
      },
      now,
    );
    return r;
  });
  return getInspection(db, scope, row.id);
}

const completedRefusal = () => new AppError('conflict', '检查已办结，不能再修改 (inspection completed)');

/**
 * One change to an inspection of the scope that is not completed yet (409 on a stale version or a completed one):
 * the changed columns and their audit event in one transaction; answers the inspection as it is now.
 */
async function versionedWrite(
  db: Db,
  scope: ActingScope,
  id: number,
  version: number,
  action: string,
  change: (row: InspectionRow, trx: Db) => Promise<Partial<InspectionRow>>,
  now: Date,
): Promise<InspectionResponse> {
  await db.transaction().execute(async (trx) => {
    const row = await loadInspectionInScope(trx, scope, id);
    if (row.version !== version) throw staleVersion(row.version);
    if (row.status === 'completed') throw completedRefusal();
    const changes = await change(row, trx);
    const { id: _id, version: _v, ...rest } = changes;
    const updated = await updateInspectionVersioned(trx, id, version, { ...rest, updated_at: now.toISOString() });
    if (!updated) throw staleVersion(row.version + 1);
    const before: Record<string, unknown> = {};
    for (const key of Object.keys(rest)) before[key] = row[key as keyof InspectionRow];
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action,
        entity: 'inspection',
        entityId: id,
        before,
        after: rest,
      },
      now,
    );
  });
  return getInspection(db, scope, id);
}

/** Checklist results, summary, status (scheduled ↔ in progress): versioned, 409 on a stale version. */
export async function updateInspection(
  db: Db,
  scope: ActingScope,
  id: number,
  request: UpdateInspectionRequest,
  now: Date = new Date(),
): Promise<InspectionResponse> {
  const input = UpdateSchema.parse(request);
  return versionedWrite(
    db,
    scope,
    id,
    input.version,
    'inspection.update',
    async () => ({
      ...(input.checklist !== undefined && { checklist: JSON.stringify(input.checklist) }),
      ...(input.summary !== undefined && { summary: input.summary }),
      ...(input.status !== undefined && { status: input.status }),
    }),
    now,
  );
}

/** 安全生产法 第68条: the enterprise's responsible person signs the record, or the refusal is recorded. */
export async function signInspection(
  db: Db,
  scope: ActingScope,
  id: number,
  input: SignRequest,
  now: Date = new Date(),
): Promise<InspectionResponse> {
  return versionedWrite(
    db,
    scope,
    id,
    input.version,
    'inspection.sign',
    async () =>
      input.outcome === 'signed'
        ? { signature: 'signed', signed_by: input.signedBy ?? null, refusal_note: null }
        : { signature: 'refused', signed_by: null, refusal_note: input.refusalNote ?? null },
    now,
  );
}

/**
 * Completes an inspection: it needs the signature or the recorded refusal and no pending checklist item; it gets
 * its 现场检查记录 number, and, when there are findings, a 责令限期整改指令书 number with the time limit.
 * Numbers are per unit and year: 〔YYYY〕NNNN.
 */
export async function completeInspection(
  db: Db,
  scope: ActingScope,
  id: number,
  input: CompleteRequest,
  now: Date = new Date(),
): Promise<InspectionResponse> {
  return versionedWrite(
    db,
    scope,
    id,
    input.version,
    'inspection.complete',
    async (row, trx) => {
      const problems: { path: string; message: string }[] = [];
      if (row.signature === 'pending')
        problems.push({ path: 'signature', message: '须由企业负责人签字或记录拒签情况' });
      const checklist = JSON.parse(row.checklist) as { item: string; result: string }[];
      checklist.forEach((c, i) => {
        if (c.result === 'pending') problems.push({ path: `checklist.${i}`, message: `检查项“${c.item}”尚未填写结果` });
      });
      const findings = await selectFindings(trx, [row.id]);
      if (findings.length > 0 && !input.orderDueOn) {
        problems.push({ path: 'orderDueOn', message: '有问题隐患时须填写整改期限（责令限期整改指令书）' });
      }
      if (input.orderDueOn && input.orderDueOn < row.inspected_on) {
        problems.push({ path: 'orderDueOn', message: '整改期限不能早于检查日期' });
      }
      if (problems.length > 0)
        throw new AppError('validation_failed', problems.map((x) => x.message).join('；'), problems);
      const year = Number(row.inspected_on.slice(0, 4));
      const numbered = async (kind: 'record_no' | 'order_no', prefix: string) =>
        `${prefix}〔${year}〕${String(await allocateDocumentNumber(trx, scope.orgUnitId, kind, year)).padStart(4, '0')}号`;
      const recordNo = await numbered('record_no', '检记');
      const orderNo = findings.length > 0 ? await numbered('order_no', '责改') : null;
      return {
        status: 'completed',
        record_no: recordNo,
        order_no: orderNo,
        order_due_on: findings.length > 0 ? (input.orderDueOn ?? null) : null,
      };
    },
    now,
  );
}
