import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { HazardStatsResponse } from '../api/hazards.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { channelLabel } from '../pages/hazards/hazard-labels.ts';
import { tooltipLines } from './escape-html.ts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

/** The statistics' charts: found/closed by month, by channel, by industry. Every tooltip string is escaped. */
export default function HazardCharts({ s }: { s: HazardStatsResponse }) {
  const { t, lang } = useI18n();
  const month = {
    aria: { enabled: true },
    textStyle: { fontFamily: FONT },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { axisValue: string; seriesName: string; value: number }[]) =>
        tooltipLines([ps[0]?.axisValue ?? '', ...ps.map((p) => `${p.seriesName}：${p.value}`)]),
    },
    legend: { top: 0, data: [t('hz.found'), t('hz.kpiClosed')] },
    grid: { left: 40, right: 16, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: s.byMonth.map((m) => m.month.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('hz.found'), type: 'bar', data: s.byMonth.map((m) => m.found), itemStyle: { color: '#d46b08' } },
      { name: t('hz.kpiClosed'), type: 'line', data: s.byMonth.map((m) => m.closed), itemStyle: { color: '#389e0d' } },
    ],
  };
  const channels = Object.entries(s.byChannel).filter(([, n]) => n > 0);
  const channel = {
    aria: { enabled: true },
    textStyle: { fontFamily: FONT },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) =>
        tooltipLines([p.name, `${p.value}（${p.percent}%）`]),
    },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: channels.map(([k, n]) => ({ name: channelLabel(k, lang), value: n })),
      },
    ],
  };
  const industry = {
    aria: { enabled: true },
    textStyle: { fontFamily: FONT },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { axisValue: string; seriesName: string; value: number }[]) =>
        tooltipLines([ps[0]?.axisValue ?? '', ...ps.map((p) => `${p.seriesName}：${p.value}`)]),
    },
    legend: { top: 0, data: [t('hz.found'), t('hz.kpiClosed')] },
    grid: { left: 90, right: 16, bottom: 20, top: 40 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: s.byIndustry.map((r) => r.label) },
    series: [
      { name: t('hz.found'), type: 'bar', data: s.byIndustry.map((r) => r.total), itemStyle: { color: '#0958d9' } },
      {
        name: t('hz.kpiClosed'),
        type: 'bar',
        data: s.byIndustry.map((r) => r.closed),
        itemStyle: { color: '#389e0d' },
      },
    ],
  };
  return (
    <div className="chart-grid">
      <section className="card chart-card">
        <h2 className="section-title">{t('hz.byMonth')}</h2>
        <ReactEChartsCore echarts={echarts} option={month} style={{ height: 280 }} notMerge />
      </section>
      <section className="card chart-card">
        <h2 className="section-title">{t('hz.byChannel')}</h2>
        <ReactEChartsCore echarts={echarts} option={channel} style={{ height: 280 }} notMerge />
      </section>
      <section className="card chart-card">
        <h2 className="section-title">{t('hz.byIndustry')}</h2>
        <ReactEChartsCore
          echarts={echarts}
          option={industry}
          style={{ height: Math.max(240, s.byIndustry.length * 28 + 60) }}
          notMerge
        />
      </section>
    </div>
  );
}
