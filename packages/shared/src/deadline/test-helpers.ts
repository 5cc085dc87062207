/** Shorthand for the deadline tests: expected rules and a one-line view of occurrences. */
import type { Occurrence, ScheduleRule } from './deadline.types.ts';

export type RuleWithoutSource = Omit<ScheduleRule, 'source'>;

export function once(due: string, start = `${due.slice(0, 4)}-01-01`, extra: Partial<ScheduleRule> = {}) {
  return { kind: 'once', minCount: 1, condition: null, start, due, ...extra } satisfies RuleWithoutSource;
}

export function every(kind: ScheduleRule['kind'], extra: Partial<ScheduleRule> = {}): RuleWithoutSource {
  return { kind, minCount: 1, condition: null, ...extra };
}

export const ONGOING: RuleWithoutSource = { kind: 'ongoing', minCount: 1, condition: null };

export function relative(event: string, offset: number, unit: ScheduleRule['unit']): RuleWithoutSource {
  return { kind: 'relative', minCount: 1, condition: null, event, offset, unit };
}

export function withoutSource(rules: ScheduleRule[]): RuleWithoutSource[] {
  return rules.map(({ source: _source, ...rest }) => rest);
}

/** `ruleIndex periodKey start..due`, plus ` x2` for minCount 2 and ` [condition]`. */
export function brief(o: Occurrence): string {
  const count = o.minCount === 1 ? '' : ` x${o.minCount}`;
  const condition = o.condition === null ? '' : ` [${o.condition}]`;
  return `${o.ruleIndex} ${o.periodKey} ${o.start}..${o.due}${count}${condition}`;
}

const MONTH_ENDS_2024 = ['31', '29', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];

/** The brief lines of a monthly rule over 2024 (month ends). */
export function months2024(ruleIndex: number, suffix = ''): string[] {
  return MONTH_ENDS_2024.map((day, i) => {
    const mm = String(i + 1).padStart(2, '0');
    return `${ruleIndex} 2024-${mm} 2024-${mm}-01..2024-${mm}-${day}${suffix}`;
  });
}

export function quarter2024(ruleIndex: number, q: 1 | 2 | 3 | 4, suffix = ''): string {
  const range = ['01-01..2024-03-31', '04-01..2024-06-30', '07-01..2024-09-30', '10-01..2024-12-31'][q - 1];
  return `${ruleIndex} 2024-Q${q} 2024-${range}${suffix}`;
}

export function half2024(ruleIndex: number, h: 1 | 2, suffix = ''): string {
  return h === 1
    ? `${ruleIndex} 2024-H1 2024-01-01..2024-06-30${suffix}`
    : `${ruleIndex} 2024-H2 2024-07-01..2024-12-31${suffix}`;
}

export const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
