import type { Occurrence, ParsedDeadline, ScheduleRule } from '@duban/shared/deadline/deadline.types';
import { expandOccurrences } from '@duban/shared/deadline/expand-occurrences';

import type { ReportCadence } from '../../db/schema.ts';

export type { ReportCadence };

export interface PlannedRule {
  seq: number;
  kind: string;
  /** Stored as JSON; equal specs mean an unchanged rule on re-import. */
  spec: string;
  minCount: number;
  condition: string | null;
  source: string;
  occurrences: Occurrence[];
}

const FINER_THAN_CADENCE: Record<ReportCadence, string[]> = {
  monthly: ['weekly', 'monthly'],
  quarterly: ['weekly', 'monthly', 'quarterly'],
  halfyearly: ['weekly', 'monthly', 'quarterly', 'halfyearly'],
};

/**
 * Turns a parsed deadline into the rules stored for a task and the dated occurrences of the list's year.
 * One-off rules keep their date even outside that year. An ongoing (长期坚持) task gets a reporting track on the
 * campaign's cadence, unless one of its own recurring rules is already at least that frequent.
 */
export function planTaskSchedule(parsed: ParsedDeadline, year: number, cadence: ReportCadence): PlannedRule[] {
  const yearWindow = { from: `${year}-01-01`, to: `${year}-12-31` };
  const dated = parsed.rules.filter((r) => r.kind !== 'ongoing');
  const planned: PlannedRule[] = dated.map((rule, i) => {
    const window = rule.kind === 'once' && rule.due ? { from: rule.due, to: rule.due } : yearWindow;
    return toPlanned(rule, i + 1, expandOccurrences([rule], window));
  });
  const coveredByOwnRule = dated.some((r) => FINER_THAN_CADENCE[cadence].includes(r.kind));
  if (parsed.ongoing && !coveredByOwnRule) {
    const track: ScheduleRule = { kind: cadence, source: '长期坚持（按报送周期）', minCount: 1, condition: null };
    const occurrences = expandOccurrences([track], yearWindow);
    planned.push({
      seq: planned.length + 1,
      kind: 'ongoing',
      spec: JSON.stringify({ kind: 'ongoing', cadence }),
      minCount: 1,
      condition: null,
      source: track.source,
      occurrences,
    });
  }
  return planned;
}

function toPlanned(rule: ScheduleRule, seq: number, occurrences: Occurrence[]): PlannedRule {
  return {
    seq,
    kind: rule.kind,
    spec: JSON.stringify(rule),
    minCount: rule.minCount,
    condition: rule.condition,
    source: rule.source,
    occurrences,
  };
}
