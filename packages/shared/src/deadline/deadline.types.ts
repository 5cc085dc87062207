/**
 * Types of the deadline (完成时限) parser and the occurrence expander.
 * Dates are civil dates `YYYY-MM-DD` (Asia/Shanghai); see ../civil-date.ts.
 */

export type RuleKind = 'once' | 'weekly' | 'monthly' | 'quarterly' | 'halfyearly' | 'yearly' | 'ongoing' | 'relative';

export type RecurringKind = 'weekly' | 'monthly' | 'quarterly' | 'halfyearly' | 'yearly';

export type RelativeUnit = 'calendarDay' | 'workingDay' | 'month' | 'year';

export interface ScheduleRule {
  kind: RuleKind;
  /** The clause of the original text this rule came from. */
  source: string;
  /** 至少N次: the minimum count per period (or for the one-off window). Default 1. */
  minCount: number;
  /** A parenthesised condition, e.g. '高危行业领域'; null for the unconditional rules. */
  condition: string | null;
  /** once only: window start (a range's start, else Jan 1 of the due date's year). */
  start?: string;
  /** once only: the due date. */
  due?: string;
  /** yearly only: the month the yearly due date falls in (每年4月底前 → 4); absent = December. */
  dueMonth?: number;
  /**
   * monthly: day of month (每月25日前 → 25, clamped to the month's last day);
   * yearly with dueMonth: that day of dueMonth (absent = month end);
   * weekly: ISO weekday, Monday = 1 … Sunday = 7 (每周五前 → 5); absent = Sunday.
   */
  dueDay?: number;
  /** Recurring rules only: the first day they apply (2025年起每年…, 自5月起每月…); absent = always. */
  startsOn?: string;
  /** relative only: the event the offset counts from, e.g. '挂牌之日', '会后'. */
  event?: string;
  /** relative only: how many units after the event. */
  offset?: number;
  /** relative only. Weeks are given as 7 calendar days. */
  unit?: RelativeUnit;
}

export interface ParsedDeadline {
  /** The original text. */
  text: string;
  rules: ScheduleRule[];
  /** 长期坚持/持续推进/常态化/长期/持续开展/定期 … present. */
  ongoing: boolean;
  /** True when any part was not understood or is ambiguous: a person must confirm the schedule. */
  needsReview: boolean;
  /** The clauses (original text) not understood or ambiguous. Such a clause contributes no dated rule. */
  unparsed: string[];
}

export interface Occurrence {
  start: string;
  due: string;
  minCount: number;
  condition: string | null;
  /** Index of the rule in the array given to expandOccurrences. */
  ruleIndex: number;
  /** once: the due date; weekly: ISO week `2024-W05`; monthly `2024-03`; quarterly `2024-Q1`; `2024-H1`; `2024`. */
  periodKey: string;
}

export interface ParseDeadlineOptions {
  /** The task list's year: phrases without a year belong to it. */
  year: number;
  /**
   * The shipped holiday calendar (春节前, 国庆节期间): a holiday's days in a year, or null when the year is not
   * known. Without it, holidays are flagged.
   */
  holidays?: (name: string, year: number) => { from: string; to: string } | null;
}

export interface OccurrenceWindow {
  /** Inclusive. */
  from: string;
  /** Inclusive. */
  to: string;
}
