import type { Translate } from '../i18n/i18n.tsx';

/** An occurrence's period key (2024-03, 2024-Q1, 2024-H2, 2024, 2024-W05, or a one-off due date) in words. */
export function periodLabel(key: string, t: Translate): string {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return t('period.month', { y: m[1] ?? '', m: Number(m[2]) });
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return t('period.quarter', { y: m[1] ?? '', q: m[2] ?? '' });
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return t(m[2] === '1' ? 'period.h1' : 'period.h2', { y: m[1] ?? '' });
  m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (m) return t('period.week', { y: m[1] ?? '', w: Number(m[2]) });
  if (/^\d{4}$/.test(key)) return t('period.year', { y: key });
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return t('period.once', { date: key });
  return key;
}

/** '2024-03' → '2024年3月' / 'Mar 2024' (chart axes, drill-down titles). */
export function monthLabel(month: string, t: Translate): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? t('period.month', { y: m[1] ?? '', m: Number(m[2]) }) : month;
}

export function shortMonthLabel(month: string, t: Translate): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? t('period.shortMonth', { m: Number(m[2]) }) : month;
}
