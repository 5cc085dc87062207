import { addDays } from '@duban/shared/civil-date';
import {
  DUE_SOON_DAYS,
  type OccurrenceStatus,
  occurrenceStatus,
  type ReportState,
  rollupStatus,
  trafficLight,
} from '@duban/shared/occurrence-status';

/**
 * The 工作进展 cell of one task row, from its departments' occurrences in the period. Pure: the same cell is
 * written to .xlsx (plain text), .docx and PDF (coloured status marks).
 */
export type Light = 'green' | 'yellow' | 'red' | 'grey';

export interface CellRun {
  text: string;
  light?: Light;
  bold?: boolean;
}

/** Paragraphs of runs. */
export type ProgressCell = CellRun[][];

/** Status marks: glyphs every CJK font has (Noto CJK, SimSun), coloured by the traffic light in .docx and PDF. */
export const STATUS_MARK: Record<OccurrenceStatus, string> = {
  accepted: '✓ 已完成',
  'done-late': '✓ 逾期完成',
  submitted: '◐ 待审核',
  returned: '△ 已退回',
  overdue: '⚠ 逾期',
  'due-soon': '○ 即将到期',
  pending: '○ 进行中',
};
export const NOTHING_DUE_MARK = '— 本期无应报事项';

/** The order department groups without text are listed in: most urgent first. */
const GROUP_ORDER: readonly OccurrenceStatus[] = [
  'overdue',
  'returned',
  'due-soon',
  'submitted',
  'pending',
  'done-late',
  'accepted',
];

export interface CellOccurrence {
  departmentId: number;
  periodKey: string;
  dueDate: string;
  extendedDue: string | null;
  reportState: ReportState;
  submittedAt: string | null;
  acceptedAt: string | null;
  reportText: string | null;
}

/**
 * The occurrence's status on `asOf`: an acceptance or submission after that date had not happened yet, so an
 * "as of" export of the past shows what was known then (the latest report's text is the accepted one).
 */
export function statusOn(o: CellOccurrence, asOf: string): OccurrenceStatus {
  let reportState: ReportState = o.reportState;
  const acceptedOn = o.acceptedAt !== null && o.acceptedAt <= asOf ? o.acceptedAt : null;
  if (reportState === 'accepted' && acceptedOn === null) {
    reportState = o.submittedAt !== null && o.submittedAt <= asOf ? 'submitted' : 'none';
  } else if (reportState === 'submitted' && o.submittedAt !== null && o.submittedAt > asOf) {
    reportState = 'none';
  }
  return occurrenceStatus(
    { reportState, dueDate: o.dueDate, extendedDue: o.extendedDue, acceptedOn },
    asOf,
    addDays(asOf, DUE_SOON_DAYS),
  );
}

const CN_QUARTER = ['一', '二', '三', '四'];

/** A short label of an occurrence's period: 1月, 一季度, 上半年, 全年, 第5周, 4月30日前. */
export function periodKeyLabel(key: string): string {
  let m = /^\d{4}-(\d{2})$/.exec(key);
  if (m) return `${Number(m[1])}月`;
  m = /^\d{4}-Q([1-4])$/.exec(key);
  if (m) return `${CN_QUARTER[Number(m[1]) - 1]}季度`;
  m = /^\d{4}-H([12])$/.exec(key);
  if (m) return m[1] === '1' ? '上半年' : '下半年';
  if (/^\d{4}$/.test(key)) return '全年';
  m = /^\d{4}-W(\d{2})$/.exec(key);
  if (m) return `第${Number(m[1])}周`;
  m = /^\d{4}-(\d{2})-(\d{2})$/.exec(key);
  if (m) return `${Number(m[1])}月${Number(m[2])}日前`;
  return key;
}

const markRun = (status: OccurrenceStatus): CellRun => ({ text: STATUS_MARK[status], light: trafficLight(status) });

interface DepartmentPart {
  name: string;
  status: OccurrenceStatus;
  texts: string[];
}

function departmentPart(name: string, occurrences: CellOccurrence[], asOf: string): DepartmentPart {
  const statuses = occurrences.map((o) => statusOn(o, asOf));
  const several = occurrences.length > 1;
  const texts = occurrences.flatMap((o, i) => {
    const s = statuses[i];
    if ((s !== 'accepted' && s !== 'done-late') || !o.reportText) return [];
    const text = o.reportText.trim();
    return [several ? `（${periodKeyLabel(o.periodKey)}）${text}` : text];
  });
  return { name, status: rollupStatus(statuses) ?? 'pending', texts };
}

/**
 * The cell: with one department, its status mark and then its accepted progress; with several, one paragraph per
 * department that has accepted progress (`名称 ✓ 已完成：…`), then the others grouped by status (`⚠ 逾期：甲、乙`).
 * Departments without an occurrence in the period are left out; a row where nobody owes anything says so.
 */
export function composeProgressCell(
  departments: readonly { id: number; name: string }[],
  occurrences: readonly CellOccurrence[],
  asOf: string,
  options: { marks?: boolean } = {},
): ProgressCell {
  const parts: DepartmentPart[] = [];
  for (const d of departments) {
    const own = occurrences.filter((o) => o.departmentId === d.id);
    if (own.length > 0) parts.push(departmentPart(d.name, own, asOf));
  }
  if (options.marks === false) return plainCell(parts, departments.length);
  if (parts.length === 0) return [[{ text: NOTHING_DUE_MARK, light: 'grey' }]];
  if (departments.length === 1) {
    const only = parts[0]!;
    return [[markRun(only.status)], ...only.texts.map((t) => [{ text: t }])];
  }
  const cell: ProgressCell = [];
  for (const p of parts) {
    if (p.texts.length === 0) continue;
    cell.push([{ text: `${p.name} `, bold: true }, markRun(p.status), { text: `：${p.texts.join('；')}` }]);
  }
  for (const status of GROUP_ORDER) {
    const names = parts.filter((p) => p.texts.length === 0 && p.status === status).map((p) => p.name);
    if (names.length > 0) cell.push([markRun(status), { text: `：${names.join('、')}` }]);
  }
  return cell;
}

/**
 * The plain table offices send upward (issue 13 item 6): only the accepted progress, no status marks — one
 * department: its texts; several: `名称：…` for those with text. Nothing to say: an empty cell.
 */
function plainCell(parts: DepartmentPart[], departmentCount: number): ProgressCell {
  const withText = parts.filter((p) => p.texts.length > 0);
  if (withText.length === 0) return [[{ text: '' }]];
  if (departmentCount === 1) return withText[0]!.texts.map((t) => [{ text: t }]);
  return withText.map((p) => [{ text: `${p.name}：`, bold: true }, { text: p.texts.join('；') }]);
}

export function cellText(cell: ProgressCell): string {
  return cell.map((paragraph) => paragraph.map((run) => run.text).join('')).join('\n');
}
