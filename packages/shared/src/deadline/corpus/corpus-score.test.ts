/**
 * The deadline reader on real phrases from other regions' task lists (real-deadlines.ts): prints the accuracy and
 * the confident-wrong count, fails on any confident-wrong date and below 97% of datable phrases read right.
 */
import { describe, expect, it } from 'vitest';
import { shippedHolidays } from './corpus-holidays.ts';
import { scoreCorpus } from './corpus-score.ts';
import { REAL_DEADLINES } from './real-deadlines.ts';

describe('deadline reader on the labelled corpus of real phrases', () => {
  const score = scoreCorpus(REAL_DEADLINES, shippedHolidays());

  it('has at least 300 phrases, each group citing its source', () => {
    expect(score.phrases.length).toBeGreaterThanOrEqual(300);
    for (const group of REAL_DEADLINES) expect(group.source).toMatch(/《.+》/);
    expect(new Set(score.phrases.map((p) => `${p.year} ${p.text}`)).size).toBe(score.phrases.length);
  });

  it('reads at least 97% of datable phrases right and never a confident wrong date', () => {
    const accuracy = score.readRight / score.datable;
    const missed = score.phrases.filter((p) => p.outcome === 'flagged');
    console.log(
      `deadline corpus: ${score.phrases.length} phrases; datable ${score.datable}, read right ${score.readRight} ` +
        `(${(accuracy * 100).toFixed(1)}%); labelled review ${score.reviewLabelled}, flagged ${score.flaggedRight}; ` +
        `confident-wrong ${score.confidentWrong.length}`,
    );
    for (const p of missed) console.log(`  sent to review: ${p.text} (expected ${p.expect})`);
    for (const p of score.confidentWrong)
      console.log(`  CONFIDENT-WRONG: ${p.text}: got ${p.got}, expected ${p.expect}`);
    expect(score.confidentWrong.map((p) => `${p.text} → ${p.got}`)).toEqual([]);
    expect(score.flaggedRight).toBe(score.reviewLabelled);
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  });
});
