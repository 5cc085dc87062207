/**
 * Robustness: a preposition before a phrase, or an action phrase with its recipient and object after it, does not
 * change its reading. Checked for every distinct 完成时限 of the seed list and every corpus phrase.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../parse-deadline.ts';
import { shippedHolidays } from './corpus-holidays.ts';
import { describeRules } from './corpus-score.ts';
import { REAL_DEADLINES } from './real-deadlines.ts';

const SEED = new URL('../../../../../apps/server/seed/xinzhou-2024-tasklist.txt', import.meta.url);
const holidays = shippedHolidays();

function seedPhrases(): string[] {
  const values = readFileSync(SEED, 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((cols) => /^\d+$/.test((cols[1] ?? '').trim()))
    .map((cols) => (cols[4] ?? '').trim());
  return [...new Set(values)].filter((v) => v !== '');
}

function reading(text: string, year: number): string {
  const parsed = parseDeadline(text, { year, holidays });
  return parsed.needsReview ? `review: ${describeRules(parsed.rules)}` : describeRules(parsed.rules);
}

const PREFIXES = ['在', '应于', '须在'];
const SUFFIXES = ['报送区安委办', '完成并报市应急管理局备案', '反馈'];

const PHRASES: [string, number][] = [
  ...seedPhrases().map((text): [string, number] => [text, 2024]),
  ...REAL_DEADLINES.flatMap((g) => g.entries.map(([text]): [string, number] => [text, g.year])),
];

describe('prefix and suffix variants read the same as the bare phrase', () => {
  it('covers the seed and the corpus', () => {
    expect(seedPhrases().length).toBeGreaterThan(15);
    expect(PHRASES.length).toBeGreaterThan(400);
  });

  it.each(PHRASES)('%s (%i)', (text, year) => {
    const bare = reading(text, year);
    const variants = [
      ...PREFIXES.map((p) => `${p}${text}`),
      ...SUFFIXES.map((s) => `${text}${s}`),
      `${PREFIXES[0]}${text}${SUFFIXES[0]}`,
    ];
    for (const variant of variants)
      expect({ variant, reading: reading(variant, year) }).toEqual({ variant, reading: bare });
  });
});
