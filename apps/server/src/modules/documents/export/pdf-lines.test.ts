import { describe, expect, it } from 'vitest';
import { charEm, wrapRuns } from './pdf-lines.ts';

const text = (lines: { text: string }[][]) => lines.map((l) => l.map((r) => r.text).join(''));

describe('wrapRuns', () => {
  it('breaks Chinese text at the width: every ideograph is 1 em', () => {
    expect(text(wrapRuns([{ text: '安全生产治本攻坚三年行动' }], 45, 9))).toEqual(['安全生产治', '本攻坚三年', '行动']);
  });

  it('never lets a line overflow: ASCII counts 0.7 em, M W m w @ % & and unknown characters 1 em', () => {
    const lines = text(wrapRuns([{ text: 'MMMMMMMMMM1234567890中文αβγ' }], 50, 10));
    for (const l of lines) expect(Array.from(l).reduce((n, ch) => n + charEm(ch) * 10, 0)).toBeLessThanOrEqual(50);
    expect(lines.join('')).toBe('MMMMMMMMMM1234567890中文αβγ');
  });

  it('does not start a line with closing punctuation', () => {
    expect(text(wrapRuns([{ text: '一二三四五，六七' }], 45, 9))).toEqual(['一二三四', '五，六七']);
  });

  it('keeps the runs’ styles across a break and honours newlines', () => {
    const lines = wrapRuns(
      [{ text: '1月：' }, { text: '逾期未报送', bold: true, light: 'red' }, { text: '\n补报' }],
      45,
      9,
    );
    expect(lines).toEqual([
      [{ text: '1月：' }, { text: '逾期', bold: true, light: 'red' }],
      [{ text: '未报送', bold: true, light: 'red' }],
      [{ text: '补报' }],
    ]);
  });
});
