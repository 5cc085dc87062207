/** .xlsx → rows of text cells per worksheet (exceljs). Merged cells are resolved here. */
import type { Cell, CellValue, Worksheet } from 'exceljs';
import ExcelJS from 'exceljs';
import { TaskListFileError } from './tasklist-file-error.ts';
import type { SourceRow } from './tasklist-parse.types.ts';

export interface SheetRows {
  name: string;
  rows: SourceRow[];
}

/** A date as Chinese lists write it: 2024年12月31日 (exceljs dates are UTC midnight of the civil date). */
export function formatChineseDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** Any exceljs cell value as text: rich text joined, formulas by their result, dates as 2024年12月31日. */
export function cellValueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatChineseDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined ? '' : cellValueText(result);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellValueText(value.text);
  if ('error' in value) return value.error;
  return '';
}

/**
 * The text of a cell with merges resolved: the master's value spreads down its column (a vertically merged
 * category, department or deadline applies to every row it spans) but not across (a heading merged over the row
 * stays one cell).
 */
function cellText(cell: Cell): string {
  if (!cell.isMerged || cell.master === cell) return cellValueText(cell.value);
  const master = cell.master;
  return master.col === cell.col ? cellValueText(master.value) : '';
}

function sheetRows(sheet: Worksheet): SourceRow[] {
  const rows: SourceRow[] = [];
  const columns = sheet.columnCount;
  // Only rows that exist (blank rows carry nothing; row numbers are kept).
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c)));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

export async function readXlsx(bytes: Uint8Array): Promise<SheetRows[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer-like `Buffer`; JSZip takes an ArrayBuffer.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    // The library's own message is not shown to clients (it can name internals); a Chinese one instead.
    throw new TaskListFileError('无法读取文件：Excel 文件已损坏或不完整，请在 Excel 中另存后重新上传');
  }
  return workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
}
