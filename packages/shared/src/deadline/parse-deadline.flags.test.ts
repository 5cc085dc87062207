/** parseDeadline: event-relative phrases, ongoing duties, and the phrases it must flag rather than date. */
import { describe, expect, it } from 'vitest';
import { expandOccurrences } from './expand-occurrences.ts';
import { parseDeadline } from './parse-deadline.ts';
import { every, ONGOING, once, type RuleWithoutSource, relative, withoutSource, YEAR_2024 } from './test-helpers.ts';

const READ: [string, RuleWithoutSource[]][] = [
  ['挂牌之日起3个工作日内', [relative('挂牌之日', 3, 'workingDay')]],
  ['自挂牌之日起3个工作日内完成', [relative('挂牌之日', 3, 'workingDay')]],
  ['会后7日内', [relative('会后', 7, 'calendarDay')]],
  ['收到通知后5个工作日内', [relative('收到通知后', 5, 'workingDay')]],
  ['收到通知後5個工作日內', [relative('收到通知后', 5, 'workingDay')]],
  ['整改期限不超过1年', [relative('整改期限', 1, 'year')]],
  ['验收后10日内', [relative('验收后', 10, 'calendarDay')]],
  ['会后两周内', [relative('会后', 14, 'calendarDay')]],
  ['整改完成后1个月内', [relative('整改完成后', 1, 'month')]],
  ['会后7日内，长期坚持', [relative('会后', 7, 'calendarDay'), ONGOING]],
  ['持续推进', [ONGOING]],
  ['常态化开展', [ONGOING]],
  ['长期', [ONGOING]],
  ['持续开展', [ONGOING]],
  ['長期堅持', [ONGOING]],
];

describe('parseDeadline: relative and ongoing phrases', () => {
  it.each(READ)('%s', (text, rules) => {
    const parsed = parseDeadline(text, { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual(rules);
    expect(parsed.needsReview).toBe(false);
    expect(parsed.ongoing).toBe(rules.some((r) => r.kind === 'ongoing'));
    expect(expandOccurrences(parsed.rules, YEAR_2024)).toEqual([]);
  });
});

/** [text, list year, rules still read from the other clauses, unparsed clauses]. */
const FLAGGED: [string, number, RuleWithoutSource[], string[]][] = [
  ['汛期前', 2024, [], ['汛期前']],
  ['每学期', 2024, [], ['每学期']],
  ['适时', 2024, [], ['适时']],
  ['及时', 2024, [], ['及时']],
  ['按要求', 2024, [], ['按要求']],
  ['根据上级部署', 2024, [], ['根据上级部署']],
  ['春节前', 2024, [], ['春节前']],
  ['国庆节前', 2024, [], ['国庆节前']],
  ['五一前', 2024, [], ['五一前']],
  ['每两年', 2024, [], ['每两年']],
  ['每天', 2024, [], ['每天']],
  ['每半月', 2024, [], ['每半月']],
  ['立即整改', 2024, [], ['立即整改']],
  ['限期整改', 2024, [], ['限期整改']],
  ['24小时内', 2024, [], ['24小时内']],
  ['7日内', 2024, [], ['7日内']],
  ['3个月内', 2024, [], ['3个月内']],
  ['2025年起', 2024, [], ['2025年起']],
  ['6月初', 2024, [], ['6月初']],
  ['月底前', 2024, [], ['月底前']],
  ['2024年底前完成50%', 2024, [], ['2024年底前完成50%']],
  ['汛期前6月底前完成', 2024, [], ['汛期前6月底前完成']],
  ['每月5日前报送上月情况', 2024, [], ['每月5日前报送上月情况']],
  ['2月30日前', 2024, [], ['2月30日前']],
  ['2025年2月29日', 2024, [], ['2025年2月29日']],
  ['每年二月三十日前', 2024, [], ['每年二月三十日前']],
  ['13月底', 2024, [], ['13月底']],
  ['第五季度', 2024, [], ['第五季度']],
  ['6月至3月', 2024, [], ['6月至3月']],
  ['2024年每月', 2024, [], ['2024年每月']],
  ['每年1次(高危行业每半年1次', 2024, [], ['每年1次(高危行业每半年1次']],
  ['每年3月、9月', 2024, [every('yearly', { dueMonth: 3 })], ['9月']],
  ['2024年底前完成，按要求上报', 2024, [once('2024-12-31')], ['按要求上报']],
  ['2024年底前（含）', 2024, [once('2024-12-31')], ['含']],
  ['每季度至少一次，春节前加密检查', 2024, [every('quarterly')], ['春节前加密检查']],
  ['每年1次（高危行业、每半年1次）', 2024, [every('yearly')], ['高危行业', '每半年1次']],
];

describe('parseDeadline: flags what it cannot read, and invents no date for it', () => {
  it.each(FLAGGED)('%s', (text, year, rules, unparsed) => {
    const parsed = parseDeadline(text, { year });
    expect(parsed.needsReview).toBe(true);
    expect(parsed.unparsed).toEqual(unparsed);
    expect(withoutSource(parsed.rules)).toEqual(rules);
  });

  it('flags 定期 as ongoing but vague', () => {
    const parsed = parseDeadline('定期', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([ONGOING]);
    expect(parsed).toMatchObject({ ongoing: true, needsReview: true, unparsed: ['定期'] });
  });

  it('keeps the dated rule beside a vague 定期 clause', () => {
    const parsed = parseDeadline('年底前完成，定期开展', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([once('2024-12-31'), ONGOING]);
    expect(parsed).toMatchObject({ ongoing: true, needsReview: true, unparsed: ['定期开展'] });
  });

  it.each(['', '   ', '，'])('flags an empty text %j', (text) => {
    expect(parseDeadline(text, { year: 2024 })).toEqual({
      text,
      rules: [],
      ongoing: false,
      needsReview: true,
      unparsed: [],
    });
  });

  it('flags a text of filler only, reporting it', () => {
    expect(parseDeadline('完成', { year: 2024 })).toMatchObject({ rules: [], needsReview: true, unparsed: ['完成'] });
  });
});
