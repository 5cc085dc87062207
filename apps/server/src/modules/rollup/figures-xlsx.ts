import type { RollupFigures } from '@duban/shared/contracts/rollup';
import ExcelJS from 'exceljs';

/** The note of a 直报 from a unit without its own list of the year: the snapshot carries the figures only. */
export const NO_OWN_LIST_NOTE = '无本级任务清单';

/**
 * The figures-only snapshot of a 直报 (.xlsx, one sheet, no formulas): what a unit without its own task list of
 * the year reports upward — the figures of the unit and every unit below it, as of `asOf`.
 */
export async function figuresXlsx(
  unitName: string,
  periodLabel: string,
  asOf: string,
  f: RollupFigures,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据直报');
  ws.columns = [{ width: 36 }, { width: 16 }];
  ws.addRow([`${unitName}${periodLabel}数据直报`]).font = { bold: true, size: 14 };
  ws.addRow([`${NO_OWN_LIST_NOTE}，本表仅含统计数据（截至 ${asOf}，含下级单位）`]);
  const section = (name: string, rows: [string, number][]) => {
    ws.addRow([]);
    ws.addRow([name]).font = { bold: true };
    for (const r of rows) ws.addRow(r);
  };
  section('单位', [
    ['单位数', f.units],
    ['有任务清单的单位数', f.unitsWithList],
  ]);
  section('任务', [
    ['任务总数', f.tasks.total],
    ['截至统计日应完成', f.tasks.dueByAsOf],
    ['截至统计日已完成', f.tasks.doneByAsOf],
    ['按期完成', f.tasks.accepted],
    ['逾期完成', f.tasks.doneLate],
    ['逾期未完成', f.tasks.overdue],
  ]);
  section('事故隐患', [
    ['排查隐患', f.hazards.found],
    ['已整改', f.hazards.rectified],
    ['已销号', f.hazards.closed],
    ['重大隐患', f.hazards.major],
    ['逾期未整改', f.hazards.overdue],
    ['挂牌督办（发现）', f.hazards.listedFound],
    ['挂牌督办（整改）', f.hazards.listedClosed],
    ['2023年底前存量隐患', f.hazards.stockTotal],
    ['其中已销号', f.hazards.stockClosed],
    ['2023年底前存量重大隐患', f.hazards.stockMajorTotal],
    ['其中已销号', f.hazards.stockMajorClosed],
  ]);
  section('执法检查', [
    ['检查次数', f.inspections.inspections],
    ['检查发现隐患', f.inspections.hazardsFound],
    ['行政处罚', f.inspections.penalties],
    ['罚款金额（元）', f.inspections.fineTotal],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
