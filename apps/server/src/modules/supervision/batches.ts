import { todayInShanghai } from '@duban/shared/civil-date';
import type { BatchResponse, IssueBatchesRequest } from '@duban/shared/contracts/supervision';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import { composeQueuedNotifications } from '../notifications/compose-notifications.ts';
import { enqueueManualStep } from '../notifications/occurrence-notices.ts';
import { claimManualStep } from '../reminders/reminders.repository.ts';
import { batchDocumentModel, renderBatchDocx, renderBatchPdf } from './batch-document.ts';
import { DEFAULT_PATTERNS, formatDocNumber, patternProblem } from './doc-number.ts';
import { canSeeDepartment, type OfficeScope, type SupervisionReadScope } from './supervision.policy.ts';
import {
  findBatch,
  findOccurrenceDue,
  findSettings,
  insertBatch,
  insertSupervisionAction,
  listBatches,
  listBatchItems,
  nextBatchNumber,
  type SupervisionBatchRow,
  upsertSettings,
} from './supervision.repository.ts';

/**
 * 督办/催办 by department, in batches (issue 13 item 5): the office selects overdue 任务事项 across departments; each
 * department gets ONE numbered notice (文号 from the unit's pattern, next number of the year's series) covering
 * all its selected items; every item gets its own 督办 record (batch_id) so its reply is tracked item by item, and
 * is notified like any manual step. One transaction: all notices or none.
 */
export const batchNotFound = () => new AppError('not_found', '督办通知不存在 (batch not found)');

