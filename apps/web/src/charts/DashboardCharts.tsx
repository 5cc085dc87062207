import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { type ReactNode, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Dashboard } from '../api/contracts.ts';
import { LIGHT_COLORS } from '../app/theme.ts';
import { monthLabel, shortMonthLabel } from '../components/period.ts';
import { useIsPhone } from '../components/use-media-query.ts';
import { useT } from '../i18n/i18n.tsx';
import { drillPath, type Heatmap, percent } from '../pages/dashboard/dashboard-model.ts';
import { tooltipLines } from './escape-html.ts';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
]);

const BLUE = '#0958d9';
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** '（一）开展安全生产责任大落实行动' → '(一) 安全生产责任大落实': the axis label; tooltips keep the full title. */
export function shortCategory(title: string, phone = false): string {
  if (phone) return /^（[^）]+）/.exec(title)?.[0] ?? title.slice(0, 4);
  return title
    .replace(/^（([^）]+)）/, '($1) ')
    .replace(/\) 开展/, ') ')
    .replace(/行动$/, '');
}

interface Props {
  d: Dashboard;
  heat: Heatmap | null;
}

/** The dashboard's four charts; each click opens the tasks behind the figure, each has its table for keyboards. */
export default function DashboardCharts({ d, heat }: Props) {
  return (
    <div className="chart-grid">
      <CategoryRates d={d} />
      <DepartmentRates d={d} />
      <MonthTrend d={d} />
      <DepartmentMonthHeat d={d} heat={heat} />
    </div>
  );
}

function Figure({
  id,
  title,
  note,
  summary,
  children,
  table,
  wide,
}: {
  id: string;
  title: string;
  note?: string;
  summary: string;
  children: ReactNode;
  table: ReactNode;
  wide?: boolean;
}) {
  const t = useT();
  return (
    <figure className={`card chart-card${wide ? ' chart-wide' : ''}`} aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption>
        <h2 id={`${id}-title`} className="section-title">
          {title}
        </h2>
        {note ? <p className="text-secondary text-small chart-note">{note}</p> : null}
      </figcaption>
      <div role="img" aria-label={summary}>
        {children}
      </div>
      <details className="chart-table">
        <summary>{t('dash.showTable')}</summary>
        {table}
      </details>
    </figure>
  );
}

function Chart({ option, height, onClick }: { option: object; height: number; onClick?: (p: ClickParams) => void }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height, width: '100%' }}
      opts={{ renderer: 'canvas' }}
      onEvents={onClick ? { click: onClick } : undefined}
    />
  );
}

interface ClickParams {
  dataIndex: number;
  value?: unknown;
  data?: unknown;
}

/**
 * A rate series whose bars carry their value even at 0 % (a row of empty bars reads as missing data), and '—'
 * where there is no rate yet (nothing due, or nothing accepted).
 */
function rateSeries(name: string, values: (number | null)[]) {
  return {
    name,
    type: 'bar',
    // No rate: an invisible bar that still carries its '—' label.
    data: values.map((v) => (v === null ? { value: 0, itemStyle: { color: 'transparent' } } : v)),
    barMaxWidth: 14,
    barMinHeight: 2,
    label: {
      show: true,
      position: 'right',
      fontSize: 11,
      color: 'rgba(0, 0, 0, 0.75)',
      formatter: (p: { dataIndex: number }) => {
        const v = values[p.dataIndex];
        return v === null || v === undefined ? '—' : `${v}%`;
      },
    },
  };
}

function rateBars(
  labels: string[],
  full: string[],
  completion: (number | null)[],
  onTime: (number | null)[],
  t: ReturnType<typeof useT>,
  phone: boolean,
) {
  return {
    aria: { enabled: true },
    animation: false,
    textStyle: { fontFamily: FONT },
    color: [BLUE, LIGHT_COLORS.green],
    legend: { top: 0, data: [t('dash.completionRate'), t('dash.onTimeRate')] },
    grid: { left: 8, right: 44, top: 30, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number; seriesIndex: number; seriesName: string }[]) => {
        const first = items[0];
        if (!first) return '';
        const raw = [completion, onTime];
        const rows = items.map((i) => {
          const v = raw[i.seriesIndex]?.[i.dataIndex];
          return `${i.seriesName}：${v === null || v === undefined ? '—' : `${v}%`}`;
        });
        return tooltipLines([full[first.dataIndex] ?? '', ...rows]);
      },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisLabel: { width: phone ? 110 : 180, overflow: 'truncate', fontSize: phone ? 11 : 12 },
    },
    series: [rateSeries(t('dash.completionRate'), completion), rateSeries(t('dash.onTimeRate'), onTime)],
  };
}

