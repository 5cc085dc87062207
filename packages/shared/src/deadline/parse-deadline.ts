/**
 * parseDeadline: the free-text 完成时限 of a task → schedule rules.
 * Conventions: /work/shared/DOMAIN.md, "Deadlines (完成时限) → schedules". When in doubt, flag (needsReview)
 * and report the clause in `unparsed` rather than invent a date.
 */
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
  let previousRecurring = false;
  // A parenthesised group whose first clause was not read: its condition is unknown, so none of it is used.
  const unreadGroups = new Set<number>();

  for (const span of clauses) {
    const original = clauseText(text, span, inGroup);
    const wantCondition = span.group !== null && !groupCondition.has(span.group);
    const years = { listYear: options.year, contextYear };
    const reading = readClause(clauseText(normalized, span, inGroup), years, wantCondition);
    if (span.group !== null && wantCondition) groupCondition.set(span.group, reading.condition);
    const condition = span.group === null ? null : (groupCondition.get(span.group) ?? null);
    contextYear = reading.contextYear;
    // 每年3月、9月: the 每年 may carry over the 、, so a bare date there is not safely a one-off.
    const afterRecurringList = span.joinedBy === '、' && previousRecurring;
    previousRecurring = reading.rules.some((r) => isRecurring(r.kind));

    const unreadGroup = span.group !== null && unreadGroups.has(span.group);
    if (
      unreadGroup ||
      reading.status === 'flagged' ||
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

function isRecurring(kind: RuleKind): boolean {
  return kind === 'weekly' || kind === 'monthly' || kind === 'quarterly' || kind === 'halfyearly' || kind === 'yearly';
}

/** A stable key order (kind, source, minCount, condition, then the kind's fields) for readable output. */
function orderKeys(rule: ScheduleRule): ScheduleRule {
  const { kind, source, minCount, condition, ...rest } = rule;
  return { kind, source, minCount, condition, ...rest };
}
