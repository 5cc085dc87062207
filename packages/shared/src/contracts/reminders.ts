import { z } from 'zod';
import { AUDIENCES, AudienceSchema } from './notifications.ts';

/**
 * The reminder policy of a campaign (stored as JSON in reminder_policies; the defaults when none is stored).
 * Pre-due reminders count calendar days; escalation after the effective due date (extension, else due date)
 * counts working days (State Council calendar with 调休).
 */
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:MM' });
const WorkingDays = z.number().int().min(1).max(120);
const Recipients = z.array(AudienceSchema).max(AUDIENCES.length);

export const ReminderPolicySchema = z
  .object({
    /** Off: the scan does nothing for this campaign. */
    enabled: z.boolean(),
    /** Local time (Asia/Shanghai) from which a day's steps are due: no reminder at midnight. */
    dailyAt: HHMM,
    /** Calendar days before the effective due date; 0 = on the day. */
    remindDaysBefore: z.array(z.number().int().min(0).max(60)).max(10),
    /** Working days after the effective due date; null switches the step off. */
    urgeAfterWorkingDays: WorkingDays.nullable(),
    noticeAfterWorkingDays: WorkingDays.nullable(),
    /** A 督办单's reply date: this many working days after the day it is issued. */
    noticeReplyWorkingDays: WorkingDays,
    interviewAfterWorkingDays: WorkingDays.nullable(),
    /**
     * After downtime, steps whose day is at most this many calendar days ago are still taken (escalations each
     * once; of the pre-due reminders only the latest). Older ones are ignored, so a first start on an old list
     * does not issue a wave of 督办单.
     */
    catchUpDays: z.number().int().min(0).max(366),
    /** Who is notified of each kind of step. Channels of the department follow 'department'/'head'; the unit's own channels follow 'office'. */
    recipients: z.object({ reminder: Recipients, urge: Recipients, notice: Recipients, interview: Recipients }),
  })
  .superRefine((p, ctx) => {
    const order = [
      ['urgeAfterWorkingDays', p.urgeAfterWorkingDays],
      ['noticeAfterWorkingDays', p.noticeAfterWorkingDays],
      ['interviewAfterWorkingDays', p.interviewAfterWorkingDays],
    ] as const;
    let last = 0;
    for (const [path, value] of order) {
      if (value === null) continue;
      if (value <= last) {
        ctx.addIssue({ code: 'custom', path: [path], message: '升级步骤须按 催办 < 督办单 < 约谈 的顺序递增' });
      }
      last = value;
    }
    if (new Set(p.remindDaysBefore).size !== p.remindDaysBefore.length) {
      ctx.addIssue({ code: 'custom', path: ['remindDaysBefore'], message: '提醒天数不能重复' });
    }
  });
export type ReminderPolicy = z.infer<typeof ReminderPolicySchema>;

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  enabled: true,
  dailyAt: '08:00',
  remindDaysBefore: [7, 1, 0],
  urgeAfterWorkingDays: 1,
  noticeAfterWorkingDays: 5,
  noticeReplyWorkingDays: 5,
  interviewAfterWorkingDays: 15,
  catchUpDays: 30,
  recipients: {
    reminder: ['department'],
    urge: ['department', 'head'],
    notice: ['department', 'head', 'office'],
    interview: ['department', 'head', 'office'],
  },
};

export const ReminderPolicyResponse = z.object({
  campaignId: z.number().int(),
  policy: ReminderPolicySchema,
  /** True while no policy is stored: the defaults apply. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** 0 while the defaults apply; send it back with a change (409 when stale). */
  version: z.number().int(),
});
export type ReminderPolicyResponse = z.infer<typeof ReminderPolicyResponse>;

export const UpdateReminderPolicyRequest = z.object({
  policy: ReminderPolicySchema,
  version: z.number().int().min(0),
});
export type UpdateReminderPolicyRequest = z.infer<typeof UpdateReminderPolicyRequest>;
