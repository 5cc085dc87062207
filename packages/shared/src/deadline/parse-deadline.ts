/**
 * parseDeadline: the free-text 完成时限 of a task → schedule rules.
 * Conventions: docs/DOMAIN.md, "Dates and deadlines". When in doubt, flag (needsReview)
 * and report the clause in `unparsed` rather than invent a date.
 */
import { endOfMonth } from '../civil-date.ts';
import type { ParseDeadlineOptions, ParsedDeadline, RuleKind, ScheduleRule } from './deadline.types.ts';
import { normalizeChars } from './normalize-text.ts';
import { readClause } from './read-clause.ts';
import { clauseText, splitClauses } from './split-clauses.ts';

export type { ParseDeadlineOptions, ParsedDeadline, RuleKind, ScheduleRule } from './deadline.types.ts';

interface Placed {
  rule: ScheduleRule;
  group: number | null;
  counted: boolean;
}

export function parseDeadline(text: string, options: ParseDeadlineOptions): ParsedDeadline {
  const normalized = normalizeChars(text);
  const { clauses, inGroup } = splitClauses(normalized);
  const placed: Placed[] = [];
  const unparsed: string[] = [];
  const emptyClauses: string[] = [];
  const groupCondition = new Map<number, string | null>();
  let contextYear = options.year;
  let contextMonth: number | undefined;
  let previousRecurring = false;
  /** 2025年起，每年…: a clause that only gives the start of the next clause's recurring duties. */
  let pendingFrom: { date: string; original: string } | null = null;
  // A parenthesised group whose first clause was not read: its condition is unknown, so none of it is used.
  const unreadGroups = new Set<number>();

  for (const span of clauses) {
    const original = clauseText(text, span, inGroup);
    const wantCondition = span.group !== null && !groupCondition.has(span.group);
    const years = {
      listYear: options.year,
      contextYear,
      ...(span.joinedBy === '、' && contextMonth !== undefined ? { contextMonth } : {}),
      ...(options.holidays ? { holidays: options.holidays } : {}),
    };
    const reading = readClause(clauseText(normalized, span, inGroup), years, wantCondition);
    if (span.group !== null && wantCondition) groupCondition.set(span.group, reading.condition);
    const condition = span.group === null ? null : (groupCondition.get(span.group) ?? null);
    contextYear = reading.contextYear;
    contextMonth = reading.contextMonth;
    if (pendingFrom !== null) {
      const recurring = reading.rules.filter((r) => isRecurring(r.kind));
      const fits =
        (reading.status === 'ok' || reading.status === 'vague') && reading.rules.every((r) => r.kind !== 'once');
      if (fits && reading.rules.length > 0) {
        for (const r of recurring) r.startsOn ??= pendingFrom.date;
      } else {
        unparsed.push(pendingFrom.original);
      }
      pendingFrom = null;
    }
    if (reading.status === 'from' && reading.from !== undefined) {
      pendingFrom = { date: reading.from, original };
      continue;
    }
    // （在6月底前）: a date in brackets after a yearly duty is that duty's due date.
    if (
      span.group !== null &&
      condition === null &&
      reading.status === 'ok' &&
      mergeIntoYearly(placed, reading.rules, span.group, options.year)
    ) {
      continue;
    }
    // 每年3月、9月: the 每年 may carry over the 、, so a bare date there is not safely a one-off.
    const afterRecurringList = span.joinedBy === '、' && previousRecurring;
    previousRecurring = reading.rules.some((r) => isRecurring(r.kind));

    // 每半年一次，分别于6月、12月底前报送: the dates after 分别 are the recurring duty's own, not extra milestones.
    const enumeratesDuty =
      placed.some((p) => isRecurring(p.rule.kind)) &&
      reading.rules.some((r) => r.kind === 'once') &&
      /分别|各(?:于|在)/.test(normalized.slice(span.start, span.end));
    if (enumeratesDuty) previousRecurring = true;
    // 每年组织一次，2026年底前 / 按季度报送，年底前报送总结: a one-off date after a recurring duty may end the duty
    // or be a milestone of its own: ask.
    const bareDateAfterDuty =
      span.group === null &&
      placed.some((p) => p.group === null && isRecurring(p.rule.kind)) &&
      reading.rules.length > 0 &&
      reading.rules.every((r) => r.kind === 'once');
    if (bareDateAfterDuty) previousRecurring = true;
    const unreadGroup = (span.group !== null && unreadGroups.has(span.group)) || enumeratesDuty || bareDateAfterDuty;
    if (
      unreadGroup ||
      reading.status === 'flagged' ||
      // A bracket whose first clause is words without a date (（高危行业、每半年1次）): its condition is unknown.
      (wantCondition && span.group !== null && reading.status === 'vague' && reading.rules.length === 0) ||
      (afterRecurringList && reading.rules.some((r) => r.kind === 'once'))
    ) {
      if (span.group !== null && wantCondition) unreadGroups.add(span.group);
      unparsed.push(original);
      continue;
    }
    if (reading.status === 'empty') {
      emptyClauses.push(original);
      continue;
    }
    if (reading.status === 'vague') unparsed.push(original);
    if (reading.danglingCount !== null) {
      // 每季度，至少2次: the count belongs to the previous clause's dated rule.
      const previous = placed[placed.length - 1];
      const datable = previous && previous.rule.kind !== 'ongoing' && previous.rule.kind !== 'relative';
      if (!previous || !datable || previous.counted || previous.group !== span.group) {
        unparsed.push(original);
        continue;
      }
      previous.rule.minCount = reading.danglingCount;
      previous.counted = true;
    }
    reading.rules.forEach((r, i) => {
      placed.push({ rule: { ...r, source: original, condition }, group: span.group, counted: reading.counted.has(i) });
    });
  }

  if (pendingFrom !== null) unparsed.push(pendingFrom.original);
  const rules = placed.map((p) => orderKeys(p.rule));
  if (rules.length === 0) unparsed.push(...emptyClauses);
  return {
    text,
    rules,
    ongoing: rules.some((r) => r.kind === 'ongoing'),
    needsReview: rules.length === 0 || unparsed.length > 0,
    unparsed,
  };
}

/**
 * 每年至少一次（6月底前）: one bracketed date of the list year right after an unconditional yearly rule without a due
 * month becomes that rule's due month and day. True when merged.
 */
function mergeIntoYearly(
  placed: Placed[],
  rules: Omit<ScheduleRule, 'source' | 'condition'>[],
  group: number,
  year: number,
): boolean {
  const previous = placed[placed.length - 1];
  const only = rules.length === 1 ? rules[0] : undefined;
  if (!previous || !only || only.kind !== 'once' || only.due === undefined || previous.group === group) return false;
  const yearly = previous.rule;
  if (yearly.kind !== 'yearly' || yearly.dueMonth !== undefined || yearly.condition !== null) return false;
  if (Number(only.due.slice(0, 4)) !== year || only.start !== `${year}-01-01`) return false;
  const month = Number(only.due.slice(5, 7));
  const day = Number(only.due.slice(8, 10));
  yearly.dueMonth = month;
  if (only.due !== endOfMonth(year, month)) yearly.dueDay = day;
  return true;
}

function isRecurring(kind: RuleKind): boolean {
  return kind === 'weekly' || kind === 'monthly' || kind === 'quarterly' || kind === 'halfyearly' || kind === 'yearly';
}

/** A stable key order (kind, source, minCount, condition, then the kind's fields) for readable output. */
function orderKeys(rule: ScheduleRule): ScheduleRule {
  const { kind, source, minCount, condition, ...rest } = rule;
  return { kind, source, minCount, condition, ...rest };
}
