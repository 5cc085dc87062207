import type { Borders, Cell, Worksheet } from 'exceljs';
import ExcelJS from 'exceljs';
import { displayWidth } from '../text-width.ts';
import { MARKER_LABEL, MARKER_SHEET, type SheetMarker } from './export-snapshot.ts';
import { TEXT_FORMAT } from './formula-safe.ts';
import { cellText } from './progress-cell.ts';
import { categorySpans, SHEET_HEADERS, type TaskSheet } from './task-sheet.ts';

/**
 * The official table as .xlsx (exceljs): title row merged across, a meta row, a bold header row that is frozen and
 * repeated on every printed page, thin borders, wrapped text, 主要内容 merged vertically per category, A4 landscape
 * fitted to one page wide. A very hidden sheet carries the export marker (token, year, period) for returned sheets.
 */
export const TITLE_ROW = 1;
export const META_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;
export const DATA_SHEET_NAME = '任务清单落实情况';

/** Column widths in characters (Excel's unit: the width of "0" in the default font). */
const WIDTHS = [16, 6, 58, 18, 18, 52] as const;
const FONT = '宋体';
const THIN: Borders = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
  diagonal: {},
};
/** Points per printed line of 10 pt text, and the cell's padding. */
const LINE_HEIGHT = 13.5;
const ROW_PADDING = 4;

/** How many printed lines a wrapped text takes in a column of `width` characters. */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

function textCell(cell: Cell, value: string): void {
  // Always a string value (shared string), never a formula, whatever the text starts with.
  cell.value = value;
  cell.numFmt = TEXT_FORMAT;
}

function styleDataCell(cell: Cell, horizontal: 'left' | 'center'): void {
  cell.font = { name: FONT, size: 10 };
  cell.border = THIN;
  cell.alignment = { wrapText: true, vertical: horizontal === 'center' ? 'middle' : 'top', horizontal };
}

function writeMarker(sheet: Worksheet, marker: SheetMarker, departmentId: number | null): void {
  const values = [MARKER_LABEL, marker.token, String(marker.year), marker.periodKey, String(departmentId ?? '')];
  values.forEach((v, i) => {
    textCell(sheet.getCell(i + 1, 1), v);
  });
}

export async function renderTaskSheetXlsx(sheet: TaskSheet, marker: SheetMarker): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '督办 Duban';
  workbook.title = sheet.title;
  workbook.company = sheet.issuer;
  const ws = workbook.addWorksheet(DATA_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, SHEET_HEADERS.length);
  const title = ws.getCell(TITLE_ROW, 1);
  textCell(title, `${sheet.issuer}\n${sheet.title}`);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(TITLE_ROW).height = 48;

  ws.mergeCells(META_ROW, 1, META_ROW, SHEET_HEADERS.length);
  const meta = ws.getCell(META_ROW, 1);
  textCell(meta, sheet.meta);
  meta.font = { name: FONT, size: 10 };
  meta.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(META_ROW).height = 20;

  const header = ws.getRow(HEADER_ROW);
  SHEET_HEADERS.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    textCell(cell, h);
    cell.font = { name: FONT, size: 11, bold: true };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  });
  header.height = 22;

  sheet.rows.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    const progress = cellText(r.progress);
    const values = [r.category, r.no, r.text, r.departments, r.deadline, progress];
    values.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      if (c === 1 && /^\d{1,9}$/.test(value)) cell.value = Number(value);
      else textCell(cell, value);
      styleDataCell(cell, c === 0 || c === 1 ? 'center' : 'left');
    });
    const lines = Math.max(...values.slice(2).map((v, c) => wrappedLines(v, WIDTHS[c + 2] ?? 10)));
    row.height = Math.min(409, lines * LINE_HEIGHT + ROW_PADDING);
  });
  for (const span of categorySpans(sheet.rows)) {
    if (span.length > 1) {
      ws.mergeCells(FIRST_DATA_ROW + span.start, 1, FIRST_DATA_ROW + span.start + span.length - 1, 1);
    }
  }

  const legendRow = FIRST_DATA_ROW + sheet.rows.length + 1;
  ws.mergeCells(legendRow, 1, legendRow, SHEET_HEADERS.length);
  const legend = ws.getCell(legendRow, 1);
  textCell(legend, sheet.legend);
  legend.font = { name: FONT, size: 9, color: { argb: 'FF595959' } };
  legend.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(legendRow).height = 30;

  writeMarker(workbook.addWorksheet(MARKER_SHEET, { state: 'veryHidden' }), marker, sheet.department?.id ?? null);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
