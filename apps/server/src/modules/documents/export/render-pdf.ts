import type { Content, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { A4_POINTS, LIGHT_COLOR } from '../office-style.ts';
import type { PdfFonts } from '../pdf-fonts.ts';
import { renderPdf } from '../pdf-output.ts';
import { wrapRuns } from './pdf-lines.ts';
import type { CellRun } from './progress-cell.ts';
import { categorySpans, SHEET_HEADERS, type TaskSheet } from './task-sheet.ts';

/**
 * The official table as PDF (pdfmake, Noto CJK embedded): A4 landscape, the same heading and six columns as the
 * .docx, 主要内容 spanning its category's rows, the header row repeated on every page, rows kept whole.
 */
const MARGIN_X = 30;
const CONTENT_WIDTH = A4_POINTS.height - 2 * MARGIN_X;
const COLUMN_SHARES = [0.105, 0.045, 0.335, 0.13, 0.125, 0.26] as const;
const TABLE_FONT_SIZE = 9;
/** Column widths as pdfmake takes them (the cell's text width; the 3 pt paddings come on top). */
const COLUMN_WIDTHS = COLUMN_SHARES.map((s) => Math.floor(CONTENT_WIDTH * s * 100) / 100 - 6);

export const thinGrid = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#404040',
  vLineColor: () => '#404040',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

export function pdfRuns(runs: readonly CellRun[]): ContentText {
  return {
    text: runs.map((r) => ({
      text: r.text,
      bold: r.bold ?? r.light === 'red',
      color: r.light ? `#${LIGHT_COLOR[r.light]}` : undefined,
    })),
  };
}

export function pageFooter(currentPage: number, pageCount: number): Content {
  return { text: `第 ${currentPage} 页，共 ${pageCount} 页`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] };
}

/** Long cell text as whole lines pdfmake does not break again (pdf-lines.ts: why, and why they never overflow). */
function lines(runs: readonly CellRun[], column: number): Content[] {
  const width = (COLUMN_WIDTHS[column] ?? 0) - 1;
  return wrapRuns(runs, width, TABLE_FONT_SIZE).map((line) => ({ ...pdfRuns(line), noWrap: true }));
}

function body(sheet: TaskSheet): TableCell[][] {
  const header: TableCell[] = SHEET_HEADERS.map((h) => ({
    text: h,
    bold: true,
    alignment: 'center',
    fillColor: '#E8E8E8',
    fontSize: 10,
  }));
  const spanAt = new Map(categorySpans(sheet.rows).map((s) => [s.start, s]));
  const rows = sheet.rows.map((r, i): TableCell[] => {
    const span = spanAt.get(i);
    const category: TableCell = span ? { text: span.title, rowSpan: span.length, alignment: 'center' } : {};
    return [
      category,
      { text: r.no, alignment: 'center' },
      { stack: lines([{ text: r.text }], 2) },
      { text: r.departments },
      { text: r.deadline },
      { stack: r.progress.flatMap((paragraph) => lines(paragraph, 5)) },
    ];
  });
  return [header, ...rows];
}

export function taskSheetDefinition(sheet: TaskSheet, fonts: PdfFonts): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [MARGIN_X, 32, MARGIN_X, 36],
    info: { title: sheet.title, author: sheet.issuer, creator: '督办 Duban' },
    defaultStyle: { font: fonts.body, fontSize: TABLE_FONT_SIZE, lineHeight: 1.15 },
    footer: pageFooter,
    content: [
      { text: sheet.issuer, font: fonts.heading, fontSize: 15, alignment: 'center', margin: [0, 0, 0, 4] },
      { text: sheet.title, font: fonts.heading, bold: true, fontSize: 17, alignment: 'center', margin: [0, 0, 0, 8] },
      { text: sheet.meta, fontSize: 9, margin: [0, 0, 0, 6] },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [...COLUMN_WIDTHS],
          body: body(sheet),
        },
        layout: thinGrid,
      },
      { text: sheet.legend, fontSize: 8, color: '#595959', margin: [0, 6, 0, 0] },
    ],
  };
}

export function renderTaskSheetPdf(sheet: TaskSheet, fonts: PdfFonts): Promise<Buffer> {
  return renderPdf(taskSheetDefinition(sheet, fonts), fonts);
}
