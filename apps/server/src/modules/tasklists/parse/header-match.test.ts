import { describe, expect, it } from 'vitest';
import { findHeaderRow, matchHeaderCell, matchHeaderRow } from './header-match.ts';

describe('header matching', () => {
  it('maps synonyms, traditional characters and notes', () => {
    expect(matchHeaderCell('序 号')).toBe('no');
    expect(matchHeaderCell('編號')).toBe('no');
    expect(matchHeaderCell('*工作任務')).toBe('task');
    expect(matchHeaderCell('任务类别')).toBe('category');
    expect(matchHeaderCell('主要內容')).toBe('category');
    expect(matchHeaderCell('責任單位\n（盖章）')).toBe('departments');
    expect(matchHeaderCell('牽頭部門')).toBe('lead');
    expect(matchHeaderCell('協辦單位')).toBe('co');
    expect(matchHeaderCell('完成時限')).toBe('deadline');
    expect(matchHeaderCell('時間安排')).toBe('deadline');
    expect(matchHeaderCell('工作進展')).toBe('progress');
    expect(matchHeaderCell('完成情况')).toBe('progress');
    expect(matchHeaderCell('备注')).toBeNull();
  });

  it('needs 序号 and 工作任务', () => {
    expect(matchHeaderRow(['主要内容', '工作任务', '责任部门'])).toBeNull();
    expect(matchHeaderRow(['主要内容', '序号', '工作任务', '责任部门', '完成时限', '工作进展'])).toEqual({
      category: 0,
      no: 1,
      task: 2,
      departments: 3,
      deadline: 4,
      progress: 5,
    });
  });

  it('with a 牵头单位 column, 责任单位 is the co column; with only 配合单位, it is the lead column', () => {
    expect(matchHeaderRow(['序号', '重点任务', '牵头单位', '责任单位'])).toEqual({ no: 0, task: 1, lead: 2, co: 3 });
    expect(matchHeaderRow(['序号', '重点任务', '责任单位', '配合单位'])).toEqual({ no: 0, task: 1, lead: 2, co: 3 });
  });

  it('finds the header below titles, within the first rows only', () => {
    const header = ['序号', '工作任务'];
    const rows = (before: number) => [
      ...Array.from({ length: before }, () => ({ cells: ['标题'] })),
      { cells: header },
    ];
    expect(findHeaderRow(rows(3))?.index).toBe(3);
    expect(findHeaderRow(rows(20))).toBeNull();
  });
});