function RateTable({
  rows,
  nameHeader,
}: {
  rows: { key: string | number; name: string; to: string; f: Dashboard['totals'] }[];
  nameHeader: string;
}) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col">{t('dash.completionRate')}</th>
            <th scope="col">{t('dash.onTimeRate')}</th>
            <th scope="col">{t('occ.status.overdue')}</th>
            <th scope="col">{t('dash.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <Link to={r.to}>{r.name}</Link>
              </th>
              <td>{percent(r.f.completionRate)}</td>
              <td>{percent(r.f.onTimeRate)}</td>
              <td>{r.f.counts.overdue}</td>
              <td>{r.f.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RateRow {
  key: string | number;
  /** The bar's axis label (may be shortened on phones) and the full name for tooltips and the table. */
  label: string;
  name: string;
  to: string;
  f: Dashboard['totals'];
}

/** Completion and on-time rate bars for a list of rows, each bar and table row drilling down to its tasks. */
function RateFigure(props: { id: string; title: string; summary: string; nameHeader: string; rows: RateRow[] }) {
  const t = useT();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { rows } = props;
  const option = useMemo(
    () =>
      rateBars(
        rows.map((r) => r.label),
        rows.map((r) => r.name),
        rows.map((r) => pct(r.f.completionRate)),
        rows.map((r) => pct(r.f.onTimeRate)),
        t,
        phone,
      ),
    [rows, t, phone],
  );
  return (
    <Figure
      id={props.id}
      title={props.title}
      summary={props.summary}
      table={<RateTable nameHeader={props.nameHeader} rows={rows} />}
    >
      <Chart
        option={option}
        height={rows.length * 40 + 60}
        onClick={(p) => {
          const to = rows[p.dataIndex]?.to;
          if (to) navigate(to);
        }}
      />
    </Figure>
  );
}

function CategoryRates({ d }: { d: Dashboard }) {
  const t = useT();
  const phone = useIsPhone();
  const rows = useMemo(
    () =>
      d.byCategory.map((c, i) => ({
        key: c.categoryId ?? `none-${i}`,
        label: shortCategory(c.title, phone),
        name: c.title,
        to: drillPath(d.taskList.year, { category: c.categoryId }, d.asOf),
        f: c,
      })),
    [d, phone],
  );
  return (
    <RateFigure
      id="chart-category"
      title={t('dash.byCategory')}
      summary={t('dash.byCategorySummary', { n: rows.length, rate: percent(d.totals.completionRate) })}
      nameHeader={t('tasks.col.category')}
      rows={rows}
    />
  );
}

function DepartmentRates({ d }: { d: Dashboard }) {
  const t = useT();
  const rows = useMemo(
    () =>
      d.byDepartment.map((r) => ({
        key: r.departmentId,
        label: r.name,
        name: r.name,
        to: drillPath(d.taskList.year, { department: r.departmentId }, d.asOf),
        f: r,
      })),
    [d],
  );
  return (
    <RateFigure
      id="chart-department"
      title={t('dash.byDepartment')}
      summary={t('dash.byDepartmentSummary', { n: rows.length })}
      nameHeader={t('tasks.col.departments')}
      rows={rows}
    />
  );
}

function MonthTrend({ d }: { d: Dashboard }) {
  const t = useT();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const rows = d.byMonth;
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      animation: false,
      textStyle: { fontFamily: FONT },
      color: [BLUE, LIGHT_COLORS.green, LIGHT_COLORS.red],
      legend: { top: 0, data: [t('dash.completionRate'), t('dash.onTimeRate'), t('occ.status.overdue')] },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: rows.map((m) => (phone ? String(Number(m.month.slice(5))) : shortMonthLabel(m.month, t))),
        axisLabel: { interval: 0, fontSize: phone ? 10 : 12 },
      },
      yAxis: [
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('dash.completionRate'),
          type: 'line',
          data: rows.map((m) => pct(m.completionRate)),
          symbolSize: 8,
          connectNulls: true,
        },
        {
          name: t('dash.onTimeRate'),
          type: 'line',
          data: rows.map((m) => pct(m.onTimeRate)),
          symbolSize: 8,
          connectNulls: true,
        },
        {
          name: t('occ.status.overdue'),
          type: 'bar',
          yAxisIndex: 1,
          data: rows.map((m) => m.counts.overdue),
          barMaxWidth: 18,
          itemStyle: { opacity: 0.35 },
        },
      ],
    }),
    [rows, t, phone],
  );
  const links = rows.map((m) => drillPath(d.taskList.year, { month: m.month }, d.asOf));
  return (
    <Figure
      id="chart-trend"
      title={t('dash.trend')}
      summary={t('dash.trendSummary', { n: rows.length })}
      table={
        <RateTable
          nameHeader={t('dash.month')}
          rows={rows.map((m, i) => ({ key: m.month, name: monthLabel(m.month, t), to: links[i] ?? '', f: m }))}
        />
      }
      wide
    >
      <Chart
        option={option}
        height={phone ? 260 : 300}
        onClick={(p) => {
          const to = links[p.dataIndex];
          if (to) navigate(to);
        }}
      />
    </Figure>
  );
}

