/**
 * Interpreting one clause of a deadline text into rules. A clause is either fully read,
 * or flagged (its rules are dropped and the office decides), or vague (定期: kept, but flagged for review).
 */

import type { ScheduleRule } from './deadline.types.ts';
import { convertChineseNumerals } from './normalize-text.ts';
import { cleanEvent, findRelative } from './read-relative.ts';
import { type ClauseYears, type Located, type Token, tokenizeClause } from './tokenize-clause.ts';
import {
  isActionOnly,
  judgeLeftover,
  type LeftoverVerdict,
  looksLikeCondition,
  maskNumeralWords,
  stripPreposition,
  worse,
} from './vocabulary.ts';

/** A rule without its source and condition (the caller knows both). */
export type ClauseRule = Omit<ScheduleRule, 'source' | 'condition'>;

export interface ClauseReading {
  /**
   * ok: fully read; vague: read but needs review (定期, or words left over that might matter: the dates are kept
   * for a one-click confirmation); flagged: not understood; empty: only filler; from: only a start (2025年起) for
   * the next clause's recurring duties.
   */
  status: 'ok' | 'vague' | 'flagged' | 'empty' | 'from';
  /** status 'from': the day the next clause's recurring duties start. */
  from?: string;
  rules: ClauseRule[];
  /** Rule indexes (into `rules`) whose minCount was written explicitly. */
  counted: Set<number>;
  /** A count (至少N次) with no dated rule in the clause: it belongs to the previous clause's rule. */
  danglingCount: number | null;
  /** Leading text before the first time expression, when asked for (a parenthesised condition). */
  condition: string | null;
  /** The default year for the next clause (2025年3月底前…，6月底前… → 2025). */
  contextYear: number;
  /** The month of the last date read, for a bare day in the next clause (6月10日、20日). */
  contextMonth?: number | undefined;
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

const CONDITION_LEAD = /^(?:其中|对于|对)/;
const CONDITION_TRAIL = /(?:的|要|须|需|应)$/;

function ruleOf(token: Token): ClauseRule | null {
  if (token.type === 'recurring') {
    const rule: ClauseRule = { kind: token.kind, minCount: token.minCount ?? 1 };
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
  const place = { afterDate: false, leading: false, beforeRecurring: false, recurringKinds: [] };
  if (
    !event ||
    before.tokens.length > 0 ||
    !onlyOngoing ||
    !after.leftovers.every((l) => judgeLeftover(l.value, place) === 'ok')
  ) {
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

/**
 * The leading leftover of a parenthesised clause, when it comes before every token: a condition, if it names who
 * the rule applies to. A mere preposition (（在6月底前）) is no condition. `doubt` when the text is kept as a
 * condition but does not look like one.
 */
function takeCondition(
  tokens: Located<Token>[],
  leftovers: Located<string>[],
  normalized: string,
  sourceIndex: number[],
): { condition: string | null; doubt: boolean; reject: boolean } {
  const first = leftovers[0];
  const firstToken = tokens[0];
  const none = { condition: null, doubt: false, reject: false };
  if (!first || !firstToken || first.start !== 0 || first.end > firstToken.start) return none;
  if (stripPreposition(first.value) === '') return none;
  leftovers.shift();
  const place = { afterDate: false, leading: false, beforeRecurring: false, recurringKinds: [] };
  if (judgeLeftover(first.value, place) === 'reject') return { condition: null, doubt: false, reject: true };
  const text = normalized.slice(0, sourceIndex[first.end] ?? 0).trim();
  const condition = text.replace(CONDITION_LEAD, '').replace(CONDITION_TRAIL, '').trim() || null;
  return { condition, doubt: condition !== null && !looksLikeCondition(condition), reject: false };
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
    if (t.value.type === 'recurring' && t.value.minCount !== undefined) {
      const target = ruleAt.get(ti);
      if (target !== undefined) counted.add(target);
    }
  });
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

/** A period named as the object of a report (上半年工作总结6月20日前报送): the report's own date is the deadline. */
const REPORT_NOUN = /^(?:的)?(?:工作)?(?:总结|报告|情况|报表|数据|统计|计划|工作要点|考核|评估|述职)/;

function isWholeYear(token: Token): boolean {
  return token.type === 'once' && !token.isRange && token.start.slice(5) === '01-01' && token.due.slice(5) === '12-31';
}

/** What may follow a date that is the deadline itself (6月底前, 上半年完成, 6月份, 3月至5月). */
const DATE_FOLLOWER = /^(?:$|[前底末内以之期完截至到份起开始,;、。\s]|全部|基本|全面|报|上报|提交)/;

/**
 * Tokens named only as an object beside the clause's own date: a period before a report noun (上半年工作总结),
 * a period or holiday before a task noun (2月底前完成春节期间安全检查, 年底前完成一季度检查).
 */
function objectPeriods(tokens: Located<Token>[], s: string): Set<number> {
  const out = new Set<number>();
  tokens.forEach((t, ti) => {
    const v = t.value;
    if (v.type !== 'once' || (v.holiday !== true && (v.isRange || v.start === v.due))) return;
    const others = tokens.some(
      (o, oi) => oi !== ti && (o.value.type === 'once' || o.value.type === 'recurring') && !out.has(oi),
    );
    if (!others) return;
    const after = s.slice(t.end);
    if (REPORT_NOUN.test(after)) {
      out.add(ti);
      return;
    }
    // Beside another one-off date only, and never before a recurring word (2024年每月 stays unread).
    const otherOnce = tokens.some((o, oi) => oi !== ti && o.value.type === 'once' && !out.has(oi));
    if (otherOnce && !after.startsWith('每') && (v.holiday === true || !DATE_FOLLOWER.test(after))) out.add(ti);
  });
  return out;
}

function judgeAll(
  s: string,
  tokens: Located<Token>[],
  leftovers: Located<string>[],
  topLevel: boolean,
): LeftoverVerdict {
  const recurringKinds = tokens.flatMap((t) => (t.value.type === 'recurring' ? [t.value.kind] : []));
  const firstToken = tokens[0];
  let verdict: LeftoverVerdict = 'ok';
  for (const l of leftovers) {
    const before = tokens.filter((t) => t.end <= l.start).pop();
    const afterDate =
      before !== undefined &&
      before.end === l.start &&
      (before.value.type === 'once' || before.value.type === 'recurring' || before.value.type === 'from');
    const leading = topLevel && firstToken !== undefined && l.end <= firstToken.start;
    const beforeRecurring = recurringKinds.length > 0;
    verdict = worse(verdict, judgeLeftover(l.value, { afterDate, leading, beforeRecurring, recurringKinds }));
  }
  // Brackets left unbalanced in the clause (每年1次(高危行业每半年1次): not a reading.
  if (/[()]/.test(s)) verdict = 'reject';
  return verdict;
}

/**
 * Read one clause. `normalized` is the clause after normalizeChars (same length as the original clause).
 * With `wantCondition`, text before the first time expression is returned as a condition instead of being flagged.
 */
export function readClause(normalized: string, years: ClauseYears, wantCondition: boolean): ClauseReading {
  const { text: s, sourceIndex } = convertChineseNumerals(maskNumeralWords(normalized));
  const relative = readRelativeClause(s, normalized, sourceIndex, years);
  if (relative) return relative;

  const { tokens: allTokens, leftovers, contextYear, contextMonth } = tokenizeClause(s, years);
  const taken = wantCondition ? takeCondition(allTokens, leftovers, normalized, sourceIndex) : null;
  const condition = taken?.condition ?? null;
  if (taken?.reject) return flagged(years);
  if (allTokens.some((t) => t.value.type === 'invalid')) return flagged(years);
  let verdict = judgeAll(s, allTokens, leftovers, !wantCondition);
  if (taken?.doubt) verdict = worse(verdict, 'doubt');
  if (verdict === 'reject') return flagged(years);

  const objects = objectPeriods(allTokens, s);
  // 2025年持续深化, 全年持续推进: a whole year beside an ongoing marker says when the ongoing work runs, not a due date.
  if (allTokens.some((t) => t.value.type === 'ongoing' && !t.value.vague)) {
    allTokens.forEach((t, ti) => {
      if (isWholeYear(t.value)) objects.add(ti);
    });
  }
  const tokens = allTokens.filter(
    (t, ti) => !objects.has(ti) && t.value.type !== 'timeOfDay' && t.value.type !== 'now',
  );
  const hasRecurring = tokens.some((t) => t.value.type === 'recurring');
  const hasOnce = tokens.some((t) => t.value.type === 'once');
  if (hasRecurring && hasOnce) return flagged(years);
  const from = tokens.find((t) => t.value.type === 'from');
  const fromCount = tokens.filter((t) => t.value.type === 'from').length;
  if (fromCount > 1 || (from && hasOnce)) return flagged(years);
  const fromDate = from?.value.type === 'from' ? from.value.start : undefined;

  const rules: ClauseRule[] = [];
  const ruleAt = new Map<number, number>();
  let ongoingAdded = false;
  let vague = verdict === 'doubt';
  tokens.forEach((t, ti) => {
    const rule = ruleOf(t.value);
    if (rule) {
      if (fromDate !== undefined && rule.kind !== 'once') rule.startsOn = fromDate;
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
  if (vague && hasOnce && verdict !== 'doubt') return flagged(years);

  const counts = attachCounts(tokens, ruleAt, rules);
  if (!counts) return flagged(years);
  const danglingCount = counts.dangling[0] ?? null;
  if (danglingCount !== null && rules.length > 0) return flagged(years);
  if (fromDate !== undefined && rules.length === 0 && danglingCount === null) {
    return { ...flagged(years), status: 'from', from: fromDate, contextYear, contextMonth };
  }
  if (rules.length === 0 && danglingCount === null) {
    // Words without any time expression: an action (完成方案编制) is nothing to read; anything else is shown.
    const plain = tokens.length === 0 && (verdict !== 'ok' || !isActionOnly(s, !wantCondition));
    const status = plain ? 'vague' : 'empty';
    return { status, rules, counted: counts.counted, danglingCount: null, condition, contextYear, contextMonth };
  }
  return {
    status: vague ? 'vague' : 'ok',
    rules,
    counted: counts.counted,
    danglingCount,
    condition,
    contextYear,
    contextMonth,
  };
}
