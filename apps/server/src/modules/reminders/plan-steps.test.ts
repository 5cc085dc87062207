import { readFileSync } from 'node:fs';
import { DEFAULT_REMINDER_POLICY, ReminderPolicySchema } from '@duban/shared/contracts/reminders';
import { type HolidayYear, WorkdayCalendar } from '@duban/shared/workdays/holiday-calendar';
import { describe, expect, it } from 'vitest';
import { planSteps, scanDateOf } from './plan-steps.ts';

const year = (y: number): HolidayYear =>
  JSON.parse(readFileSync(new URL(`../../../seed/holidays/${y}.json`, import.meta.url), 'utf8'));
const calendar = new WorkdayCalendar([year(2024), year(2025)]);
const policy = DEFAULT_REMINDER_POLICY;

const plan = (due: string, scanDate: string, windowStart = '2024-01-01', p = policy) =>
  planSteps({ due, windowStart, scanDate, policy: p, calendar }).map(
    (s) => `${s.step}@${s.fireDate}:${s.action}${s.reason ? `(${s.reason})` : ''}`,
  );

describe('planSteps', () => {
  it('reminds 7 days, 1 day before and on the day (calendar days)', () => {
    expect(plan('2024-03-31', '2024-03-23')).toEqual([]);
    expect(plan('2024-03-31', '2024-03-24')).toEqual(['remind-7@2024-03-24:send']);
    expect(plan('2024-03-31', '2024-03-30')).toEqual([
      'remind-7@2024-03-24:skip(superseded)',
      'remind-1@2024-03-30:send',
    ]);
    expect(plan('2024-03-31', '2024-03-31')).toEqual([
      'remind-7@2024-03-24:skip(superseded)',
      'remind-1@2024-03-30:skip(superseded)',
      'remind-0@2024-03-31:send',
    ]);
  });

  it('escalates after the due date in working days across Spring Festival (调休 02-04, 02-18)', () => {
    // Due Wed 2024-01-31: 催办 Thu 02-01, 督办单 after 5 working days (02-04 is a make-up Sunday) = 02-06,
    // 约谈 after 15 working days (02-10..02-17 off, 02-18 Sunday works) = 02-26.
    expect(plan('2024-01-31', '2024-02-01').filter((s) => !s.startsWith('remind'))).toEqual(['urge@2024-02-01:send']);
    // Downtime until 02-26: each escalation still once; remind-7 (01-24) is beyond the 30 catch-up days.
    expect(plan('2024-01-31', '2024-02-26')).toEqual([
      'remind-1@2024-01-30:skip(superseded)',
      'remind-0@2024-01-31:skip(overdue)',
      'urge@2024-02-01:send',
      'notice@2024-02-06:send',
      'interview@2024-02-26:send',
    ]);
    expect(plan('2024-01-31', '2024-02-25').filter((s) => s.startsWith('interview'))).toEqual([]);
  });

  it('waits over a weekend and May Day before the first 催办', () => {
    // Due Tue 2024-04-30; 05-01..05-05 off: the first working day after is Mon 05-06.
    expect(plan('2024-04-30', '2024-05-05', '2024-04-01').filter((s) => s.startsWith('urge'))).toEqual([]);
    expect(plan('2024-04-30', '2024-05-06', '2024-04-01').filter((s) => s.startsWith('urge'))).toEqual([
      'urge@2024-05-06:send',
    ]);
  });

  it('ignores steps older than catchUpDays and reminders before the window opens', () => {
    expect(plan('2024-01-31', '2024-06-01')).toEqual([]);
    const weekly = plan('2024-03-10', '2024-03-04', '2024-03-04');
    expect(weekly).toEqual([]); // 7 days before a weekly duty is before its week starts
    expect(plan('2024-03-10', '2024-03-09', '2024-03-04')).toEqual(['remind-1@2024-03-09:send']);
  });

  it('follows a changed policy: steps switched off, other offsets', () => {
    const p = ReminderPolicySchema.parse({
      ...policy,
      remindDaysBefore: [3],
      noticeAfterWorkingDays: null,
      catchUpDays: 0,
    });
    expect(plan('2024-03-29', '2024-03-26', '2024-01-01', p)).toEqual(['remind-3@2024-03-26:send']);
    expect(plan('2024-03-29', '2024-04-01', '2024-01-01', p)).toEqual(['urge@2024-04-01:send']);
    expect(plan('2024-03-29', '2024-04-08', '2024-01-01', p)).toEqual([]);
  });

  it('rejects a ladder out of order', () => {
    expect(ReminderPolicySchema.safeParse({ ...policy, noticeAfterWorkingDays: 20 }).success).toBe(false);
    expect(ReminderPolicySchema.safeParse({ ...policy, remindDaysBefore: [1, 1] }).success).toBe(false);
  });
});

describe('scanDateOf', () => {
  it('is the Shanghai date, counted from the daily start time', () => {
    expect(scanDateOf(new Date('2024-03-23T23:59:00Z'), '08:00')).toBe('2024-03-23'); // 07:59 on 03-24
    expect(scanDateOf(new Date('2024-03-24T00:00:00Z'), '08:00')).toBe('2024-03-24'); // 08:00 on 03-24
    expect(scanDateOf(new Date('2024-03-23T16:00:00Z'), '00:00')).toBe('2024-03-24'); // midnight in Shanghai
  });
});