function DepartmentMonthHeat({ d, heat }: { d: Dashboard; heat: Heatmap | null }) {
  const t = useT();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const year = d.taskList.year;
  const option = useMemo(() => {
    if (!heat) return null;
    const xIndex = new Map(heat.months.map((m, i) => [m, i]));
    const yIndex = new Map(heat.departments.map((dep, i) => [dep.id, i]));
    return {
      aria: { enabled: true },
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      tooltip: {
        formatter: (p: { data: { cell: Heatmap['cells'][number] } }) => {
          const c = p.data.cell;
          const name = heat.departments.find((x) => x.id === c.departmentId)?.name ?? '';
          return tooltipLines([
            `${name} · ${monthLabel(c.month, t)}`,
            t('dash.heatTip', { done: c.done, due: c.due, total: c.total, overdue: c.overdue }),
            `${t('dash.completionRate')}：${percent(c.rate)}`,
          ]);
        },
      },
      xAxis: {
        type: 'category',
        data: heat.months.map((m) => (phone ? String(Number(m.slice(5))) : shortMonthLabel(m, t))),
        splitArea: { show: true },
        axisLabel: { interval: 0, fontSize: phone ? 9 : 12 },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: heat.departments.map((x) => x.name),
        splitArea: { show: true },
        axisLabel: { width: phone ? 84 : 170, overflow: 'truncate', fontSize: phone ? 10 : 12 },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: phone ? 120 : 200,
        text: ['100%', '0%'],
        inRange: { color: [LIGHT_COLORS.red, '#faad14', LIGHT_COLORS.green] },
      },
      series: [
        {
          type: 'heatmap',
          data: heat.cells
            .filter((c) => c.rate !== null)
            .map((c) => ({
              value: [xIndex.get(c.month), yIndex.get(c.departmentId), pct(c.rate)],
              cell: c,
            })),
          label: {
            show: !phone,
            formatter: (p: { data: { cell: Heatmap['cells'][number] } }) => `${p.data.cell.done}/${p.data.cell.due}`,
            color: '#fff',
            fontSize: 11,
          },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    };
  }, [heat, t, phone]);
  const to = (c: Heatmap['cells'][number]) => drillPath(year, { department: c.departmentId, month: c.month }, d.asOf);
  return (
    <Figure
      id="chart-heatmap"
      title={t('dash.heatmap')}
      note={t('dash.heatmapNote')}
      summary={t('dash.heatmapSummary', { n: heat?.departments.length ?? 0 })}
      wide
      table={
        heat ? (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('tasks.col.departments')}</th>
                  {heat.months.map((m) => (
                    <th scope="col" key={m}>
                      {shortMonthLabel(m, t)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {heat.departments.map((dep) => (
                  <tr key={dep.id}>
                    <th scope="row">{dep.name}</th>
                    {heat.months.map((m) => {
                      const c = heat.cells.find((x) => x.departmentId === dep.id && x.month === m);
                      return (
                        <td key={m}>
                          {c ? (
                            <Link to={to(c)} aria-label={`${dep.name} ${monthLabel(m, t)} ${c.done}/${c.due}`}>
                              {c.due > 0 ? `${c.done}/${c.due}` : `0/${c.total}`}
                            </Link>
                          ) : (
                            ''
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null
      }
    >
      {option ? (
        <Chart
          option={option}
          height={Math.max(200, (heat?.departments.length ?? 0) * (phone ? 26 : 32) + 90)}
          onClick={(p) => {
            const cell = (p.data as { cell?: Heatmap['cells'][number] } | undefined)?.cell;
            if (cell) navigate(to(cell));
          }}
        />
      ) : (
        <p className="text-secondary">{t('app.loading')}</p>
      )}
    </Figure>
  );
}
