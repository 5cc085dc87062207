import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { RollupRow } from '../api/rollup.ts';
import { useT } from '../i18n/i18n.tsx';
import { tooltipLines } from './escape-html.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** 下级单位 side by side: task completion and hazard rectification rates per child unit. Tooltips escaped. */
export default function RollupCharts({ rows }: { rows: RollupRow[] }) {
  const t = useT();
  const names = rows.map((r) => r.unit.name);
  const option = {
    animation: false,
    aria: { enabled: true },
    textStyle: { fontFamily: FONT },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { axisValue: string; seriesName: string; value: number | null }[]) =>
        tooltipLines([ps[0]?.axisValue ?? '', ...ps.map((p) => `${p.seriesName}：${p.value ?? '—'}%`)]),
    },
    legend: { top: 0, data: [t('rollup.col.completion'), t('rollup.col.rectification')] },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        name: t('rollup.col.completion'),
        type: 'bar',
        data: rows.map((r) => percent(r.rates.completionRate)),
        itemStyle: { color: '#0958d9' },
      },
      {
        name: t('rollup.col.rectification'),
        type: 'bar',
        data: rows.map((r) => percent(r.rates.rectificationRate)),
        itemStyle: { color: '#389e0d' },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: Math.max(180, 60 + rows.length * 44) }}
      notMerge
    />
  );
}
