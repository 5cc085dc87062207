/**
 * Text normalisation for deadline phrases.
 * - normalizeChars: one UTF-16 unit in, one out (so positions still point into the original text):
 *   traditional → simplified for the characters deadline phrases use, full-width ASCII → ASCII,
 *   dashes → '-', wave dashes → '~'.
 * - convertChineseNumerals: 一二三…十/两/〇 runs → Arabic digits, with a map back to input positions.
 */

// Pairs: traditional, simplified.
const TRADITIONAL_PAIRS =
  '個个內内報报後后週周調调範范會会開开發发組组織织檢检長长堅坚續续進进態态項项劃划實实現现時时間间終终準准' +
  '達达應应業业辦办與与為为當当並并於于際际將将門门導导處处產产責责負负隱隐務务規规設设備备聯联機机關关' +
  '傳传練练訓训學学節节慶庆歷历曆历點点幾几兩两萬万億亿禮礼號号從从則则議议級级歸归檔档單单據据專专題题' +
  '總总結结區区轉转這这種种類类體体場场啟启動动盡尽紀纪錄录圍围層层審审評评價价舉举預预計计畫画標标訂订' +
  '頒颁佈布執执難难決决訪访盤盘邊边們们對对認认頭头狀状況况須须屆届違违罰罚營营運运輪轮氣气溫温風风險险' +
  '災灾夠够斷断擴扩彙汇匯汇過过還还選选適适隨随觀观優优鐘钟僅仅衛卫參参領领屬属協协員员說说講讲聽听讀读' +
  '寫写書书條条綜综試试驗验證证請请讓让給给錯错階阶遠远確确閉闭環环滿满餘余齊齐強强貫贯徹彻臨临網网絡络' +
  '雙双衆众眾众歲岁區区礎础廳厅縣县鄉乡鎮镇傷伤電电礦矿廠厂貨货車车陸陆島岛灣湾臺台' +
  '別别嚴严緊紧採采礙碍維维護护構构樣样術术視视頻频資资數数線线熱热積积極极創创興兴廣广質质償偿製制';

const TRADITIONAL = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
  TRADITIONAL.set(TRADITIONAL_PAIRS.charAt(i), TRADITIONAL_PAIRS.charAt(i + 1));
}

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
  return SPECIAL.get(ch) ?? TRADITIONAL.get(ch) ?? ch;
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
