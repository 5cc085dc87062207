import type { HazardStatsResponse } from '@duban/shared/contracts/hazards';
import {
  HAZARD_CHANNEL_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_STATUS_LABELS,
} from '@duban/shared/hazards/hazard-workflow';
import ExcelJS from 'exceljs';

/** The statistics as an .xlsx: one sheet of figures; every cell a string or a number, never a formula. */
export async function hazardStatsXlsx(s: HazardStatsResponse): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${s.year}年隐患统计`);
  ws.columns = [{ width: 28 }, { width: 14 }, { width: 14 }, { width: 14 }];
  const title = ws.addRow([`${s.year}年度事故隐患排查治理统计`]);
  title.font = { bold: true, size: 14 };
  const section = (name: string, head: string[]) => {
    ws.addRow([]);
    const r = ws.addRow([name]);
    r.font = { bold: true };
    const h = ws.addRow(head);
    h.font = { bold: true };
  };
  const rate = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
  section('总体', ['项目', '数量', '', '']);
  ws.addRow(['排查隐患总数', s.total]);
  ws.addRow(['其中重大隐患', s.major]);
  ws.addRow(['已整改销号', s.closed]);
  ws.addRow(['整改率', rate(s.closed, s.total)]);
  ws.addRow(['逾期未整改', s.overdue]);
  section('分类统计（发现/整改）', ['类别', '发现', '整改', '整改率']);
  for (const [label, v] of [
    ['部门检查发现', s.official.departmentInspection],
    ['企业自查', s.official.selfCheck],
    ['挂牌督办', s.official.listed],
  ] as const) {
    ws.addRow([label, v.found, v.rectified, rate(v.rectified, v.found)]);
  }
  section('2023年底前存量隐患', ['范围', '总数', '已销号', '销号率']);
  ws.addRow(['全部存量隐患', s.stock2023.total, s.stock2023.closed, rate(s.stock2023.closed, s.stock2023.total)]);
  ws.addRow([
    '存量重大隐患',
    s.stockMajor2023.total,
    s.stockMajor2023.closed,
    rate(s.stockMajor2023.closed, s.stockMajor2023.total),
  ]);
  section('按来源', ['来源', '数量', '', '']);
  for (const [k, n] of Object.entries(s.byChannel))
    ws.addRow([HAZARD_CHANNEL_LABELS[k as keyof typeof HAZARD_CHANNEL_LABELS] ?? k, n]);
  section('按等级', ['等级', '数量', '', '']);
  for (const [k, n] of Object.entries(s.byLevel))
    ws.addRow([HAZARD_LEVEL_LABELS[k as keyof typeof HAZARD_LEVEL_LABELS] ?? k, n]);
  section('按状态', ['状态', '数量', '', '']);
  for (const [k, n] of Object.entries(s.byStatus))
    ws.addRow([HAZARD_STATUS_LABELS[k as keyof typeof HAZARD_STATUS_LABELS] ?? k, n]);
  section('按行业', ['行业', '发现', '销号', '整改率']);
  for (const r of s.byIndustry) ws.addRow([r.label, r.total, r.closed, rate(r.closed, r.total)]);
  section('按单位', ['单位', '发现', '销号', '整改率']);
  for (const r of s.byOrgUnit) ws.addRow([r.label, r.total, r.closed, rate(r.closed, r.total)]);
  section('按月', ['月份', '发现', '销号', '']);
  for (const r of s.byMonth) ws.addRow([r.month, r.found, r.closed]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
