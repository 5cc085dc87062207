/**
 * Interpreting one clause of a deadline text into rules. A clause is either fully read,
 * or flagged (its rules are dropped and the office decides), or vague (定期: kept, but flagged for review).
 */

import type { ScheduleRule } from './deadline.types.ts';
import { convertChineseNumerals } from './normalize-text.ts';
import { cleanEvent, findRelative } from './read-relative.ts';
import { type ClauseYears, type Located, type Token, tokenizeClause } from './tokenize-clause.ts';
import { isFillerOnly } from './vocabulary.ts';

/** A rule without its source and condition (the caller knows both). */
export type ClauseRule = Omit<ScheduleRule, 'source' | 'condition'>;

export interface ClauseReading {
  /** ok: fully read; vague: read but needs review (定期); flagged: not understood; empty: only filler. */
  status: 'ok' | 'vague' | 'flagged' | 'empty';
  rules: ClauseRule[];
  /** Rule indexes (into `rules`) whose minCount was written explicitly. */
  counted: Set<number>;
  /** A count (至少N次) with no dated rule in the clause: it belongs to the previous clause's rule. */
  danglingCount: number | null;
  /** Leading text before the first time expression, when asked for (a parenthesised condition). */
  condition: string | null;
  /** The default year for the next clause (2025年3月底前…，6月底前… → 2025). */
  contextYear: number;
}

function flagged(years: ClauseYears): ClauseReading {
  return {
    status: 'flagged',
    rules: [],
    counted: new Set(),
    danglingCount: null,
    condition: null,
    contextYear: years.contextYear,
  };
}

const CONDITION_LEAD = /^(?:其中|对于|对|涉及)/;
const CONDITION_TRAIL = /(?:的|要|须|需|应)$/;

function ruleOf(token: Token): ClauseRule | null {
  if (token.type === 'recurring') {
    const rule: ClauseRule = { kind: token.kind, minCount: 1 };
    if (token.dueMonth !== undefined) rule.dueMonth = token.dueMonth;
    if (token.dueDay !== undefined) rule.dueDay = token.dueDay;
    return rule;
  }
  if (token.type === 'once') {
    const start = token.isRange ? token.start : `${token.due.slice(0, 4)}-01-01`;
    return { kind: 'once', minCount: 1, start, due: token.due };
  }
  return null;
}

function readRelativeClause(
  s: string,
  normalized: string,
  sourceIndex: number[],
  years: ClauseYears,
): ClauseReading | null {
  const rel = findRelative(s);
  if (!rel) return null;
  const event = cleanEvent(normalized.slice(0, sourceIndex[rel.start] ?? 0));
  const before = tokenizeClause(s.slice(0, rel.start), years);
  const after = tokenizeClause(s.slice(rel.end), years);
  const onlyOngoing = after.tokens.every((t) => t.value.type === 'ongoing' && !t.value.vague);
  if (!event || before.tokens.length > 0 || !onlyOngoing || !after.leftovers.every((l) => isFillerOnly(l.value))) {
    return flagged(years);
  }
  const rules: ClauseRule[] = [{ kind: 'relative', minCount: 1, event, offset: rel.offset, unit: rel.unit }];
  if (after.tokens.length > 0) rules.push({ kind: 'ongoing', minCount: 1 });
  return {
    status: 'ok',
    rules,
    counted: new Set(),
    danglingCount: null,
    condition: null,
    contextYear: years.contextYear,
  };
}

/** The leading leftover, when it comes before every token and is not mere filler: a condition. */
function takeCondition(
  tokens: Located<Token>[],
  leftovers: Located<string>[],
  normalized: string,
  sourceIndex: number[],
): string | null {
  const first = leftovers[0];
  const firstToken = tokens[0];
  if (!first || !firstToken || first.start !== 0 || first.end > firstToken.start || isFillerOnly(first.value)) {
    return null;
  }
  leftovers.shift();
  const text = normalized.slice(0, sourceIndex[first.end] ?? 0).trim();
  return text.replace(CONDITION_LEAD, '').replace(CONDITION_TRAIL, '').trim() || null;
}

/** Attach each count to the nearest dated rule before it (else after it); two counts on one rule is an error. */
function attachCounts(
  tokens: Located<Token>[],
  ruleAt: Map<number, number>,
  rules: ClauseRule[],
): { counted: Set<number>; dangling: number[] } | null {
  const counted = new Set<number>();
  const dangling: number[] = [];
  tokens.forEach((t, ti) => {
    if (t.value.type !== 'count') return;
    let target: number | undefined;
    for (let k = ti - 1; k >= 0 && target === undefined; k--) target = ruleAt.get(k);
    for (let k = ti + 1; k < tokens.length && target === undefined; k++) target = ruleAt.get(k);
    if (target === undefined) dangling.push(t.value.value);
    else if (counted.has(target)) dangling.push(Number.NaN);
    else {
      counted.add(target);
      const rule = rules[target];
      if (rule) rule.minCount = t.value.value;
    }
  });
  return dangling.some(Number.isNaN) || dangling.length > 1 ? null : { counted, dangling };
}

/**
 * Read one clause. `normalized` is the clause after normalizeChars (same length as the original clause).
 * With `wantCondition`, text before the first time expression is returned as a condition instead of being flagged.
 */
export function readClause(normalized: string, years: ClauseYears, wantCondition: boolean): ClauseReading {
  const { text: s, sourceIndex } = convertChineseNumerals(normalized);
  const relative = readRelativeClause(s, normalized, sourceIndex, years);
  if (relative) return relative;

  const { tokens, leftovers, contextYear } = tokenizeClause(s, years);
  const condition = wantCondition ? takeCondition(tokens, leftovers, normalized, sourceIndex) : null;
  if (tokens.some((t) => t.value.type === 'invalid')) return flagged(years);
  if (!leftovers.every((l) => isFillerOnly(l.value))) return flagged(years);

  const hasRecurring = tokens.some((t) => t.value.type === 'recurring');
  const hasOnce = tokens.some((t) => t.value.type === 'once');
  if (hasRecurring && hasOnce) return flagged(years);

  const rules: ClauseRule[] = [];
  const ruleAt = new Map<number, number>();
  let ongoingAdded = false;
  let vague = false;
  tokens.forEach((t, ti) => {
    const rule = ruleOf(t.value);
    if (rule) {
      ruleAt.set(ti, rules.length);
      rules.push(rule);
    } else if (t.value.type === 'ongoing') {
      // 定期 beside a period (每月定期检查) is just filler; alone it is vague.
      if (t.value.vague && hasRecurring) return;
      if (t.value.vague) vague = true;
      if (!ongoingAdded) rules.push({ kind: 'ongoing', minCount: 1 });
      ongoingAdded = true;
    }
  });
  if (vague && hasOnce) return flagged(years);

  const counts = attachCounts(tokens, ruleAt, rules);
  if (!counts) return flagged(years);
  const danglingCount = counts.dangling[0] ?? null;
  if (danglingCount !== null && rules.length > 0) return flagged(years);
  if (rules.length === 0 && danglingCount === null) {
    return { status: 'empty', rules, counted: counts.counted, danglingCount: null, condition, contextYear };
  }
  return { status: vague ? 'vague' : 'ok', rules, counted: counts.counted, danglingCount, condition, contextYear };
}
