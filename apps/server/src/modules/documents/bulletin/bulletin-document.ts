import { todayInShanghai } from '@duban/shared/civil-date';
import type { BulletinResponse } from '@duban/shared/contracts/bulletins';
import type { CellRun, Light } from '../export/progress-cell.ts';
import { LIGHT_NAME } from '../office-style.ts';
import { chineseDate } from '../report-period.ts';
import { percent } from './bulletin-figures.ts';

/**
 * A bulletin as a document, before any file format: headings, paragraphs, charts and tables. The .docx and PDF
 * renderers draw the same blocks, so the PDF shows what the .docx holds. Pure.
 */
export interface ChartBar {
  label: string;
  /** 0..1 of the bar's full length. */
  value: number;
  light: Light;
  caption: string;
}

export interface ChartSpec {
  title: string;
  bars: ChartBar[];
  /** Axis ends under the bars, e.g. ['0', '50%', '100%']. */
  axis: [string, string, string];
}

export interface TableSpec {
  headers: string[];
  /** Shares of the text width, summing to 1. */
  widths: number[];
  rows: CellRun[][][];
  /** Columns centred (the rest left-aligned). */
  centred: number[];
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'chart'; chart: ChartSpec }
  | { kind: 'table'; table: TableSpec };

export interface BulletinDocument {
  issuer: string;
  title: string;
  draft: boolean;
  addressee: string;
  blocks: Block[];
  signature: { issuer: string; date: string };
  fileBase: string;
}

const LIGHT_ORDER = ['red', 'yellow', 'green'] as const;
const LIGHT_MEANING = {
  red: '有逾期未完成事项',
  yellow: '有即将到期、逾期完成或被退回的事项',
  green: '按计划推进',
} as const;

function rankingTable(b: BulletinResponse): TableSpec {
  return {
    headers: ['排名', '责任部门', '应完成', '已完成', '完成率', '按时完成率', '逾期', '状态'],
    widths: [0.07, 0.29, 0.1, 0.1, 0.11, 0.13, 0.08, 0.12],
    centred: [0, 2, 3, 4, 5, 6, 7],
    rows: b.figures.departments.map((d) => [
      [{ text: d.rank === null ? '—' : String(d.rank) }],
      [{ text: d.name }],
      [{ text: String(d.dueByAsOf) }],
      [{ text: String(d.done) }],
      [{ text: percent(d.completionRate) }],
      [{ text: percent(d.onTimeRate) }],
      [{ text: String(d.overdue), light: d.overdue > 0 ? 'red' : undefined }],
      [{ text: `● ${LIGHT_NAME[d.light]}`, light: d.light }],
    ]),
  };
}

function overdueTable(b: BulletinResponse): TableSpec {
  return {
    headers: ['序号', '工作任务', '责任部门', '完成时限', '逾期天数'],
    widths: [0.08, 0.5, 0.18, 0.13, 0.11],
    centred: [0, 3, 4],
    rows: b.figures.overdue.items.map((o) => [
      [{ text: o.taskNo }],
      [{ text: o.taskText.length > 80 ? `${o.taskText.slice(0, 80)}…` : o.taskText }],
      [{ text: o.department }],
      [{ text: o.due }],
      [{ text: String(o.daysOverdue), light: 'red' }],
    ]),
  };
}

export function completionChart(b: BulletinResponse): ChartSpec {
  return {
    title: `各部门任务完成率（截至${chineseDate(b.figures.asOf)}）`,
    axis: ['0', '50%', '100%'],
    bars: b.figures.departments
      .filter((d) => d.dueByAsOf > 0)
      .map((d) => ({
        label: d.name,
        value: d.completionRate ?? 0,
        light: d.light,
        caption: `${percent(d.completionRate)}（${d.done}/${d.dueByAsOf}）`,
      })),
  };
}

export function lightChart(b: BulletinResponse): ChartSpec {
  const count = (light: Light) => b.figures.departments.filter((d) => d.light === light).length;
  const max = Math.max(1, ...LIGHT_ORDER.map(count));
  return {
    title: '红黄绿灯部门数',
    axis: ['0', max % 2 === 0 ? String(max / 2) : '', String(max)],
    bars: LIGHT_ORDER.map((light) => ({
      label: LIGHT_NAME[light],
      value: count(light) / max,
      light,
      caption: `${count(light)}个`,
    })),
  };
}

export function bulletinDocument(b: BulletinResponse, issuer: string, today: string): BulletinDocument {
  const f = b.figures;
  const byLight = LIGHT_ORDER.map((light) => {
    const names = f.departments.filter((d) => d.light === light).map((d) => d.name);
    return `${LIGHT_NAME[light]}（${LIGHT_MEANING[light]}，${names.length}个）：${names.length > 0 ? names.join('、') : '无'}。`;
  });
  const blocks: Block[] = [
    { kind: 'heading', text: '一、总体情况' },
    { kind: 'paragraph', text: b.sections.summary },
    { kind: 'heading', text: '二、各部门完成情况' },
    { kind: 'paragraph', text: '按完成率、按时完成率从高到低排名（完成率 = 已完成 ÷ 已到完成时限的应报任务事项）。' },
    { kind: 'chart', chart: completionChart(b) },
    { kind: 'table', table: rankingTable(b) },
    { kind: 'heading', text: '三、红黄绿灯情况' },
    ...byLight.map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'chart', chart: lightChart(b) },
    { kind: 'heading', text: '四、逾期未完成事项' },
  ];
  if (f.overdue.total === 0) blocks.push({ kind: 'paragraph', text: '截至本期，没有逾期未完成的事项。' });
  else {
    blocks.push({
      kind: 'paragraph',
      text: `逾期未完成事项共${f.overdue.total}个${f.overdue.total > f.overdue.items.length ? `，以下列出逾期时间最长的${f.overdue.items.length}个` : ''}。`,
    });
    blocks.push({ kind: 'table', table: overdueTable(b) });
  }
  blocks.push(
    { kind: 'heading', text: '五、表扬' },
    { kind: 'paragraph', text: b.sections.praise },
    { kind: 'heading', text: '六、通报批评' },
    { kind: 'paragraph', text: b.sections.criticism },
    { kind: 'heading', text: '七、工作要求' },
    { kind: 'paragraph', text: b.sections.requirements },
  );
  const date = b.publishedAt ? todayInShanghai(new Date(b.publishedAt)) : today;
  return {
    issuer,
    title: b.title,
    draft: b.status !== 'published',
    addressee: '各部门、各单位：',
    blocks,
    signature: { issuer, date: chineseDate(date) },
    fileBase: `${b.title}${b.status === 'published' ? '' : '（草稿）'}`.replace(/[\\/:*?"<>|]/g, '_'),
  };
}
