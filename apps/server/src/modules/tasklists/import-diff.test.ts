import { describe, expect, it } from 'vitest';
import { diffTasks, type ExistingTask } from './import-diff.ts';

const stored = (seq: number, extra: Partial<ExistingTask> = {}): ExistingTask => ({
  seq,
  no: String(seq),
  text: `任务${seq}`,
  deadline: '2024年底前',
  departmentsText: '应急管理部',
  hasReports: false,
  ...extra,
});
const next = (seq: number, extra: Partial<{ text: string; deadline: string; departmentsText: string }> = {}) => ({
  no: seq,
  text: `任务${seq}`,
  deadline: '2024年底前',
  departmentsText: '应急管理部',
  deadlineOverride: null,
  ...extra,
});

describe('the import diff', () => {
  it('has nothing to compare without a list', () => {
    const diff = diffTasks([], [next(1)]);
    expect(diff).toMatchObject({ hasList: false, changed: [], removed: [], blocking: [] });
    expect(diff.added.map((a) => a.seq)).toEqual([1]);
  });

  it('finds added, changed and removed tasks by position', () => {
    const diff = diffTasks(
      [stored(1), stored(2), stored(3)],
      [next(1), next(2, { deadline: '2024年6月底前', text: '任务二' })],
    );
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([
      {
        seq: 2,
        no: '2',
        text: '任务二',
        fields: ['text', 'deadline'],
        before: { text: '任务2', deadline: '2024年底前', departments: '应急管理部' },
      },
    ]);
    expect(diff.removed.map((r) => r.seq)).toEqual([3]);
    expect(diff.blocking).toEqual([]);
  });

  it('names the tasks with reports that the import would rewrite or remove, not those only reworded', () => {
    const diff = diffTasks(
      [stored(1, { hasReports: true }), stored(2, { hasReports: true }), stored(3, { hasReports: true })],
      [next(1, { text: '改写的任务' }), next(2, { departmentsText: '党群工作部' })],
    );
    expect(diff.blocking.map((b) => [b.seq, b.reason])).toEqual([
      [2, 'changed'],
      [3, 'removed'],
    ]);
  });
});
