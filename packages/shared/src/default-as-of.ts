import { todayInShanghai } from './civil-date.ts';

/**
 * The "as of" date a screen uses when none is chosen: today while the list's year runs (or before it starts),
 * 31 December of the list's year once that year is over — a 2024 list opened in 2026 shows how 2024 ended,
 * not everything "1,000 days overdue".
 */
export function defaultAsOf(year: number, today: string = todayInShanghai()): string {
  const yearEnd = `${year}-12-31`;
  return today > yearEnd ? yearEnd : today;
}
