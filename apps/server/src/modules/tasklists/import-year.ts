/**
 * The list's year: from the user (`--year`, the wizard's field), else the title, else the explicit years written in
 * the deadlines. Where the title or the deadlines disagree with the year the user gave, a warning says so.
 */

export type YearSource = 'option' | 'title' | 'deadlines';

export interface YearDecision {
  year: number | undefined;
  yearSource: YearSource | undefined;
  warnings: string[];
}

const YEAR_IN_TITLE = /(20\d{2})\s*年/;
const YEAR_IN_TEXT = /(?<!\d)(20\d{2})\s*(?:年|[-./]\d{1,2}[-./]\d{1,2})/g;
const YEAR_SPAN_IN_TITLE = /(20\d{2})\s*[-—–~至到]+\s*(20\d{2})\s*年/;

/** The title's year; a span (2024—2026年) gives its first year. */
export function yearOfTitle(title: string | null): number | undefined {
  if (!title) return undefined;
  const span = YEAR_SPAN_IN_TITLE.exec(title);
  if (span) return Number(span[1]);
  const m = YEAR_IN_TITLE.exec(title);
  return m ? Number(m[1]) : undefined;
}

/**
 * The year most deadlines name (2024年底前, 2024.6.30), counted once per deadline; a tie goes to the earlier year
 * (a three-year list names its first year most, later milestones less).
 */
export function yearOfDeadlines(deadlines: readonly string[]): number | undefined {
  const counts = new Map<number, number>();
  for (const text of deadlines) {
    const years = new Set([...text.matchAll(YEAR_IN_TEXT)].map((m) => Number(m[1])));
    for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [year, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > bestCount) {
      best = year;
      bestCount = count;
    }
  }
  return best;
}

export function decideListYear(input: {
  option: number | undefined;
  title: string | null;
  deadlines: readonly string[];
}): YearDecision {
  const titleYear = yearOfTitle(input.title);
  const deadlineYear = yearOfDeadlines(input.deadlines);
  if (input.option !== undefined) {
    const warnings: string[] = [];
    if (titleYear !== undefined && titleYear !== input.option) {
      warnings.push(`指定的年份 ${input.option} 与标题中的年份 ${titleYear} 不一致，请确认（title says ${titleYear}）`);
    }
    if (deadlineYear !== undefined && deadlineYear !== input.option && titleYear === undefined) {
      warnings.push(
        `指定的年份 ${input.option} 与完成时限中最常出现的年份 ${deadlineYear} 不一致，请确认（deadlines say ${deadlineYear}）`,
      );
    }
    return { year: input.option, yearSource: 'option', warnings };
  }
  if (titleYear !== undefined) return { year: titleYear, yearSource: 'title', warnings: [] };
  if (deadlineYear !== undefined) {
    return {
      year: deadlineYear,
      yearSource: 'deadlines',
      warnings: [
        `标题中没有年份，按完成时限中写明的年份定为 ${deadlineYear} 年，请确认（year taken from the deadlines）`,
      ],
    };
  }
  return { year: undefined, yearSource: undefined, warnings: [] };
}
