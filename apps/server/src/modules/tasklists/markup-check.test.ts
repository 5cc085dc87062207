import { describe, expect, it } from 'vitest';
import { markupProblem, markupProblems } from './markup-check.ts';
import type { RawTaskRow } from './parse/tasklist-parse.types.ts';

describe('markup in imported names', () => {
  it('refuses tags and script-like values, not ordinary text', () => {
    expect(markupProblem('name', '<img src=x onerror=alert(1)>应急管理部')).toBe(true);
    expect(markupProblem('name', '应急&#60;script&#62;')).toBe(true);
    expect(markupProblem('name', '（一）开展安全生产责任大落实行动')).toBe(false);
    expect(markupProblem('text', '温度<30℃时停止作业')).toBe(false);
    expect(markupProblem('text', '检查<script>alert(1)</script>')).toBe(true);
    expect(markupProblem('text', '见 javascript:alert(1)')).toBe(true);
  });

  it('names the row', () => {
    const row = {
      row: 7,
      category: '<b>类别</b>',
      no: 3,
      text: '任务',
      departmentsText: '应急管理部',
      departments: [{ name: '应急管理部', alias: null, role: 'lead' }],
      deadline: '2024年12月底前',
      progress: null,
    } as unknown as RawTaskRow;
    expect(markupProblems(null, [row])).toEqual([
      { row: 7, message: '第7行（序号“3”）：类别名称含有 <、> 或脚本等标记，请删除后再导入' },
    ]);
  });
});
