/**
 * Category (主要内容) tracking across rows. A category cell is empty on continuation rows (inherit), and in
 * PDF-derived text a title can be split over a page break (`（一）开展安全` … `生产责任大落实行动`) or reappear as
 * a fragment mid-page. Tasks hold a reference to their category, so the final title is the whole joined one.
 */
import { chineseNumeralValue } from '@duban/shared/deadline/normalize-text';
import { asciiDigits, collapseWhitespace } from './text-normalize.ts';

export interface CategoryRef {
  title: string;
  /** Ordinal key such as 'paren:1' or 'dun:3'; null when the title has no ordinal marker. */
  ordinal: string | null;
}

/** 一 → 1, 十一 → 11, 二十 → 20, 二十三 → 23; also plain digits. Null when not a number. */
export function numeralValue(text: string): number | null {
  const ascii = asciiDigits(text);
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return null;
  return chineseNumeralValue(text);
}

const NUMERAL = '[0-9０-９零〇一二两三四五六七八九十百]+';
const ORDINAL_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['paren', new RegExp(`^[（(]\\s*(${NUMERAL})\\s*[）)]`)],
  ['dun', new RegExp(`^(${NUMERAL})\\s*、`)],
  ['di', new RegExp(`^第(${NUMERAL})(?:部分|项|类|个|章|节|条|(?=[、：:.．\\s])|$)`)],
];

export interface Ordinal {
  key: string;
  /** Length of the marker, so callers can check there is text after it. */
  markerLength: number;
}

/** The ordinal marker a title starts with: （一）/(1) → paren, 一、/1、 → dun, 第一 → di. */
export function parseOrdinal(text: string): Ordinal | null {
  const trimmed = text.trim();
  for (const [style, pattern] of ORDINAL_PATTERNS) {
    const match = pattern.exec(trimmed);
    const numeral = match?.[1];
    if (match === null || numeral === undefined) continue;
    const value = numeralValue(numeral);
    if (value === null) continue;
    return { key: `${style}:${value}`, markerLength: match[0].length };
  }
  return null;
}

/** A heading such as `一、开展…行动` or `（二）…`: an ordinal marker followed by text. */
export function isCategoryHeading(text: string): boolean {
  const trimmed = text.trim();
  const ordinal = parseOrdinal(trimmed);
  return ordinal !== null && trimmed.length > ordinal.markerLength;
}

export class CategoryTracker {
  readonly categories: CategoryRef[] = [];
  private current: CategoryRef | null = null;

  /**
   * @param joinFragments PDF-derived input (text, csv): a cell without ordinal in a list whose categories have
   * ordinals is a fragment of the current title. Tables (xlsx, docx) hold whole titles: such a cell is a new category.
   */
  constructor(private readonly joinFragments: boolean) {}

  get currentCategory(): CategoryRef | null {
    return this.current;
  }

  /** Feed a category cell (or heading); an empty cell inherits the current category. */
  see(cell: string): CategoryRef | null {
    const title = collapseWhitespace(cell);
    if (title === '') return this.current;
    const current = this.current;
    const ordinal = parseOrdinal(title)?.key ?? null;
    if (current === null) return this.start(title, ordinal);
    if (ordinal !== null) {
      if (ordinal !== current.ordinal) return this.start(title, ordinal);
      if (title.length > current.title.length) current.title = title;
      return current;
    }
    if (current.title === title || (this.joinFragments && current.title.endsWith(title))) return current;
    if (this.joinFragments && current.ordinal !== null) {
      current.title += title;
      return current;
    }
    return this.start(title, null);
  }

  private start(title: string, ordinal: string | null): CategoryRef {
    const ref: CategoryRef = { title, ordinal };
    this.categories.push(ref);
    this.current = ref;
    return ref;
  }
}
