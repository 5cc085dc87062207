import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { A4_TWIPS, DOCX_FONTS, LIGHT_COLOR } from '../office-style.ts';
import type { CellRun } from './progress-cell.ts';
import { categorySpans, SHEET_HEADERS, type TaskSheet } from './task-sheet.ts';

/**
 * The official table as .docx: A4 landscape, the issuer and the title centred above, a table with the same six
 * columns, 主要内容 merged vertically (w:vMerge) per category, the header row repeated on every page, rows that do
 * not split across pages where they fit, page numbers in the footer.
 */
const MARGIN = 1000;
const CONTENT_WIDTH = A4_TWIPS.height - 2 * MARGIN;
const COLUMN_SHARES = [0.105, 0.045, 0.335, 0.13, 0.125, 0.26] as const;
const COLUMN_WIDTHS = COLUMN_SHARES.map((s) => Math.floor(CONTENT_WIDTH * s));

export const font = (eastAsia: string) => ({
  ascii: DOCX_FONTS.latin,
  hAnsi: DOCX_FONTS.latin,
  cs: DOCX_FONTS.latin,
  eastAsia,
});

/** Half-points: 10.5 pt (五号) is 21. */
const TABLE_SIZE = 20;

function runsOf(runs: readonly CellRun[], size = TABLE_SIZE): TextRun[] {
  return runs.map(
    (r) =>
      new TextRun({
        text: r.text,
        bold: r.bold ?? r.light === 'red',
        color: r.light ? LIGHT_COLOR[r.light] : undefined,
        font: font(DOCX_FONTS.table),
        size,
      }),
  );
}

/** One paragraph per line of the text. */
export function textParagraphs(text: string, options: { bold?: boolean; center?: boolean; size?: number } = {}) {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [
          new TextRun({
            text: line,
            bold: options.bold,
            font: font(options.bold ? DOCX_FONTS.heading : DOCX_FONTS.table),
            size: options.size ?? TABLE_SIZE,
          }),
        ],
      }),
  );
}

function cell(children: Paragraph[], column: number, extra: { rowSpan?: number; header?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    rowSpan: extra.rowSpan,
    width: { size: COLUMN_WIDTHS[column] ?? 1000, type: WidthType.DXA },
    verticalAlign: column <= 1 || extra.header ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: extra.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
  });
}

function headerRow(): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: SHEET_HEADERS.map((h, i) =>
      cell(textParagraphs(h, { bold: true, center: true, size: 21 }), i, { header: true }),
    ),
  });
}

function bodyRows(sheet: TaskSheet): TableRow[] {
  const spanAt = new Map(categorySpans(sheet.rows).map((s) => [s.start, s]));
  return sheet.rows.map((r, i) => {
    const children: TableCell[] = [];
    const span = spanAt.get(i);
    // A row inside a span gets no 主要内容 cell: docx writes the vMerge continuation cells itself.
    if (span) children.push(cell(textParagraphs(span.title, { center: true }), 0, { rowSpan: span.length }));
    children.push(
      cell(textParagraphs(r.no, { center: true }), 1),
      cell(textParagraphs(r.text), 2),
      cell(textParagraphs(r.departments), 3),
      cell(textParagraphs(r.deadline), 4),
      cell(
        r.progress.map((p) => new Paragraph({ children: runsOf(p) })),
        5,
      ),
    );
    return new TableRow({ children, cantSplit: true });
  });
}

export function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'],
            font: font(DOCX_FONTS.table),
            size: 18,
          }),
        ],
      }),
    ],
  });
}

export function landscapePage() {
  return {
    page: {
      size: { width: A4_TWIPS.width, height: A4_TWIPS.height, orientation: PageOrientation.LANDSCAPE },
      margin: { top: 1000, bottom: 1000, left: MARGIN, right: MARGIN, header: 500, footer: 500 },
    },
  };
}

export async function renderTaskSheetDocx(sheet: TaskSheet): Promise<Buffer> {
  const doc = new Document({
    creator: '督办 Duban',
    title: sheet.title,
    description: sheet.meta,
    styles: { default: { document: { run: { font: font(DOCX_FONTS.body), size: 21 } } } },
    sections: [
      {
        properties: landscapePage(),
        footers: { default: pageFooter() },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 80 },
            children: [new TextRun({ text: sheet.issuer, font: font(DOCX_FONTS.heading), size: 32 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 160 },
            children: [new TextRun({ text: sheet.title, bold: true, font: font(DOCX_FONTS.title), size: 36 })],
          }),
          new Paragraph({
            spacing: { after: 120 },
            children: [new TextRun({ text: sheet.meta, font: font(DOCX_FONTS.body), size: 21 })],
          }),
          new Table({
            layout: TableLayoutType.FIXED,
            width: { size: CONTENT_WIDTH, type: WidthType.DXA },
            columnWidths: COLUMN_WIDTHS,
            rows: [headerRow(), ...bodyRows(sheet)],
          }),
          new Paragraph({
            spacing: { before: 120 },
            children: [new TextRun({ text: sheet.legend, font: font(DOCX_FONTS.body), size: 18, color: '595959' })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
