import { describe, expect, it } from 'vitest';
import { DEFAULT_PATTERNS, formatDocNumber, patternProblem } from './doc-number.ts';

describe('文号', () => {
  it('fills year and number', () => {
    expect(formatDocNumber(DEFAULT_PATTERNS.notice, 2024, 3)).toBe('开安委办督〔2024〕3号');
    expect(formatDocNumber('安委办督字〔{year}〕第{n}号', 2025, 12)).toBe('安委办督字〔2025〕第12号');
  });
  it('refuses a pattern without {n}', () => {
    expect(patternProblem('开安委办督〔{year}〕号')).toContain('{n}');
    expect(patternProblem(DEFAULT_PATTERNS.urge)).toBeNull();
  });
});
