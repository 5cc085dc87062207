import type { ReportPeriod } from '../report-period.ts';
import type { ProgressCell } from './progress-cell.ts';

/** The official table (主要内容, 序号, 工作任务, 责任部门, 完成时限, 工作进展) for a period, ready to render. */
export const SHEET_HEADERS = ['主要内容', '序号', '工作任务', '责任部门', '完成时限', '工作进展'] as const;

export interface SheetRow {
  taskId: number;
  no: string;
  category: string;
  text: string;
  departments: string;
  deadline: string;
  progress: ProgressCell;
}

export interface TaskSheet {
  /** 忻州经济开发区安全生产委员会办公室 */
  issuer: string;
  /** 安全生产治本攻坚三年行动任务清单落实情况（2024年第一季度） */
  title: string;
  /** 统计期间, 状态日期 and, for a department's export, the department. */
  meta: string;
  /** Status marks explained, printed under the table. */
  legend: string;
  /** The download's name without extension. */
  fileBase: string;
  year: number;
  taskListId: number;
  period: ReportPeriod;
  statusDate: string;
  department: { id: number; name: string } | null;
  rows: SheetRow[];
}

export interface CategorySpan {
  /** Index of the first row (0-based, in `rows`) and how many rows the merged cell spans. */
  start: number;
  length: number;
  title: string;
}

/** Consecutive rows of the same category: one vertically merged 主要内容 cell each. */
export function categorySpans(rows: readonly SheetRow[]): CategorySpan[] {
  const spans: CategorySpan[] = [];
  rows.forEach((row, i) => {
    const last = spans[spans.length - 1];
    if (last && last.title === row.category) last.length += 1;
    else spans.push({ start: i, length: 1, title: row.category });
  });
  return spans;
}

/**
 * 忻州经济开发区安全生产治本攻坚三年行动任务清单（2024年） → 安全生产治本攻坚三年行动任务清单落实情况（2024年第一季度）:
 * the year suffix and the zone's name come off (the issuer line names the zone).
 */
export function sheetTitle(listTitle: string, zoneName: string, periodLabel: string): string {
  let base = listTitle.trim().replace(/[（(]\s*\d{4}\s*年?\s*[)）]\s*$/, '');
  if (zoneName && base.startsWith(zoneName) && base.length > zoneName.length) base = base.slice(zoneName.length);
  if (base === '') base = '任务清单';
  return `${base}落实情况（${periodLabel}）`;
}

/** A name safe on every file system (the HTTP header carries it RFC 8187-encoded). */
export function safeFileBase(name: string): string {
  const visible = Array.from(name, (ch) => ((ch.codePointAt(0) ?? 0) < 0x20 ? '_' : ch)).join('');
  return visible.replace(/[\\/:*?"<>|]/g, '_').slice(0, 120);
}
