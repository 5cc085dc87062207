/** Scoring the deadline reader on a labelled corpus: read right, flagged, and confident-wrong (the worst error). */
import type { ScheduleRule } from '../deadline.types.ts';
import { type ParseDeadlineOptions, parseDeadline } from '../parse-deadline.ts';
import type { CorpusSource } from './corpus-types.ts';

/** One rule as the corpus labels write it: `once 2024-06-30`, `monthly d25 x2 [高危企业]`, `yearly m6 since 2025-01-01`. */
export function describeRule(rule: ScheduleRule): string {
  let out: string = rule.kind;
  if (rule.kind === 'once') {
    const due = rule.due ?? '?';
    const defaultStart = `${due.slice(0, 4)}-01-01`;
    out += rule.start !== undefined && rule.start !== defaultStart ? ` ${rule.start}..${due}` : ` ${due}`;
  }
  if (rule.kind === 'relative') out += ` ${rule.event} ${rule.offset} ${rule.unit}`;
  if (rule.dueMonth !== undefined) out += ` m${rule.dueMonth}`;
  if (rule.dueDay !== undefined) out += ` d${rule.dueDay}`;
  if (rule.minCount !== 1) out += ` x${rule.minCount}`;
  if (rule.startsOn !== undefined) out += ` since ${rule.startsOn}`;
  if (rule.condition !== null) out += ` [${rule.condition}]`;
  return out;
}

export function describeRules(rules: ScheduleRule[]): string {
  return rules.map(describeRule).join(' | ');
}

export type Outcome = 'right' | 'flagged' | 'confident-wrong';

export interface ScoredPhrase {
  text: string;
  year: number;
  source: string;
  expect: string;
  got: string;
  needsReview: boolean;
  outcome: Outcome;
}

/**
 * right: a datable phrase read to its label without review, or a 'review' phrase flagged;
 * flagged: a datable phrase sent to review (safe, but a hand fix); confident-wrong: read without review to anything
 * but its label.
 */
export function scorePhrase(
  text: string,
  expect: string,
  year: number,
  source: string,
  holidays?: ParseDeadlineOptions['holidays'],
): ScoredPhrase {
  const parsed = parseDeadline(text, holidays ? { year, holidays } : { year });
  const got = parsed.needsReview ? 'review' : describeRules(parsed.rules);
  let outcome: Outcome;
  if (parsed.needsReview) outcome = expect === 'review' ? 'right' : 'flagged';
  else outcome = got === expect ? 'right' : 'confident-wrong';
  return { text, year, source, expect, got, needsReview: parsed.needsReview, outcome };
}

export interface CorpusScore {
  phrases: ScoredPhrase[];
  /** Phrases a person can date (label other than 'review'). */
  datable: number;
  /** Datable phrases read right with needsReview false. */
  readRight: number;
  /** 'review' phrases that were flagged. */
  flaggedRight: number;
  reviewLabelled: number;
  confidentWrong: ScoredPhrase[];
}

export function scoreCorpus(corpus: readonly CorpusSource[], holidays?: ParseDeadlineOptions['holidays']): CorpusScore {
  const phrases = corpus.flatMap((group) =>
    group.entries.map(([text, expect]) => scorePhrase(text, expect, group.year, group.source, holidays)),
  );
  const datable = phrases.filter((p) => p.expect !== 'review');
  const review = phrases.filter((p) => p.expect === 'review');
  return {
    phrases,
    datable: datable.length,
    readRight: datable.filter((p) => p.outcome === 'right').length,
    flaggedRight: review.filter((p) => p.outcome === 'right').length,
    reviewLabelled: review.length,
    confidentWrong: phrases.filter((p) => p.outcome === 'confident-wrong'),
  };
}
