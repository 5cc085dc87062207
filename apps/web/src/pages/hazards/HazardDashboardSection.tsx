import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchHazardStats } from '../../api/hazards.ts';
import { queryKeys } from '../../api/query.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { HazardKpis } from './HazardStatsPage.tsx';

/** The hazards section of the leader dashboard: the year's KPIs and the 2023 stock (task 33), linking to statistics. */
export default function HazardDashboardSection({ year }: { year: number }) {
  const { t } = useI18n();
  // Hazard writes mark 'hazards' stale: a handled hazard refreshes this section too.
  const { data } = useQuery({
    queryKey: queryKeys.hazardStats(year),
    queryFn: ({ signal }) => fetchHazardStats(year, signal),
    placeholderData: keepPreviousData,
  });
  if (!data) return null;
  return (
    <section aria-labelledby="hazard-section" style={{ marginTop: 16 }} data-section="hazards">
      <h2 id="hazard-section" className="section-title">
        {t('hz.dashboardSection')} <Link to={`/hazards/stats?year=${year}`}>{t('hz.openStats')}</Link>
      </h2>
      <HazardKpis s={data} />
    </section>
  );
}
