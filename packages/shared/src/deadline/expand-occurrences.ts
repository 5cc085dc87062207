/**
 * Expand schedule rules into dated occurrences inside a window.
 * Recurring rules repeat every year of the window; 'ongoing' and 'relative' rules have no dated occurrence.
 */
import { addDays, type CivilDate, endOfMonth, formatDate, parseCivilDate } from '../civil-date.ts';
import type { Occurrence, OccurrenceWindow, ScheduleRule } from './deadline.types.ts';

export type { Occurrence, OccurrenceWindow } from './deadline.types.ts';

import { clampedDay, isoWeekKey, monthsBetween, quarterEnd, quarterStart, startOfIsoWeek } from './period-math.ts';

interface Slot {
  start: CivilDate;
  due: CivilDate;
  periodKey: string;
}

function weeklySlots(rule: ScheduleRule, from: CivilDate, to: CivilDate): Slot[] {
  const weekday = rule.dueDay !== undefined && rule.dueDay >= 1 && rule.dueDay <= 7 ? rule.dueDay : 7;
  const out: Slot[] = [];
  for (let monday = startOfIsoWeek(from); monday <= to; monday = addDays(monday, 7)) {
    out.push({ start: monday, due: addDays(monday, weekday - 1), periodKey: isoWeekKey(monday) });
  }
  return out;
}

function monthlySlots(rule: ScheduleRule, from: CivilDate, to: CivilDate): Slot[] {
  return monthsBetween(from, to).map(({ year, month }) => ({
    start: formatDate(year, month, 1),
    due: rule.dueDay !== undefined ? clampedDay(year, month, rule.dueDay) : endOfMonth(year, month),
    periodKey: `${year}-${String(month).padStart(2, '0')}`,
  }));
}

function yearsBetween(from: CivilDate, to: CivilDate): number[] {
  const out: number[] = [];
  for (let y = parseCivilDate(from).year; y <= parseCivilDate(to).year; y++) out.push(y);
  return out;
}

function quarterlySlots(from: CivilDate, to: CivilDate): Slot[] {
  return yearsBetween(from, to).flatMap((year) =>
    [1, 2, 3, 4].map((q) => ({ start: quarterStart(year, q), due: quarterEnd(year, q), periodKey: `${year}-Q${q}` })),
  );
}

function halfYearlySlots(from: CivilDate, to: CivilDate): Slot[] {
  return yearsBetween(from, to).flatMap((year) => [
    { start: formatDate(year, 1, 1), due: formatDate(year, 6, 30), periodKey: `${year}-H1` },
    { start: formatDate(year, 7, 1), due: formatDate(year, 12, 31), periodKey: `${year}-H2` },
  ]);
}

function yearlySlots(rule: ScheduleRule, from: CivilDate, to: CivilDate): Slot[] {
  return yearsBetween(from, to).map((year) => {
    const month = rule.dueMonth !== undefined && rule.dueMonth >= 1 && rule.dueMonth <= 12 ? rule.dueMonth : 12;
    const due = rule.dueDay !== undefined ? clampedDay(year, month, rule.dueDay) : endOfMonth(year, month);
    return { start: formatDate(year, 1, 1), due, periodKey: String(year) };
  });
}

function onceSlots(rule: ScheduleRule): Slot[] {
  if (rule.due === undefined) return [];
  const start = rule.start ?? formatDate(parseCivilDate(rule.due).year, 1, 1);
  return [{ start, due: rule.due, periodKey: rule.due }];
}

function slotsFor(rule: ScheduleRule, from: CivilDate, to: CivilDate): Slot[] {
  switch (rule.kind) {
    case 'once':
      return onceSlots(rule);
    case 'weekly':
      return weeklySlots(rule, from, to);
    case 'monthly':
      return monthlySlots(rule, from, to);
    case 'quarterly':
      return quarterlySlots(from, to);
    case 'halfyearly':
      return halfYearlySlots(from, to);
    case 'yearly':
      return yearlySlots(rule, from, to);
    case 'ongoing':
    case 'relative':
      return [];
  }
}

/** Occurrences whose due date lies in [from, to] (inclusive), sorted by due date, then rule index. */
export function expandOccurrences(rules: ScheduleRule[], window: OccurrenceWindow): Occurrence[] {
  const { from, to } = window;
  parseCivilDate(from);
  parseCivilDate(to);
  if (from > to) return [];
  const out: Occurrence[] = [];
  rules.forEach((rule, ruleIndex) => {
    for (const slot of slotsFor(rule, from, to)) {
      if (slot.due < from || slot.due > to) continue;
      if (rule.startsOn !== undefined && rule.kind !== 'once' && slot.due < rule.startsOn) continue;
      out.push({
        start: slot.start,
        due: slot.due,
        minCount: rule.minCount,
        condition: rule.condition,
        ruleIndex,
        periodKey: slot.periodKey,
      });
    }
  });
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.ruleIndex - b.ruleIndex));
}