export function periodText(key: string): string {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${m[1]}年第${m[2]}季度`;
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  if (/^\d{4}$/.test(key)) return `${key}年`;
  return key;
}

export async function supervisionPatterns(db: Db, orgUnitId: number) {
  const s = await findSettings(db, orgUnitId);
  return {
    noticePattern: s?.notice_pattern ?? DEFAULT_PATTERNS.notice,
    urgePattern: s?.urge_pattern ?? DEFAULT_PATTERNS.urge,
    version: s?.version ?? null,
  };
}

export async function saveSupervisionPatterns(
  db: Db,
  scope: OfficeScope,
  input: { noticePattern: string; urgePattern: string; version: number | null },
) {
  for (const [path, pattern] of [
    ['noticePattern', input.noticePattern],
    ['urgePattern', input.urgePattern],
  ] as const) {
    const problem = patternProblem(pattern);
    if (problem) throw new AppError('validation_failed', problem, [{ path, message: problem }]);
  }
  await db.transaction().execute(async (trx) => {
    const before = await findSettings(trx, scope.orgUnitId);
    if ((before?.version ?? null) !== input.version) {
      throw new AppError('conflict', '文号设置已被他人修改，请刷新后重试 (stale version)', {
        currentVersion: before?.version ?? null,
      });
    }
    const ok = await upsertSettings(
      trx,
      {
        org_unit_id: scope.orgUnitId,
        notice_pattern: input.noticePattern,
        urge_pattern: input.urgePattern,
        updated_at: new Date().toISOString(),
      },
      input.version,
    );
    if (!ok) throw new AppError('conflict', '文号设置已被他人修改，请刷新后重试 (stale version)');
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'supervision.settings',
      entity: 'org_unit',
      entityId: scope.orgUnitId,
      before: before ? { noticePattern: before.notice_pattern, urgePattern: before.urge_pattern } : null,
      after: { noticePattern: input.noticePattern, urgePattern: input.urgePattern },
    });
  });
  return supervisionPatterns(db, scope.orgUnitId);
}

export async function issueBatches(
  db: Db,
  scope: OfficeScope,
  input: IssueBatchesRequest,
  now: Date = new Date(),
): Promise<BatchResponse[]> {
  const today = todayInShanghai(now);
  const replyBy = input.kind === 'notice' ? (input.replyBy ?? null) : null;
  if (replyBy !== null && replyBy < today) {
    throw new AppError('validation_failed', `回复期限不能早于今天（${today}）`, [
      { path: 'replyBy', message: `不能早于 ${today}` },
    ]);
  }
  const year = Number(today.slice(0, 4));
  const ids = await db.transaction().execute(async (trx) => {
    const patterns = await supervisionPatterns(trx, scope.orgUnitId);
    const byDepartment = new Map<number, { id: number; due: string }[]>();
    for (const occurrenceId of [...new Set(input.occurrenceIds)]) {
      const o = await findOccurrenceDue(trx, scope.orgUnitId, occurrenceId);
      if (!o) throw new AppError('not_found', `任务事项 ${occurrenceId} 不存在 (occurrence not found)`);
      if (o.report_state === 'accepted') {
        throw new AppError(
          'conflict',
          `任务事项 ${occurrenceId} 已办结，不能再${input.kind === 'notice' ? '督办' : '催办'}`,
        );
      }
      const list = byDepartment.get(o.department_id) ?? [];
      list.push({ id: o.id, due: o.extended_due ?? o.due_date });
      byDepartment.set(o.department_id, list);
    }
    const created: number[] = [];
    for (const [departmentId, items] of byDepartment) {
      const seq = await nextBatchNumber(trx, scope.orgUnitId, input.kind, year);
      const docNo = formatDocNumber(input.kind === 'notice' ? patterns.noticePattern : patterns.urgePattern, year, seq);
      const batch = await insertBatch(trx, {
        org_unit_id: scope.orgUnitId,
        department_id: departmentId,
        kind: input.kind,
        year,
        seq_no: seq,
        doc_no: docNo,
        note: input.note,
        reply_by: replyBy,
        actor: scope.actor,
        created_at: now.toISOString(),
      });
      const actionIds: number[] = [];
      for (const item of items) {
        const action = await insertSupervisionAction(trx, {
          org_unit_id: scope.orgUnitId,
          occurrence_id: item.id,
          department_id: departmentId,
          kind: input.kind,
          note: `${docNo}：${input.note}`,
          reply_by: replyBy,
          actor: scope.actor,
          created_at: now.toISOString(),
          batch_id: batch.id,
        });
        actionIds.push(action.id);
        const stepId = await claimManualStep(trx, {
          orgUnitId: scope.orgUnitId,
          occurrenceId: item.id,
          due: item.due,
          kind: input.kind,
          actionId: action.id,
          today,
          now,
        });
        await enqueueManualStep(trx, {
          orgUnitId: scope.orgUnitId,
          stepId,
          occurrenceId: item.id,
          kind: input.kind,
          supervisionActionId: action.id,
          replyBy,
          fireDate: today,
          now,
        });
      }
      await appendAudit(
        trx,
        {
          orgUnitId: scope.orgUnitId,
          actor: scope.actor,
          action: 'supervision.batch',
          entity: 'supervision_batch',
          entityId: batch.id,
          after: { docNo, kind: input.kind, departmentId, occurrenceIds: items.map((i) => i.id), actionIds, replyBy },
        },
        now,
      );
      created.push(batch.id);
    }
    return created;
  });
  await composeQueuedNotifications(db, { now }).catch((error: unknown) =>
    console.error(`通知生成失败: ${error instanceof Error ? error.message : String(error)}`),
  );
  const out: BatchResponse[] = [];
  for (const id of ids) out.push(await getBatch(db, { orgUnitId: scope.orgUnitId, departmentId: null }, id));
  return out;
}

async function present(db: Db, b: SupervisionBatchRow): Promise<BatchResponse> {
  const items = await listBatchItems(db, b.id);
  const dept = await findUnitDepartment(db, b.org_unit_id, b.department_id);
  return {
    id: b.id,
    kind: b.kind,
    docNo: b.doc_no,
    year: b.year,
    department: { id: b.department_id, name: dept?.name ?? '' },
    note: b.note,
    replyBy: b.reply_by,
    createdAt: b.created_at,
    items: items.map((i) => ({
      actionId: i.action_id,
      occurrenceId: i.occurrence_id,
      taskNo: i.task_no,
      taskText: i.task_text,
      periodKey: i.period_key,
      dueDate: i.extended_due ?? i.due_date,
      reportState: i.report_state,
      reply: i.reply_text === null ? null : { text: i.reply_text, at: i.replied_at ?? '' },
      version: i.version,
    })),
    replied: items.filter((i) => i.reply_text !== null).length,
  };
}

export async function getBatch(db: Db, scope: SupervisionReadScope, id: number): Promise<BatchResponse> {
  const b = await findBatch(db, scope.orgUnitId, id);
  if (!b || !canSeeDepartment(scope, b.department_id)) throw batchNotFound();
  return present(db, b);
}

export async function listMyBatches(db: Db, scope: SupervisionReadScope): Promise<BatchResponse[]> {
  const rows = await listBatches(db, {
    orgUnitId: scope.orgUnitId,
    departmentId: scope.departmentId,
    limit: 200,
  });
  const out: BatchResponse[] = [];
  for (const b of rows) out.push(await present(db, b));
  return out;
}

export async function batchDocument(
  db: Db,
  scope: SupervisionReadScope,
  id: number,
  format: 'docx' | 'pdf',
  unitName: string,
): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  const batch = await getBatch(db, scope, id);
  const issuer = `${unitName}安全生产委员会办公室`;
  const model = batchDocumentModel({
    kind: batch.kind,
    docNo: batch.docNo,
    issuer,
    departmentName: batch.department.name,
    note: batch.note,
    replyBy: batch.replyBy,
    createdOn: todayInShanghai(new Date(batch.createdAt)),
    items: batch.items.map((i) => ({
      taskNo: i.taskNo,
      taskText: i.taskText,
      period: periodText(i.periodKey),
      due: i.dueDate,
    })),
  });
  const base = `${batch.docNo}_${batch.department.name}`;
  if (format === 'pdf') {
    return { bytes: await renderBatchPdf(model), fileName: `${base}.pdf`, contentType: 'application/pdf' };
  }
  return {
    bytes: await renderBatchDocx(model),
    fileName: `${base}.docx`,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
}
