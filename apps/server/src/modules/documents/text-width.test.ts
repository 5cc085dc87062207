import { expect, it } from 'vitest';
import { displayWidth, titleLines } from './text-width.ts';

it('measures CJK as two and breaks a long title after a natural character into balanced lines', () => {
  expect(displayWidth('应急管理部 A1')).toBe(13);
  expect(titleLines('关于2024年3月的通报', 40)).toEqual(['关于2024年3月的通报']);
  expect(titleLines('关于2024年第一季度安全生产治本攻坚三年行动任务落实情况的通报', 40)).toEqual([
    '关于2024年第一季度安全生产治本攻坚',
    '三年行动任务落实情况的通报',
  ]);
});
