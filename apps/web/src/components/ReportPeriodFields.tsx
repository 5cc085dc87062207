import { Input, Select } from 'antd';
import type { ReportPeriodQuery } from '../api/reports.ts';
import { useT } from '../i18n/i18n.tsx';
import { FilterField } from './FilterField.tsx';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'asOf';
const KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year', 'asOf'];

export interface PeriodChoice {
  kind: PeriodKind;
  /** 1–12, 1–4, 1–2 for month, quarter, half. */
  index: number;
  /** YYYY-MM-DD for asOf. */
  date: string;
}

export const DEFAULT_PERIOD: PeriodChoice = { kind: 'quarter', index: 1, date: '' };

/** The choice as the server's query (`period=2024-Q1` or `asOf=2024-06-30`); null while incomplete. */
export function periodQuery(year: number, choice: PeriodChoice): ReportPeriodQuery | null {
  switch (choice.kind) {
    case 'month':
      return { year, period: `${year}-${String(choice.index).padStart(2, '0')}` };
    case 'quarter':
      return { year, period: `${year}-Q${choice.index}` };
    case 'half':
      return { year, period: `${year}-H${choice.index}` };
    case 'year':
      return { year, period: String(year) };
    case 'asOf':
      return choice.date.startsWith(`${year}-`) ? { year, asOf: choice.date } : null;
  }
}

const COUNT: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 0, asOf: 0 };

/** 统计期间: kind (月/季度/半年/全年/截至日期) and its value within `year`. */
export function ReportPeriodFields({
  idPrefix,
  year,
  value,
  onChange,
}: {
  idPrefix: string;
  year: number;
  value: PeriodChoice;
  onChange: (next: PeriodChoice) => void;
}) {
  const t = useT();
  const count = COUNT[value.kind];
  const valueLabel = (i: number) =>
    value.kind === 'month'
      ? t('period.month', { y: year, m: i })
      : value.kind === 'quarter'
        ? t('period.quarter', { y: year, q: i })
        : t(i === 1 ? 'period.h1' : 'period.h2', { y: year });
  return (
    <div className="period-fields">
      <FilterField id={`${idPrefix}-kind`} label={t('period.kind')}>
        <Select<PeriodKind>
          id={`${idPrefix}-kind`}
          style={{ width: '100%' }}
          value={value.kind}
          onChange={(kind) => onChange({ ...value, kind, index: 1 })}
          options={KINDS.map((k) => ({ value: k, label: t(`period.kind.${k}`) }))}
        />
      </FilterField>
      {count > 0 ? (
        <FilterField id={`${idPrefix}-value`} label={t('period.value')}>
          <Select<number>
            id={`${idPrefix}-value`}
            style={{ width: '100%' }}
            value={value.index}
            onChange={(index) => onChange({ ...value, index })}
            options={Array.from({ length: count }, (_, i) => ({ value: i + 1, label: valueLabel(i + 1) }))}
          />
        </FilterField>
      ) : null}
      {value.kind === 'asOf' ? (
        <FilterField id={`${idPrefix}-date`} label={t('period.asOfDate')}>
          <Input
            id={`${idPrefix}-date`}
            type="date"
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            value={value.date}
            onChange={(e) => onChange({ ...value, date: e.target.value })}
          />
        </FilterField>
      ) : null}
    </div>
  );
}
