import { Alert } from 'antd';
import { Link } from 'react-router';
import { fetchHazardStats } from '../../api/hazards.ts';
import { useLoad } from '../../components/use-load.ts';

/** Tasks about the 2023 stock of major hazards (task 33) show the register's figure as evidence. */
export function isStockTask(text: string): boolean {
  return /重大事故隐患/.test(text) && /2023年/.test(text);
}

export function HazardStockFigure({ text }: { text: string }) {
  const show = isStockTask(text);
  const { data } = useLoad((signal) => (show ? fetchHazardStats(2024, signal) : Promise.resolve(null)), [show]);
  if (!show || !data) return null;
  const { total, closed } = data.stockMajor2023;
  const rate = total === 0 ? '—' : `${((closed / total) * 100).toFixed(1)}%`;
  return (
    <Alert
      type={total > 0 && closed === total ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 10 }}
      data-figure="hazard-stock"
      title={`隐患台账：2023年底前排查出的重大事故隐患 ${total} 项，已整改销号 ${closed} 项（${rate}）`}
      description={<Link to="/hazards/stats?year=2024">查看隐患统计</Link>}
    />
  );
}
