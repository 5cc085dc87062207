import { describe, expect, it } from 'vitest';
import { newProgressText, splitByDepartment } from './returned-text.ts';

const A = { id: 1, name: '应急管理部' };
const B = { id: 2, name: '建设环保管理部' };

describe('what is new in a returned 工作进展 cell', () => {
  it('drops the exported lines and the status marks', () => {
    expect(newProgressText('⚠ 逾期', '⚠ 逾期')).toBe('');
    expect(newProgressText('已完成检查', '⚠ 逾期')).toBe('已完成检查');
    expect(newProgressText('⚠ 逾期\r\n已完成检查\n\n', '⚠ 逾期')).toBe('已完成检查');
    expect(newProgressText('✓ 已完成 已完成检查', '○ 进行中')).toBe('已完成检查');
    expect(newProgressText('应急管理部 ✓ 已完成：旧的\n建设环保管理部：新的', '应急管理部 ✓ 已完成：旧的')).toBe(
      '建设环保管理部：新的',
    );
  });

  it('keeps formula-looking text as text', () => {
    expect(newProgressText('=HYPERLINK("http://x","y")', '⚠ 逾期')).toBe('=HYPERLINK("http://x","y")');
  });
});

describe('whose new text it is', () => {
  it('splits by department prefixes, with or without a status mark, full- or half-width colon', () => {
    const r = splitByDepartment('应急管理部：甲\n续一行\n建设环保管理部 ✓ 已完成: 乙', [A, B], [A.name, B.name], null);
    expect(r).toEqual({
      segments: [
        { departmentId: 1, name: '应急管理部', text: '甲\n续一行' },
        { departmentId: 2, name: '建设环保管理部', text: '乙' },
      ],
      problems: [],
    });
  });

  it('gives unprefixed text to the only department, or asks for a name', () => {
    expect(splitByDepartment('甲', [A], [A.name], A).segments).toEqual([
      { departmentId: 1, name: '应急管理部', text: '甲' },
    ]);
    const r = splitByDepartment('甲', [A, B], [A.name, B.name], null);
    expect(r.segments).toEqual([]);
    expect(r.problems[0]).toContain('请在内容前写明部门名称');
  });

  it('refuses text for a department the uploader may not file for', () => {
    const r = splitByDepartment('建设环保管理部：乙\n应急管理部：甲', [A], [A.name, B.name], A);
    expect(r.segments).toEqual([{ departmentId: 1, name: '应急管理部', text: '甲' }]);
    expect(r.problems).toEqual(['“建设环保管理部”不是本行可填报的责任部门，该部门的内容未写入']);
  });
});
