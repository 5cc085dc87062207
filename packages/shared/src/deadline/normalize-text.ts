import { TRADITIONAL_TO_SIMPLIFIED } from '../text/traditional.ts';

/**
 * Text normalisation for deadline phrases.
 * - normalizeChars: one UTF-16 unit in, one out (so positions still point into the original text):
 *   traditional → simplified for the characters deadline phrases use, full-width ASCII → ASCII,
 *   dashes → '-', wave dashes → '~'.
 * - convertChineseNumerals: 一二三…十/两/〇 runs → Arabic digits, with a map back to input positions.
 */

const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2500, 0xfe58, 0xfe63]);
const SPECIAL = new Map<string, string>([
  ['\u3000', ' '],
  ['\u00a0', ' '],
  ['\u301c', '~'],
  ['\u223c', '~'],
  ['\ufe50', ','],
  ['\ufe51', '、'],
  ['\ufe54', ';'],
  ['\uff61', '。'],
  ['\uff64', '、'],
]);

function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (DASHES.has(code)) return '-';
  return SPECIAL.get(ch) ?? TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
}

/** Same length as the input: position i of the result corresponds to position i of the input. */
export function normalizeChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += normalizeChar(text.charAt(i));
  return out;
}

const DIGIT_VALUES = new Map<string, number>([
  ['零', 0],
  ['〇', 0],
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
]);
const NUMERAL_RUN = /[零〇一二两三四五六七八九十百]+/g;

/** Value of a run of Chinese numerals: 十二 → 12, 二十五 → 25, 一百零五 → 105, 二〇二四 → 2024. */
export function chineseNumeralValue(run: string): number {
  if (!run.includes('十') && !run.includes('百')) {
    let digits = '';
    for (const ch of run) digits += String(DIGIT_VALUES.get(ch) ?? 0);
    return Number(digits);
  }
  let total = 0;
  let current = 0;
  for (const ch of run) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = DIGIT_VALUES.get(ch) ?? 0;
    }
  }
  return total + current;
}

export interface ConvertedText {
  text: string;
  /** sourceIndex[i] = position in the input of output character i; sourceIndex[text.length] = input length. */
  sourceIndex: number[];
}

export function convertChineseNumerals(input: string): ConvertedText {
  let text = '';
  const sourceIndex: number[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      text += input.charAt(i);
      sourceIndex.push(i);
    }
  };
  for (const m of input.matchAll(NUMERAL_RUN)) {
    copy(last, m.index);
    const digits = String(chineseNumeralValue(m[0]));
    for (let k = 0; k < digits.length; k++) sourceIndex.push(m.index);
    text += digits;
    last = m.index + m[0].length;
  }
  copy(last, input.length);
  sourceIndex.push(input.length);
  return { text, sourceIndex };
}

/** Full normalisation, for display and matching: characters, then numerals. */
export function normalizeDeadlineText(text: string): string {
  return convertChineseNumerals(normalizeChars(text)).text;
}
