import { describe, expect, it } from 'vitest';
import {
  chineseNumeralValue,
  convertChineseNumerals,
  normalizeChars,
  normalizeDeadlineText,
} from './normalize-text.ts';

describe('normalize-text', () => {
  it('maps traditional characters and full-width forms one to one', () => {
    const text = '每週至少檢查一次，長期堅持（２０２５年）';
    const out = normalizeChars(text);
    expect(out).toBe('每周至少检查一次,长期坚持(2025年)');
    expect(out).toHaveLength(text.length);
  });

  it.each([
    ['十', 10],
    ['十二', 12],
    ['二十五', 25],
    ['三十', 30],
    ['两', 2],
    ['一百零五', 105],
    ['二〇二四', 2024],
  ])('reads %s as %i', (run, value) => {
    expect(chineseNumeralValue(run)).toBe(value);
  });

  it('converts numerals and maps positions back to the input', () => {
    const { text, sourceIndex } = convertChineseNumerals('每月二十五日前');
    expect(text).toBe('每月25日前');
    expect(sourceIndex).toEqual([0, 1, 2, 2, 5, 6, 7]);
    expect(normalizeDeadlineText('二〇二五年十二月底前，至少两次')).toBe('2025年12月底前,至少2次');
  });
});
