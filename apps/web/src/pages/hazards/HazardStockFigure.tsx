import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { fetchHazardStats } from '../../api/hazards.ts';
import { queryKeys } from '../../api/query.ts';
import { useT } from '../../i18n/i18n.tsx';

/** Tasks about the 2023 stock of major hazards (task 33) show the register's figure as evidence. */
export function isStockTask(text: string): boolean {
  return /重大事故隐患/.test(text) && /2023年/.test(text);
}

export function HazardStockFigure({ text }: { text: string }) {
  const t = useT();
  const show = isStockTask(text);
  const { data } = useQuery({
    queryKey: queryKeys.hazardStats(2024),
    queryFn: ({ signal }) => fetchHazardStats(2024, signal),
    enabled: show,
  });
  if (!show || !data) return null;
  const { total, closed } = data.stockMajor2023;
  const rate = total === 0 ? '—' : `${((closed / total) * 100).toFixed(1)}%`;
  return (
    <Alert
      type={total > 0 && closed === total ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 10 }}
      data-figure="hazard-stock"
      title={t('hz.stockFigure', { total, closed, rate })}
      description={<Link to="/hazards/stats?year=2024">{t('hz.stockFigureLink')}</Link>}
    />
  );
}
