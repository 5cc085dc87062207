import type { Audience, NotificationItem } from '@duban/shared/contracts/notifications';
import type { Db } from '../../db/database.ts';
import { enqueueNotification, loadRecipientDirectory, resolveRecipients } from './enqueue-notification.ts';
import { findOccurrenceFacts, insertNotification } from './notifications.repository.ts';

/**
 * Notices about what the office did by hand (issue 13 item 2), written in the caller's transaction:
 * - a manual 催办/督办单/约谈 goes through the same outbox as the automatic steps (in-app, e-mail, the department's
 *   robots; digest and quiet hours apply), keyed by the step the reminders module records for it;
 * - a returned report is an in-app notice to the department's accounts, linking to the 任务事项, with the reason.
 */
export const MANUAL_AUDIENCE: Record<NotificationItem['kind'], Audience[]> = {
  reminder: ['department'],
  urge: ['department', 'head'],
  notice: ['department', 'head'],
  interview: ['department', 'head'],
};

export async function enqueueManualStep(
  trx: Db,
  input: {
    orgUnitId: number;
    stepId: number;
    occurrenceId: number;
    kind: NotificationItem['kind'];
    supervisionActionId: number;
    replyBy: string | null;
    fireDate: string;
    now: Date;
  },
): Promise<number> {
  const facts = await findOccurrenceFacts(trx, input.occurrenceId);
  if (!facts || facts.department_id === null) return 0;
  const item: NotificationItem = {
    occurrenceId: input.occurrenceId,
    step: `manual-${input.kind}`,
    kind: input.kind,
    daysBefore: null,
    taskNo: facts.task_no,
    taskText: facts.task_text,
    departmentId: facts.department_id,
    departmentName: facts.department_name,
    due: facts.extended_due ?? facts.due_date,
    replyBy: input.replyBy,
    fireDate: input.fireDate,
    supervisionActionId: input.supervisionActionId,
  };
  const directory = await loadRecipientDirectory(trx, input.orgUnitId);
  return enqueueNotification(trx, {
    orgUnitId: input.orgUnitId,
    stepId: input.stepId,
    item,
    recipients: resolveRecipients(directory, facts.department_id, MANUAL_AUDIENCE[input.kind]),
    now: input.now,
  });
}

export async function noticeReportReturned(
  trx: Db,
  input: { orgUnitId: number; occurrenceId: number; reason: string; now: Date },
): Promise<number> {
  const facts = await findOccurrenceFacts(trx, input.occurrenceId);
  if (!facts || facts.department_id === null) return 0;
  const directory = await loadRecipientDirectory(trx, input.orgUnitId);
  const { userIds } = resolveRecipients(directory, facts.department_id, ['department']);
  const text = facts.task_text.length > 40 ? `${facts.task_text.slice(0, 40)}…` : facts.task_text;
  for (const userId of userIds) {
    await insertNotification(trx, {
      org_unit_id: input.orgUnitId,
      user_id: userId,
      kind: 'returned',
      title: `工作进展被退回：第${facts.task_no}项`,
      body: `第${facts.task_no}项“${text}”（截止 ${facts.extended_due ?? facts.due_date}）的工作进展被安委办退回，请修改后重新提交。退回原因：${input.reason}`,
      items: '[]',
      occurrence_id: input.occurrenceId,
      created_at: input.now.toISOString(),
      read_at: null,
    });
  }
  return userIds.length;
}
