import { describe, expect, it } from 'vitest';
import { monthNumber, monthsAtStart, splitByMonths } from './month-range.ts';

describe('the months a returned cell covers', () => {
  it('reads ranges with a dash, a tilde, 至 or 到, in digits or Chinese numerals', () => {
    expect(monthsAtStart('1—3月：开展隐患排查')).toEqual([1, 2, 3]);
    expect(monthsAtStart('1-3月开展隐患排查')).toEqual([1, 2, 3]);
    expect(monthsAtStart('1～3月份，开展检查')).toEqual([1, 2, 3]);
    expect(monthsAtStart('一至三月，开展检查')).toEqual([1, 2, 3]);
    expect(monthsAtStart('十至十二月：完成')).toEqual([10, 11, 12]);
    expect(monthsAtStart('2026年1月至3月，完成')).toEqual([1, 2, 3]);
    expect(monthsAtStart('1月—3月完成')).toEqual([1, 2, 3]);
    expect(monthsAtStart('（4-6月）完成')).toEqual([4, 5, 6]);
    expect(monthsAtStart('07—09月完成')).toEqual([7, 8, 9]);
  });

  it('reads lists and single months', () => {
    expect(monthsAtStart('1、2月：开展检查')).toEqual([1, 2]);
    expect(monthsAtStart('三月：开展检查')).toEqual([3]);
    expect(monthsAtStart('3月15日组织演练')).toEqual([3]);
    expect(monthsAtStart('十一月份完成')).toEqual([11]);
  });

  it('reads nothing where no month starts the line, or the range is not a range of months', () => {
    expect(monthsAtStart('开展隐患排查，1-3月共检查12家')).toBeNull();
    expect(monthsAtStart('已完成')).toBeNull();
    expect(monthsAtStart('3—1月')).toBeNull();
    expect(monthsAtStart('13月')).toBeNull();
    expect(monthsAtStart('12家企业完成整改')).toBeNull();
    expect(monthsAtStart('')).toBeNull();
  });

  it('knows its month numerals', () => {
    expect([monthNumber('1'), monthNumber('12'), monthNumber('十'), monthNumber('十二'), monthNumber('两')]).toEqual([
      1, 12, 10, 12, 2,
    ]);
    expect([monthNumber('0'), monthNumber('13'), monthNumber('十三'), monthNumber('月')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('a department text split by months', () => {
  it('keeps one part when no month starts a line', () => {
    expect(splitByMonths('开展检查\n整改3处')).toEqual([{ months: null, text: '开展检查\n整改3处' }]);
  });

  it('gives a covering range to the whole text, month expression kept', () => {
    expect(splitByMonths('1—3月：开展检查\n整改3处')).toEqual([
      { months: [1, 2, 3], text: '1—3月：开展检查\n整改3处' },
    ]);
  });

  it('splits month-by-month lines, with unmarked leading text apart', () => {
    expect(splitByMonths('总体情况良好\n1月：甲\n续\n2-3月：乙')).toEqual([
      { months: null, text: '总体情况良好' },
      { months: [1], text: '1月：甲\n续' },
      { months: [2, 3], text: '2-3月：乙' },
    ]);
  });
});
