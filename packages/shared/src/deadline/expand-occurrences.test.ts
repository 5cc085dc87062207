import { describe, expect, it } from 'vitest';
import type { ScheduleRule } from './deadline.types.ts';
import { expandOccurrences } from './expand-occurrences.ts';
import { isoWeekKey } from './period-math.ts';
import { brief } from './test-helpers.ts';

function rule(kind: ScheduleRule['kind'], extra: Partial<ScheduleRule> = {}): ScheduleRule {
  return { kind, source: kind, minCount: 1, condition: null, ...extra };
}

describe('expandOccurrences', () => {
  it('numbers weekly periods by ISO week across a year boundary (2024-12-30 is in 2025-W01)', () => {
    const occ = expandOccurrences([rule('weekly')], { from: '2024-12-20', to: '2025-01-12' });
    expect(occ.map(brief)).toEqual([
      '0 2024-W51 2024-12-16..2024-12-22',
      '0 2024-W52 2024-12-23..2024-12-29',
      '0 2025-W01 2024-12-30..2025-01-05',
      '0 2025-W02 2025-01-06..2025-01-12',
    ]);
  });

  it('computes ISO week keys at the edges of years', () => {
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2024-01-01')).toBe('2024-W01');
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
  });

  it('puts a weekly due day (ISO weekday) inside its week', () => {
    const occ = expandOccurrences([rule('weekly', { dueDay: 5 })], { from: '2024-12-28', to: '2025-01-10' });
    expect(occ.map(brief)).toEqual(['0 2025-W01 2024-12-30..2025-01-03', '0 2025-W02 2025-01-06..2025-01-10']);
  });

  it('expands monthly over a window crossing years', () => {
    const occ = expandOccurrences([rule('monthly')], { from: '2024-11-15', to: '2025-02-28' });
    expect(occ.map(brief)).toEqual([
      '0 2024-11 2024-11-01..2024-11-30',
      '0 2024-12 2024-12-01..2024-12-31',
      '0 2025-01 2025-01-01..2025-01-31',
      '0 2025-02 2025-02-01..2025-02-28',
    ]);
  });

  it('clamps a monthly due day to short months', () => {
    const occ = expandOccurrences([rule('monthly', { dueDay: 31 })], { from: '2024-02-01', to: '2024-04-30' });
    expect(occ.map((o) => o.due)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30']);
    const on25 = expandOccurrences([rule('monthly', { dueDay: 25 })], { from: '2024-01-26', to: '2024-03-25' });
    expect(on25.map(brief)).toEqual(['0 2024-02 2024-02-01..2024-02-25', '0 2024-03 2024-03-01..2024-03-25']);
  });

  it('carries the quarterly minimum count and condition', () => {
    const occ = expandOccurrences([rule('quarterly', { minCount: 3, condition: '高危企业' })], {
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(occ.map(brief)).toEqual([
      '0 2024-Q1 2024-01-01..2024-03-31 x3 [高危企业]',
      '0 2024-Q2 2024-04-01..2024-06-30 x3 [高危企业]',
      '0 2024-Q3 2024-07-01..2024-09-30 x3 [高危企业]',
      '0 2024-Q4 2024-10-01..2024-12-31 x3 [高危企业]',
    ]);
  });

  it('keeps only the half-year due inside the window', () => {
    const occ = expandOccurrences([rule('halfyearly')], { from: '2024-03-01', to: '2024-09-30' });
    expect(occ.map(brief)).toEqual(['0 2024-H1 2024-01-01..2024-06-30']);
  });

  it('repeats yearly rules over every year of the window (2024–2026), with due month and day', () => {
    const window = { from: '2024-01-01', to: '2026-12-31' };
    expect(expandOccurrences([rule('yearly')], window).map(brief)).toEqual([
      '0 2024 2024-01-01..2024-12-31',
      '0 2025 2025-01-01..2025-12-31',
      '0 2026 2026-01-01..2026-12-31',
    ]);
    expect(expandOccurrences([rule('yearly', { dueMonth: 4 })], window).map((o) => o.due)).toEqual([
      '2024-04-30',
      '2025-04-30',
      '2026-04-30',
    ]);
    expect(expandOccurrences([rule('yearly', { dueMonth: 2, dueDay: 29 })], window).map((o) => o.due)).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
    ]);
  });

  it('lists a one-off only when its due date is in the window, with its own start', () => {
    const rules = [
      rule('once', { start: '2024-03-01', due: '2024-06-30' }),
      rule('once', { due: '2025-06-30' }),
      rule('once', { start: '2024-01-01', due: '2023-12-31' }),
    ];
    expect(expandOccurrences(rules, { from: '2024-01-01', to: '2025-12-31' }).map(brief)).toEqual([
      '0 2024-06-30 2024-03-01..2024-06-30',
      '1 2025-06-30 2025-01-01..2025-06-30',
    ]);
  });

  it('gives ongoing and relative rules no occurrence', () => {
    const rules = [rule('ongoing'), rule('relative', { event: '会后', offset: 7, unit: 'calendarDay' })];
    expect(expandOccurrences(rules, { from: '2024-01-01', to: '2026-12-31' })).toEqual([]);
  });

  it('sorts by due date, then rule index, and includes both ends of the window', () => {
    const rules = [rule('halfyearly'), rule('monthly'), rule('once', { due: '2024-06-30' })];
    const occ = expandOccurrences(rules, { from: '2024-05-31', to: '2024-06-30' });
    expect(occ.map(brief)).toEqual([
      '1 2024-05 2024-05-01..2024-05-31',
      '0 2024-H1 2024-01-01..2024-06-30',
      '1 2024-06 2024-06-01..2024-06-30',
      '2 2024-06-30 2024-01-01..2024-06-30',
    ]);
  });

  it('returns nothing for an empty window and rejects a malformed one', () => {
    expect(expandOccurrences([rule('monthly')], { from: '2024-12-31', to: '2024-01-01' })).toEqual([]);
    expect(() => expandOccurrences([rule('monthly')], { from: '2024-13-01', to: '2024-12-31' })).toThrow();
  });
});
