import { describe, expect, it } from 'vitest';
import type { ImportPreviewResponse } from '../../api/contracts.ts';
import { departmentMapOf, previewRows, summarize, usageCount } from './import-model.ts';

type PreviewTask = ImportPreviewResponse['tasks'][number];

const task = (seq: number, row: number, category: string, departments: string[], needsReview = false) =>
  ({
    seq,
    row,
    category,
    no: seq,
    text: `任务${seq}`,
    departments: departments.map((name) => ({ name, role: 'lead', departmentId: null })),
    deadline: '每季度',
    deadlineOverride: null,
    schedule: { ongoing: false, needsReview, unparsed: [] },
  }) as unknown as PreviewTask;

const preview = {
  tasks: [
    task(1, 3, '（一）', ['应急管理部']),
    task(2, 5, '（一）', ['应急管理部', '新部门'], true),
    task(3, 9, '（二）', ['新部门']),
  ],
  problems: [
    { row: 4, message: '无法识别' },
    { row: 9, message: '同一行' },
  ],
  unknownDepartments: ['新部门'],
} as unknown as ImportPreviewResponse;

describe('import model', () => {
  it('keeps only the existing departments the office picked', () => {
    expect(departmentMapOf({ 新部门: 'new', 应急局: 12 })).toEqual({ 应急局: 12 });
  });

  it('puts problems where they are in the file, after the task of the same row', () => {
    expect(previewRows(preview).map((r) => `${r.kind}@${r.row}`)).toEqual([
      'task@3',
      'problem@4',
      'task@5',
      'task@9',
      'problem@9',
    ]);
  });

  it('summarises tasks, categories, problems, unknown names and schedules to review', () => {
    expect(summarize(preview)).toEqual({ tasks: 3, categories: 2, problems: 2, unknown: 1, needsReview: 1 });
    expect(usageCount(preview, '新部门')).toBe(2);
    expect(usageCount(preview, '不存在')).toBe(0);
  });
});
