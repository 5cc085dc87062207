/**
 * 文号 of a 督办/催办 notice from the unit's pattern: `{year}` → the year, `{n}` → the number in the year's series
 * (no leading zeros, as official numbers are written: 开安委办督〔2024〕3号).
 */
export const DEFAULT_PATTERNS = {
  notice: '开安委办督〔{year}〕{n}号',
  urge: '开安委办催〔{year}〕{n}号',
} as const;

export function formatDocNumber(pattern: string, year: number, n: number): string {
  return pattern.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));
}

/** A pattern must contain {n} (else every notice would have the same number); {year} is recommended. */
export function patternProblem(pattern: string): string | null {
  if (!pattern.includes('{n}')) return '文号格式必须包含 {n}（序号）';
  if (pattern.length > 60) return '文号格式过长（最多 60 个字符）';
  return null;
}
