import { describe, expect, it } from 'vitest';
import { describeRules } from './corpus/corpus-score.ts';
import { REAL_DEADLINES } from './corpus/real-deadlines.ts';
import { parseDeadline } from './parse-deadline.ts';
import { phraseOfRules } from './phrase-of-rules.ts';

describe('phraseOfRules', () => {
  it('writes plain phrases', () => {
    const rules = parseDeadline('每年1次（高危企业每季度2次）', { year: 2024 }).rules;
    expect(phraseOfRules(rules)).toBe('每年年底前（高危企业每季度至少2次）');
    expect(phraseOfRules(parseDeadline('原则上6月底前完成', { year: 2024 }).rules)).toBe('2024年6月30日前');
  });

  it('reads back to the same rules without review, for every corpus phrase it can write', () => {
    let written = 0;
    for (const group of REAL_DEADLINES) {
      for (const [text] of group.entries) {
        const parsed = parseDeadline(text, { year: group.year });
        if (parsed.rules.length === 0) continue;
        const phrase = phraseOfRules(parsed.rules);
        if (phrase === null) continue;
        written++;
        const again = parseDeadline(phrase, { year: group.year });
        const rules = describeRules(again.rules).split(' | ').sort();
        expect({ text, phrase, review: again.needsReview, rules }).toEqual({
          text,
          phrase,
          review: false,
          rules: describeRules(parsed.rules).split(' | ').sort(),
        });
      }
    }
    expect(written).toBeGreaterThan(350);
  });
});
