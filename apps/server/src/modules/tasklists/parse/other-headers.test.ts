/** Header names and department cells as other regions write them (issue 12). */
import { describe, expect, it } from 'vitest';
import { parseDepartmentCell } from './department-cell.ts';
import { matchHeaderCell, matchHeaderRow } from './header-match.ts';
import { numberInOrder } from './task-row-builder.ts';

describe('header names from many published lists', () => {
  it.each([
    ['检查内容', 'task'],
    ['排查内容', 'task'],
    ['演练科目', 'task'],
    ['工作内容', 'task'],
    ['推进措施', 'task'],
    ['重点工作', 'task'],
    ['时间安排', 'deadline'],
    ['时间节点', 'deadline'],
    ['进度安排', 'deadline'],
    ['计划完成时间', 'deadline'],
    ['承办单位', 'departments'],
    ['实施单位', 'departments'],
    ['落实单位', 'departments'],
    ['牵头责任单位', 'lead'],
    ['主办单位', 'lead'],
    ['协同单位', 'co'],
    ['推进情况', 'progress'],
  ])('%s → %s', (cell, field) => {
    expect(matchHeaderCell(cell)).toBe(field);
  });

  it('accepts a header without 序号 when it names tasks, departments and deadlines, in any order', () => {
    expect(matchHeaderRow(['时间节点', '承办单位', '具体任务'])).toEqual({ deadline: 0, departments: 1, task: 2 });
    expect(matchHeaderRow(['主要内容', '工作任务', '责任部门'])).toBeNull();
  });
});

describe('one department cell labelling the lead and the others', () => {
  it.each([
    ['牵头单位：应急管理部；配合单位：党群工作部、综合办公室', 'lead 应急管理部, co 党群工作部, co 综合办公室'],
    ['牵头单位：应急管理部 责任单位：建设环保管理部', 'lead 应急管理部, co 建设环保管理部'],
    ['牵头单位：应急管理部\n责任单位：建设环保管理部、党群工作部', 'lead 应急管理部, co 建设环保管理部, co 党群工作部'],
    ['主办单位：应急管理部，协同单位：党群工作部', 'lead 应急管理部, co 党群工作部'],
    ['应急管理部牵头，建设环保管理部、党群工作部参与', 'lead 应急管理部, co 建设环保管理部, co 党群工作部'],
    ['责任单位：应急管理部、党群工作部', 'lead 应急管理部, co 党群工作部'],
  ])('%s', (cell, expected) => {
    expect(
      parseDepartmentCell(cell)
        .map((d) => `${d.role} ${d.name}`)
        .join(', '),
    ).toBe(expected);
  });
});

describe('rows of a list without 序号', () => {
  it('keeps a label written in the task cell, else numbers by position', () => {
    expect(numberInOrder('1.修订考核办法', 9)).toEqual({ no: 1, text: '修订考核办法', written: true });
    expect(numberInOrder('（三）开展培训', 9)).toEqual({ no: '（三）', text: '开展培训', written: true });
    expect(numberInOrder('开展培训', 9)).toEqual({ no: 9, text: '开展培训', written: false });
    expect(numberInOrder('2024年底前完成', 4)).toEqual({ no: 4, text: '2024年底前完成', written: false });
  });
});
