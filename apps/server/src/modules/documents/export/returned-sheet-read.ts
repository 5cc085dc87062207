import type { Cell, Workbook, Worksheet } from 'exceljs';
import ExcelJS from 'exceljs';
import { AppError } from '../../../core/app-error.ts';
import { cellValueText } from '../../tasklists/parse/xlsx-reader.ts';
import { MARKER_LABEL, MARKER_SHEET, type SheetMarker } from './export-snapshot.ts';
import { DATA_SHEET_NAME } from './render-xlsx.ts';
import { SHEET_HEADERS } from './task-sheet.ts';

/** A returned .xlsx as read: its export marker and the data rows under the header (no database involved). */
export interface ReturnedRow {
  /** Sheet row number (what the person sees in Excel). */
  row: number;
  no: string;
  text: string;
  departments: string;
  deadline: string;
  progress: string;
  /** The 工作进展 cell holds a formula: its text is never taken. */
  progressIsFormula: boolean;
}

export interface ReturnedSheet {
  marker: SheetMarker;
  rows: ReturnedRow[];
}

const HEADER_SEARCH_ROWS = 20;

export const notOurFile = (message: string) => new AppError('not_our_file', message);

/** A merged cell's text belongs to its top-left cell only (the title and legend span the row). */
function ownText(cell: Cell): string {
  if (cell.isMerged && cell.master !== cell) return '';
  return cellValueText(cell.value).trim();
}

function isFormula(cell: Cell): boolean {
  const v = cell.value;
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

function readMarker(workbook: Workbook): SheetMarker {
  const sheet = workbook.getWorksheet(MARKER_SHEET);
  const value = (row: number) => (sheet ? cellValueText(sheet.getCell(row, 1).value).trim() : '');
  if (!sheet || value(1) !== MARKER_LABEL) {
    throw notOurFile(
      '这份表格不是本系统导出的任务清单（缺少导出标记）：请先在系统中导出 Excel 表格，在“工作进展”栏填写后再上传。',
    );
  }
  const year = Number(value(3));
  const token = value(2);
  const periodKey = value(4);
  if (!/^[0-9a-f]{32}$/.test(token) || !Number.isInteger(year) || periodKey === '') {
    throw notOurFile('这份表格的导出标记已损坏，无法确认是哪一次导出的表格：请重新导出后填写。');
  }
  return { token, year, periodKey };
}

function headerRowOf(sheet: Worksheet): number | null {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r += 1) {
    const row = sheet.getRow(r);
    if (SHEET_HEADERS.every((h, i) => ownText(row.getCell(i + 1)) === h)) return r;
  }
  return null;
}

/** Reads the workbook, or refuses: not an .xlsx, no marker, or no header row of the official layout. */
export async function readReturnedSheet(bytes: Uint8Array): Promise<ReturnedSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw new AppError('unreadable_file', '无法读取文件：不是有效的 Excel (.xlsx) 文件，或文件已损坏。');
  }
  const marker = readMarker(workbook);
  const sheet =
    workbook.getWorksheet(DATA_SHEET_NAME) ?? workbook.worksheets.find((s) => s.state === 'visible' || !s.state);
  const header = sheet ? headerRowOf(sheet) : null;
  if (!sheet || header === null) {
    throw notOurFile(`找不到任务清单的表头（${SHEET_HEADERS.join('、')}）：请不要修改表头和工作表名称。`);
  }
  const rows: ReturnedRow[] = [];
  for (let r = header + 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const progressCell = row.getCell(6);
    const item: ReturnedRow = {
      row: r,
      no: ownText(row.getCell(2)),
      text: ownText(row.getCell(3)),
      departments: ownText(row.getCell(4)),
      deadline: ownText(row.getCell(5)),
      progress: ownText(progressCell),
      progressIsFormula: isFormula(progressCell),
    };
    if (item.no !== '' || item.progress !== '' || item.progressIsFormula) rows.push(item);
  }
  return { marker, rows };
}
