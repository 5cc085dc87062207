import type { RollupFigures, RollupRates, SubmissionStatus } from '@duban/shared/contracts/rollup';
import { sumFigures } from '@duban/shared/rollup/figures';

export { ratesOf } from '@duban/shared/rollup/figures';

import type { MessageKey } from '../../i18n/zh-CN.ts';

/** Pure helpers of the roll-up pages (unit-tested). */

/** A rate as a percentage with one decimal, '—' when there is nothing to rate. */
export function pct(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The campaign's years (治本攻坚三年行动 2024–2026). */
export const ROLLUP_YEARS = [2024, 2025, 2026] as const;

/** The year a page opens on: today's, kept inside the campaign's years. */
export function defaultRollupYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return Math.min(Math.max(y, ROLLUP_YEARS[0]), ROLLUP_YEARS[ROLLUP_YEARS.length - 1] as number);
}

/** The reporting periods of a year: four quarters, two half-years and the year. */
export function periodOptions(year: number): string[] {
  return [`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`, `${year}-H1`, `${year}-H2`, String(year)];
}

/** The quarter a page defaults to: today's when today is in the year, else the year's last. */
export function defaultPeriod(year: number, today: string): string {
  if (today.slice(0, 4) !== String(year)) return `${year}-Q4`;
  return `${year}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
}

/** 2025-Q2 → 2025年第二季度; 2025-H1 → 2025年上半年; 2025 → 2025年度 (Chinese labels; English shows the key). */
export function periodText(key: string, lang: 'zh-CN' | 'en'): string {
  if (lang === 'en') return key;
  const [y, part] = key.split('-');
  if (!part) return `${y}年度`;
  if (part.startsWith('Q')) return `${y}年第${'一二三四'[Number(part.slice(1)) - 1]}季度`;
  if (part.startsWith('H')) return `${y}年${part === 'H1' ? '上' : '下'}半年`;
  return `${y}年${Number(part)}月`;
}

export function submissionStatusKey(status: SubmissionStatus | null): MessageKey {
  if (status === null) return 'rollup.status.none';
  return `rollup.status.${status}`;
}

export const submissionColor = (status: SubmissionStatus | null): string =>
  status === 'accepted' ? 'green' : status === 'submitted' ? 'blue' : status === 'returned' ? 'orange' : 'default';

/** The rates of a row as shown in the table (percent text). */
export function rateCells(r: RollupRates) {
  return {
    completion: pct(r.completionRate),
    onTime: pct(r.onTimeRate),
    rectification: pct(r.rectificationRate),
    stock: pct(r.stockClosedRate),
  };
}

/** A unit's own (本级) figures plus the sum of its children's: the unit and everything below it. */
export function unitAndBelow(own: RollupFigures, children: RollupFigures): RollupFigures {
  return sumFigures([own, children]);
}
