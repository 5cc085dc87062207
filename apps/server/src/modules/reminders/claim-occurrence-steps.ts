import { todayInShanghai } from '@duban/shared/civil-date';
import type { NotificationItem } from '@duban/shared/contracts/notifications';
import type { ReminderPolicy } from '@duban/shared/contracts/reminders';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import {
  enqueueNotification,
  type RecipientDirectory,
  resolveRecipients,
} from '../notifications/enqueue-notification.ts';
import { shorten } from '../notifications/message-templates.ts';
import {
  findOccurrenceDue,
  insertSupervisionAction,
  listSupervisionActions,
  lockOccurrence,
} from '../supervision/supervision.repository.ts';
import type { PlannedStep, WorkingDayArithmetic } from './plan-steps.ts';
import { claimStep, type ScanCandidate, setStepSupervisionAction } from './reminders.repository.ts';

/**
 * Takes the due steps of ONE occurrence in ONE transaction: lock the occurrence, check it is still open with the
 * same effective due date, then per step insert the claim (on conflict do nothing) and — only where this
 * transaction inserted it — create the 督办 ladder record (催办/督办单/约谈, actor 'system', through the
 * supervision repository), queue the notifications, and append one audit event. A restart or a second instance
 * running the same scan finds the claims and does nothing.
 */
export interface ClaimedStep {
  step: string;
  status: 'sent' | 'skipped';
  reason: string | null;
  supervisionActionId: number | null;
  queued: number;
}

export interface ClaimContext {
  scanDate: string;
  now: Date;
  policy: ReminderPolicy;
  calendar: WorkingDayArithmetic;
  directory: RecipientDirectory;
}

const OPEN_STATES = new Set(['none', 'draft', 'returned']);

export async function claimOccurrenceSteps(
  db: Db,
  occ: ScanCandidate,
  steps: PlannedStep[],
  ctx: ClaimContext,
): Promise<ClaimedStep[]> {
  const due = occ.extended_due ?? occ.due_date;
  return db.transaction().execute(async (trx) => {
    await lockOccurrence(trx, occ.id);
    const current = await findOccurrenceDue(trx, occ.org_unit_id, occ.id);
    if (!current || !OPEN_STATES.has(current.report_state) || (current.extended_due ?? current.due_date) !== due) {
      return [];
    }
    const claimed: ClaimedStep[] = [];
    for (const s of steps) {
      let status: 'sent' | 'skipped' = s.action === 'send' ? 'sent' : 'skipped';
      let reason: string | null = s.reason;
      if (status === 'sent' && s.kind !== 'reminder' && (await officeAlreadyDid(trx, occ, s.kind, due))) {
        status = 'skipped';
        reason = 'manual';
      }
      const stepId = await claimStep(trx, {
        org_unit_id: occ.org_unit_id,
        occurrence_id: occ.id,
        due_date: due,
        step: s.step,
        fire_date: s.fireDate,
        scan_date: ctx.scanDate,
        status,
        reason,
        claimed_at: ctx.now.toISOString(),
      });
      if (stepId === undefined) continue;
      let actionId: number | null = null;
      let replyBy: string | null = null;
      let queued = 0;
      if (status === 'sent') {
        if (s.kind !== 'reminder') {
          replyBy =
            s.kind === 'notice' ? ctx.calendar.addWorkingDays(ctx.scanDate, ctx.policy.noticeReplyWorkingDays) : null;
          const action = await insertSupervisionAction(trx, {
            org_unit_id: occ.org_unit_id,
            occurrence_id: occ.id,
            department_id: occ.department_id,
            kind: s.kind,
            note: escalationNote(s.kind, occ, due, replyBy, ctx.policy),
            reply_by: replyBy,
            actor: 'system',
            created_at: ctx.now.toISOString(),
          });
          actionId = action.id;
          await setStepSupervisionAction(trx, stepId, action.id);
        }
        const item: NotificationItem = {
          occurrenceId: occ.id,
          step: s.step,
          kind: s.kind,
          daysBefore: s.daysBefore,
          taskNo: occ.task_no,
          taskText: occ.task_text,
          departmentId: occ.department_id,
          departmentName: occ.department_name,
          due,
          replyBy,
          fireDate: s.fireDate,
          supervisionActionId: actionId,
        };
        const audience = ctx.policy.recipients[s.kind];
        queued = await enqueueNotification(trx, {
          orgUnitId: occ.org_unit_id,
          stepId,
          item,
          recipients: resolveRecipients(ctx.directory, occ.department_id, audience),
          now: ctx.now,
        });
      }
      claimed.push({ step: s.step, status, reason, supervisionActionId: actionId, queued });
    }
    if (claimed.length > 0) {
      await appendAudit(
        trx,
        {
          orgUnitId: occ.org_unit_id,
          actor: 'system',
          action: 'reminder.steps',
          entity: 'occurrence',
          entityId: occ.id,
          after: { due, scanDate: ctx.scanDate, steps: claimed },
        },
        ctx.now,
      );
    }
    return claimed;
  });
}

/** The office already recorded this ladder step by hand after the due date: the system does not repeat it. */
async function officeAlreadyDid(trx: Db, occ: ScanCandidate, kind: PlannedStep['kind'], due: string): Promise<boolean> {
  if (kind === 'reminder') return false;
  const actions = await listSupervisionActions(trx, {
    orgUnitId: occ.org_unit_id,
    scopeDepartmentId: null,
    occurrenceId: occ.id,
    kind,
    limit: 100,
    offset: 0,
  });
  return actions.some((a) => a.actor !== 'system' && todayInShanghai(new Date(a.created_at)) > due);
}

function escalationNote(
  kind: 'urge' | 'notice' | 'interview',
  occ: ScanCandidate,
  due: string,
  replyBy: string | null,
  policy: ReminderPolicy,
): string {
  const task = `序号${occ.task_no}「${shorten(occ.task_text, 40)}」应于 ${due} 完成`;
  switch (kind) {
    case 'urge':
      return `【系统催办】${task}，已逾期 ${policy.urgeAfterWorkingDays ?? 1} 个工作日，请尽快报送工作进展。`;
    case 'notice':
      return `【系统督办单】${task}，已逾期 ${policy.noticeAfterWorkingDays ?? 5} 个工作日，请于 ${replyBy ?? ''} 前书面回复落实情况。`;
    case 'interview':
      return `【系统提示】${task}，逾期已满 ${policy.interviewAfterWorkingDays ?? 15} 个工作日，建议约谈部门负责人。`;
  }
}
