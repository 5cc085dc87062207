import { describe, expect, it } from 'vitest';
import { CategoryTracker, isCategoryHeading, numeralValue, parseOrdinal } from './category-tracker.ts';

describe('ordinals', () => {
  it('reads Chinese and Arabic numerals', () => {
    expect(numeralValue('一')).toBe(1);
    expect(numeralValue('十')).toBe(10);
    expect(numeralValue('十一')).toBe(11);
    expect(numeralValue('二十三')).toBe(23);
    expect(numeralValue('12')).toBe(12);
    expect(numeralValue('开展')).toBeNull();
  });

  it('recognises （N）, (N), N、, 一、 and 第N markers', () => {
    expect(parseOrdinal('（十一）开展全')?.key).toBe('paren:11');
    expect(parseOrdinal('(2) 专项')?.key).toBe('paren:2');
    expect(parseOrdinal('3、专项')?.key).toBe('dun:3');
    expect(parseOrdinal('三、专项')?.key).toBe('dun:3');
    expect(parseOrdinal('第四部分 专项')?.key).toBe('di:4');
    expect(parseOrdinal('生产责任大落实行动')).toBeNull();
    expect(parseOrdinal('12')).toBeNull();
    expect(isCategoryHeading('一、开展行动')).toBe(true);
    expect(isCategoryHeading('（二）')).toBe(false);
  });
});

describe('CategoryTracker', () => {
  it('joins a title split over a page break and ignores repeated fragments', () => {
    const tracker = new CategoryTracker(true);
    const first = tracker.see('（一）开展安全生产责任大落实行动');
    expect(tracker.see('')).toBe(first);
    expect(tracker.see('（一）开展安全')).toBe(first);
    expect(tracker.see('生产责任大落实行动')).toBe(first);
    expect(first?.title).toBe('（一）开展安全生产责任大落实行动');
    const eleventh = tracker.see('（十一）开展全');
    expect(eleventh).not.toBe(first);
    tracker.see('民安全素质提升行动');
    expect(eleventh?.title).toBe('（十一）开展全民安全素质提升行动');
    expect(tracker.categories.map((c) => c.title)).toEqual([
      '（一）开展安全生产责任大落实行动',
      '（十一）开展全民安全素质提升行动',
    ]);
  });

  it('a fragment first, the full title later: the longer title wins', () => {
    const tracker = new CategoryTracker(true);
    const ref = tracker.see('（二）开展');
    tracker.see('（二）开展生产经营单位主要负责人安全教育培训行动');
    expect(ref?.title).toBe('（二）开展生产经营单位主要负责人安全教育培训行动');
  });

  it('tables hold whole titles: a different title without ordinal is a new category', () => {
    const tracker = new CategoryTracker(false);
    const a = tracker.see('危险化学品');
    expect(tracker.see('危险化学品')).toBe(a);
    const b = tracker.see('建筑施工');
    expect(b).not.toBe(a);
    expect(b?.title).toBe('建筑施工');
  });
});
