import { Select } from 'antd';
import { FilterField } from '../../components/FilterField.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { periodOptions, periodText, ROLLUP_YEARS } from './rollup-model.ts';

/** Year (and, when given, reporting period) of the roll-up pages. */
export function RollupFilters(props: {
  year: number;
  onYear: (year: number) => void;
  period?: string;
  onPeriod?: (period: string) => void;
}) {
  const { t, lang } = useI18n();
  const isPhone = useIsPhone();
  return (
    <section className="filter-bar" aria-label={t('filter.title')}>
      <FilterField id="rollup-year" label={t('filter.year')}>
        <Select<number>
          id="rollup-year"
          style={{ width: isPhone ? '100%' : 110 }}
          value={props.year}
          onChange={props.onYear}
          options={ROLLUP_YEARS.map((y) => ({ value: y, label: String(y) }))}
        />
      </FilterField>
      {props.period !== undefined && props.onPeriod ? (
        <FilterField id="rollup-period" label={t('rollup.period')}>
          <Select<string>
            id="rollup-period"
            style={{ width: isPhone ? '100%' : 170 }}
            value={props.period}
            onChange={props.onPeriod}
            options={periodOptions(props.year).map((p) => ({ value: p, label: periodText(p, lang) }))}
          />
        </FilterField>
      ) : null}
    </section>
  );
}
