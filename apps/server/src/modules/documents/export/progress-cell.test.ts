import { describe, expect, it } from 'vitest';
import { type CellOccurrence, cellText, composeProgressCell, periodKeyLabel, statusOn } from './progress-cell.ts';

const occ = (o: Partial<CellOccurrence>): CellOccurrence => ({
  departmentId: 1,
  periodKey: '2024-Q1',
  dueDate: '2024-03-31',
  extendedDue: null,
  reportState: 'none',
  submittedAt: null,
  acceptedAt: null,
  reportText: null,
  ...o,
});
const A = { id: 1, name: '应急管理部' };
const B = { id: 2, name: '建设环保管理部' };
const C = { id: 3, name: '党群工作部' };

describe('the 工作进展 cell', () => {
  it('one department: its status mark, then its accepted progress', () => {
    const cell = composeProgressCell(
      [A],
      [occ({ reportState: 'accepted', acceptedAt: '2024-03-20', reportText: '已完成' })],
      '2024-04-05',
    );
    expect(cellText(cell)).toBe('✓ 已完成\n已完成');
    expect(cell[0]?.[0]).toMatchObject({ light: 'green' });
  });

  it('several departments: named paragraphs for accepted progress, the rest grouped by status, most urgent first', () => {
    const cell = composeProgressCell(
      [A, B, C],
      [
        occ({ departmentId: 1, reportState: 'accepted', acceptedAt: '2024-04-02', reportText: ' 迟了两天 ' }),
        occ({ departmentId: 2 }),
        occ({ departmentId: 3, reportState: 'submitted', submittedAt: '2024-03-30' }),
      ],
      '2024-04-05',
    );
    expect(cellText(cell)).toBe('应急管理部 ✓ 逾期完成：迟了两天\n⚠ 逾期：建设环保管理部\n◐ 待审核：党群工作部');
  });

  it('labels each period when a department owes several in the period', () => {
    const cell = composeProgressCell(
      [A],
      [
        occ({
          periodKey: '2024-01',
          dueDate: '2024-01-31',
          reportState: 'accepted',
          acceptedAt: '2024-01-30',
          reportText: '一月',
        }),
        occ({
          periodKey: '2024-02',
          dueDate: '2024-02-29',
          reportState: 'accepted',
          acceptedAt: '2024-02-28',
          reportText: '二月',
        }),
        occ({ periodKey: '2024-03', dueDate: '2024-03-31' }),
      ],
      '2024-03-28',
    );
    expect(cellText(cell)).toBe('○ 即将到期\n（1月）一月\n（2月）二月');
  });

  it('says so when nobody owes anything in the period', () => {
    expect(cellText(composeProgressCell([A, B], [], '2024-04-05'))).toBe('— 本期无应报事项');
  });

  it('reads the past as it was: an acceptance after the as-of date had not happened yet', () => {
    const o = occ({ reportState: 'accepted', submittedAt: '2024-03-25', acceptedAt: '2024-04-03', reportText: 'x' });
    expect(statusOn(o, '2024-03-31')).toBe('submitted');
    expect(statusOn(o, '2024-04-05')).toBe('done-late');
    expect(statusOn(occ({ reportState: 'submitted', submittedAt: '2024-04-02' }), '2024-03-31')).toBe('due-soon');
    expect(statusOn(occ({ extendedDue: '2024-05-31' }), '2024-04-05')).toBe('pending');
  });

  it.each([
    ['2024-03', '3月'],
    ['2024-Q2', '二季度'],
    ['2024-H2', '下半年'],
    ['2024', '全年'],
    ['2024-W05', '第5周'],
    ['2024-04-30', '4月30日前'],
  ])('labels period %s as %s', (key, label) => {
    expect(periodKeyLabel(key)).toBe(label);
  });
});

describe('the plain table (issue 13 item 6)', () => {
  it('has no status marks: only accepted progress, named per department when several', () => {
    const depts = [
      { id: 1, name: '应急管理部' },
      { id: 2, name: '党群工作部' },
    ];
    const occ = (departmentId: number, reportText: string | null, reportState: 'accepted' | 'none') => ({
      departmentId,
      periodKey: '2024-03',
      dueDate: '2024-03-31',
      extendedDue: null,
      reportState,
      submittedAt: reportState === 'accepted' ? '2024-03-20' : null,
      acceptedAt: reportState === 'accepted' ? '2024-03-21' : null,
      reportText,
    });
    const several = cellText(
      composeProgressCell(depts, [occ(1, '已检查12家企业', 'accepted'), occ(2, null, 'none')], '2024-04-05', {
        marks: false,
      }),
    );
    expect(several).toBe('应急管理部：已检查12家企业');
    const one = cellText(
      composeProgressCell([depts[0]!], [occ(1, '已检查', 'accepted')], '2024-04-05', { marks: false }),
    );
    expect(one).toBe('已检查');
    expect(cellText(composeProgressCell(depts, [], '2024-04-05', { marks: false }))).toBe('');
    // With marks (the default) the same cell says who is late.
    expect(
      cellText(composeProgressCell(depts, [occ(1, '已检查12家企业', 'accepted'), occ(2, null, 'none')], '2024-04-05')),
    ).toContain('逾期');
  });
});
