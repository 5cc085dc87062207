import { describe, expect, it } from 'vitest';
import { type OccurrenceFacts, occurrenceStatus, rollupStatus, trafficLight } from './occurrence-status.ts';

const base: OccurrenceFacts = { reportState: 'none', dueDate: '2024-03-31', extendedDue: null, acceptedOn: null };
const at = (o: Partial<OccurrenceFacts>, today: string) => occurrenceStatus({ ...base, ...o }, today, addWeek(today));
function addWeek(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 7);
  return t.toISOString().slice(0, 10);
}

describe('occurrenceStatus', () => {
  it.each([
    [{}, '2024-03-01', 'pending'],
    [{}, '2024-03-24', 'due-soon'],
    [{}, '2024-03-31', 'due-soon'],
    [{}, '2024-04-01', 'overdue'],
    [{ reportState: 'draft' as const }, '2024-04-01', 'overdue'],
    [{ reportState: 'submitted' as const }, '2024-04-05', 'submitted'],
    [{ reportState: 'returned' as const }, '2024-03-10', 'returned'],
    [{ reportState: 'returned' as const }, '2024-04-02', 'overdue'],
    [{ reportState: 'accepted' as const, acceptedOn: '2024-03-31' }, '2024-05-01', 'accepted'],
    [{ reportState: 'accepted' as const, acceptedOn: '2024-04-02' }, '2024-05-01', 'done-late'],
    [{ extendedDue: '2024-04-15' }, '2024-04-02', 'pending'],
    [{ extendedDue: '2024-04-15' }, '2024-04-10', 'due-soon'],
    [
      { reportState: 'accepted' as const, acceptedOn: '2024-04-10', extendedDue: '2024-04-15' },
      '2024-05-01',
      'accepted',
    ],
  ])('%o on %s → %s', (facts, today, expected) => {
    expect(at(facts, today)).toBe(expected);
  });

  it('rolls a task row up to its most urgent department status', () => {
    expect(rollupStatus(['accepted', 'overdue', 'submitted'])).toBe('overdue');
    expect(rollupStatus(['accepted', 'done-late'])).toBe('done-late');
    expect(rollupStatus([])).toBeNull();
    expect(trafficLight('overdue')).toBe('red');
    expect(trafficLight('done-late')).toBe('yellow');
    expect(trafficLight('accepted')).toBe('green');
  });
});
