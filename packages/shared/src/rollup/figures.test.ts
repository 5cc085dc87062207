import { describe, expect, it } from 'vitest';
import { ratesOf, sumFigures, zeroFigures } from './figures.ts';

describe('roll-up figures', () => {
  it('adds counts and derives rates from the sums, not from averaged rates', () => {
    const a = zeroFigures();
    a.units = 1;
    a.tasks = { total: 10, dueByAsOf: 10, doneByAsOf: 9, accepted: 9, doneLate: 0, overdue: 1 };
    a.inspections.fineTotal = 0.1;
    const b = zeroFigures();
    b.units = 1;
    b.tasks = { total: 100, dueByAsOf: 90, doneByAsOf: 45, accepted: 30, doneLate: 15, overdue: 45 };
    b.inspections.fineTotal = 0.2;
    const s = sumFigures([a, b]);
    expect(s.units).toBe(2);
    expect(s.tasks).toEqual({ total: 110, dueByAsOf: 100, doneByAsOf: 54, accepted: 39, doneLate: 15, overdue: 46 });
    expect(s.inspections.fineTotal).toBe(0.3);
    // (0.9 + 0.5) / 2 = 0.7 would be the averaged rate; the summed one is 54 / 100.
    expect(ratesOf(s).completionRate).toBe(0.54);
    expect(ratesOf(s).onTimeRate).toBe(Math.round((39 / 54) * 10_000) / 10_000);
    expect(ratesOf(zeroFigures()).completionRate).toBeNull();
    expect(a.tasks.total).toBe(10);
  });
});
