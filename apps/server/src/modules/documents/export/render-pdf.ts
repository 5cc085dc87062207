import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { Content, ContentText } from 'pdfmake/interfaces';
import { A4_POINTS, LIGHT_COLOR } from '../office-style.ts';
import type { PdfFonts } from '../pdf-fonts.ts';
import { wrapRuns } from './pdf-lines.ts';
import type { CellRun } from './progress-cell.ts';
import { categorySpans, SHEET_HEADERS, type TaskSheet } from './task-sheet.ts';

/** pdfmake pieces the bulletins (bulletin/render-bulletin-pdf.ts) share: grid, coloured runs, page footer. */
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

/**
 * The official table as PDF, drawn straight with pdfkit (issue 10 item 8): pdfmake laid out a 1,000-task table as
 * one document tree (75 s, 537 MB). Here every cell's lines come pre-broken from pdf-lines.ts, so the layout is
 * arithmetic: `paginate` places the rows (a row that does not fit breaks across the page, as in Word), which gives
 * the page count for 第 x 页，共 y 页 before anything is drawn; the pages are then drawn one after the other and
 * pdfkit writes each finished page to its stream.
 *
 * A4 landscape, issuer, title and statistics line on the first page, the header row repeated on every page,
 * 主要内容 merged over its category's rows (its title repeated where a category continues on a new page).
 */
const PAGE = { width: A4_POINTS.height, height: A4_POINTS.width };
const MARGIN = { x: 30, top: 32, bottom: 36 };
const TABLE_WIDTH = PAGE.width - 2 * MARGIN.x;
const COLUMN_SHARES = [0.105, 0.045, 0.335, 0.13, 0.125, 0.26] as const;
const CELL_WIDTHS = COLUMN_SHARES.map((s) => Math.floor(TABLE_WIDTH * s * 100) / 100);
const CELL_X = CELL_WIDTHS.map((_, i) => MARGIN.x + CELL_WIDTHS.slice(0, i).reduce((a, b) => a + b, 0));
const PAD = { x: 3, y: 3 };
const FONT_SIZE = 9;
const LINE = 13;
const HEADER_SIZE = 10;
const HEADER_HEIGHT = LINE + 2 * PAD.y + 1;
const TABLE_BOTTOM = PAGE.height - MARGIN.bottom;
const GRID = '#404040';

type Lines = CellRun[][];

/** A row's cells as lines: 主要内容 (column 0) belongs to the category span, not to the row. */
interface RowLines {
  cells: Lines[];
  /** Lines the row needs: its tallest cell. */
  height: number;
  /** Index of the category span the row belongs to, and whether the row ends it. */
  span: number;
  spanEnd: boolean;
}

/** One piece of a row on one page: lines [from, to) of every cell, at `y`, `height` points tall. */
export interface RowSegment {
  row: number;
  from: number;
  to: number;
  y: number;
  height: number;
  /** First segment of its category on this page: 主要内容 is drawn (again) here. */
  categoryTop: boolean;
}

export interface PageLayout {
  segments: RowSegment[];
  /** Where the table ends on the page (the last page: where the legend goes). */
  bottom: number;
}

const cellLines = (runs: readonly CellRun[], column: number): Lines =>
  wrapRuns(runs, (CELL_WIDTHS[column] ?? 0) - 2 * PAD.x - 1, FONT_SIZE);

function rowLines(sheet: TaskSheet): RowLines[] {
  const spans = categorySpans(sheet.rows);
  const rows: RowLines[] = [];
  spans.forEach((span, s) => {
    for (let i = span.start; i < span.start + span.length; i += 1) {
      const r = sheet.rows[i];
      if (!r) continue;
      const cells: Lines[] = [
        [],
        cellLines([{ text: r.no }], 1),
        cellLines([{ text: r.text }], 2),
        cellLines([{ text: r.departments }], 3),
        cellLines([{ text: r.deadline }], 4),
        r.progress.flatMap((paragraph) => cellLines(paragraph, 5)),
      ];
      const spanEnd = i === span.start + span.length - 1;
      const height = Math.max(1, ...cells.map((c) => c.length));
      rows.push({ cells, height, span: s, spanEnd });
    }
  });
  return rows;
}

/**
 * Places the rows on pages: `firstTop` is where the first page's header row starts (under the title). A row that
 * does not fit goes on with the lines that do; it moves whole to the next page when fewer than three of its lines
 * (or all of them, if fewer) would stay behind. Pure arithmetic, so the page count is known before drawing.
 */
export function paginate(
  rowHeights: readonly { height: number; span: number; spanEnd: boolean }[],
  categoryHeights: readonly number[],
  firstTop: number,
  pageTop: number = MARGIN.top,
  bottom: number = TABLE_BOTTOM,
): PageLayout[] {
  const pages: PageLayout[] = [];
  let page: PageLayout = { segments: [], bottom: firstTop + HEADER_HEIGHT };
  let y = page.bottom;
  let spanUsed = 0;
  let lastSpan = -1;
  const newPage = () => {
    page.bottom = y;
    pages.push(page);
    page = { segments: [], bottom: pageTop + HEADER_HEIGHT };
    y = page.bottom;
  };
  const spanStart = (r: number) => r === 0 || rowHeights[r - 1]?.span !== rowHeights[r]?.span;
  for (let index = 0; index < rowHeights.length; index += 1) {
    const row = rowHeights[index];
    if (!row) continue;
    let from = 0;
    while (from < row.height) {
      const categoryTop = page.segments.length === 0 || row.span !== lastSpan;
      if (categoryTop) spanUsed = 0;
      const room = Math.floor((bottom - y - 2 * PAD.y) / LINE);
      const left = row.height - from;
      // What the category's title still needs, in lines, when this is its last row on the page.
      const categoryLeft = Math.max(0, (categoryHeights[row.span] ?? 0) - spanUsed - left);
      // A category that starts here must have room for its title on this page.
      if (categoryTop && from === 0 && (categoryHeights[row.span] ?? 0) > room && page.segments.length > 0) {
        newPage();
        continue;
      }
      if (left + (row.spanEnd ? categoryLeft : 0) <= room) {
        const lines = left + (row.spanEnd ? categoryLeft : 0);
        page.segments.push({ row: index, from, to: row.height, y, height: lines * LINE + 2 * PAD.y, categoryTop });
        spanUsed += lines;
        y += lines * LINE + 2 * PAD.y;
        lastSpan = row.span;
        break;
      }
      if (room < Math.min(left, 3) && page.segments.length > 0) {
        // The category's title must fit the rows it has on this page: if it began here and does not, it moves too.
        const first = page.segments.findIndex((seg) => rowHeights[seg.row]?.span === row.span);
        const head = page.segments[first];
        const titleRoom = head ? Math.floor((y - head.y - 2 * PAD.y) / LINE) : 0;
        if (from === 0 && head && first > 0 && spanStart(head.row) && titleRoom < (categoryHeights[row.span] ?? 0)) {
          y = head.y;
          page.segments.length = first;
          newPage();
          index = head.row - 1;
          break;
        }
        newPage();
        continue;
      }
      const take = Math.max(1, Math.min(left, room));
      const height = Math.max(bottom - y, take * LINE + 2 * PAD.y);
      page.segments.push({ row: index, from, to: from + take, y, height, categoryTop });
      from += take;
      lastSpan = row.span;
      y += height;
      newPage();
    }
    page.bottom = y;
  }
  page.bottom = y;
  pages.push(page);
  return pages;
}

function fontFaces(fonts: PdfFonts): Record<'body' | 'bold' | 'heading', [string, string]> {
  // pdf-fonts.ts stores a face of a collection as [path, postscriptName]: pdfkit's registerFont takes the same.
  const face = (family: string, style: 'normal' | 'bold') =>
    fonts.fonts[family]?.[style] as unknown as [string, string];
  return { body: face(fonts.body, 'normal'), bold: face(fonts.body, 'bold'), heading: face(fonts.heading, 'bold') };
}

/** The parts of pdfkit's embedded font (js/pdfkit.js, EmbeddedFont) that `unshaped` replaces. */
type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
interface EmbeddedFont {
  scale: number;
  font: { glyphsForString(text: string): Glyph[] };
  layout(text: string): unknown;
}

/**
 * Text without OpenType shaping: one glyph per character from the font's cmap, at its advance width. For Chinese
 * text shaping changes nothing (the face is already the SC one, no ligatures), but fontkit's shaping of every line
 * against the CJK fonts' large GSUB/GPOS tables, twice per line (pdfkit measures after drawing), took most of a
 * 1,000-task export's time. Latin pairs lose their kerning.
 */
function unshaped(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as { _font: EmbeddedFont })._font;
  // The cmap lookup is most of what is left: a document uses a few thousand characters, each looked up once.
  const glyphsOf = new Map<string, Glyph[]>();
  font.layout = (text: string) => {
    const glyphs: Glyph[] = [];
    for (const ch of text) {
      let found = glyphsOf.get(ch);
      if (!found) {
        found = font.font.glyphsForString(ch);
        glyphsOf.set(ch, found);
      }
      glyphs.push(...found);
    }
    let advanceWidth = 0;
    const positions = glyphs.map((g) => {
      const advance = g.advanceWidth * font.scale;
      advanceWidth += advance;
      return { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance };
    });
    return { glyphs, positions, advanceWidth };
  };
}

const LEGEND_SIZE = 8;
const LEGEND_LINE = 12;

/** Draws the table into `out` (an HTTP reply, a file); resolves when the last byte is written. */
export async function writeTaskSheetPdf(sheet: TaskSheet, fonts: PdfFonts, out: NodeJS.WritableStream): Promise<void> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { left: MARGIN.x, right: MARGIN.x, top: MARGIN.top, bottom: 0 },
    compress: true,
    info: { Title: sheet.title, Author: sheet.issuer, Creator: '督办 Duban' },
  });
  const done = pipeline(doc, out);
  for (const [name, [path, face]] of Object.entries(fontFaces(fonts))) {
    doc.registerFont(name, path, face);
    unshaped(doc.font(name));
  }

  /** One line of runs with its top at `top`, the glyphs centred in `lineHeight`. */
  const drawLine = (
    runs: readonly CellRun[],
    x: number,
    top: number,
    size: number,
    lineHeight: number,
    color = '#000000',
  ) => {
    let left = x;
    const baseline = top + (lineHeight - size) / 2 + size * 0.88;
    runs.forEach((run, i) => {
      doc.font(run.bold || run.light === 'red' ? 'bold' : 'body').fontSize(size);
      doc.fillColor(run.light ? `#${LIGHT_COLOR[run.light]}` : color);
      doc.text(run.text, left, baseline, { lineBreak: false, baseline: 'alphabetic' });
      if (i < runs.length - 1) left += doc.widthOfString(run.text);
    });
  };
  const textWidth = (runs: readonly CellRun[]) =>
    runs.reduce(
      (w, r) =>
        w +
        doc
          .font(r.bold ? 'bold' : 'body')
          .fontSize(FONT_SIZE)
          .widthOfString(r.text),
      0,
    );
  const centred = (text: string, size: number, top: number): number => {
    const lines = wrapRuns([{ text }], TABLE_WIDTH, size).map((l) => l.map((r) => r.text).join(''));
    lines.forEach((t, i) => {
      doc.font('heading').fontSize(size).fillColor('#000000');
      const x = MARGIN.x + (TABLE_WIDTH - doc.widthOfString(t)) / 2;
      doc.text(t, x, top + i * size * 1.5 + size * 1.13, { lineBreak: false, baseline: 'alphabetic' });
    });
    return top + lines.length * size * 1.5;
  };
  const grid = (y: number, height: number, categoryTop: boolean) => {
    doc.lineWidth(0.5).strokeColor(GRID);
    doc
      .moveTo(categoryTop ? MARGIN.x : (CELL_X[1] ?? 0), y)
      .lineTo(MARGIN.x + TABLE_WIDTH, y)
      .stroke();
    for (const x of [...CELL_X, MARGIN.x + TABLE_WIDTH])
      doc
        .moveTo(x, y)
        .lineTo(x, y + height)
        .stroke();
  };
  const headerRow = (y: number) => {
    doc.rect(MARGIN.x, y, TABLE_WIDTH, HEADER_HEIGHT).fill('#E8E8E8');
    SHEET_HEADERS.forEach((h, i) => {
      doc.font('bold').fontSize(HEADER_SIZE);
      const x = (CELL_X[i] ?? 0) + ((CELL_WIDTHS[i] ?? 0) - doc.widthOfString(h)) / 2;
      drawLine([{ text: h, bold: true }], x, y + PAD.y, HEADER_SIZE, LINE + 1);
    });
    grid(y, HEADER_HEIGHT, true);
  };
  const footer = (page: number, count: number) => {
    const t = `第 ${page} 页，共 ${count} 页`;
    doc.font('body').fontSize(8).fillColor('#000000');
    doc.text(t, MARGIN.x + (TABLE_WIDTH - doc.widthOfString(t)) / 2, PAGE.height - 18, {
      lineBreak: false,
      baseline: 'alphabetic',
    });
  };

  // The heading: issuer, title, statistics line.
  let top = centred(sheet.issuer, 15, MARGIN.top) + 2;
  top = centred(sheet.title, 17, top) + 4;
  const meta = wrapRuns([{ text: sheet.meta }], TABLE_WIDTH, FONT_SIZE);
  for (const [i, line] of meta.entries()) drawLine(line, MARGIN.x, top + i * LINE, FONT_SIZE, LINE);
  top += meta.length * LINE + 4;

  const categories = categorySpans(sheet.rows).map((s) => cellLines([{ text: s.title }], 0));
  const rows = rowLines(sheet);
  const pages = paginate(
    rows,
    categories.map((c) => c.length),
    top,
  );
  const legend = wrapRuns([{ text: sheet.legend }], TABLE_WIDTH, LEGEND_SIZE);
  const lastBottom = pages[pages.length - 1]?.bottom ?? top;
  const legendApart = lastBottom + 6 + legend.length * LEGEND_LINE > TABLE_BOTTOM;
  const pageCount = pages.length + (legendApart ? 1 : 0);

  pages.forEach((page, p) => {
    if (p > 0) doc.addPage();
    headerRow(p === 0 ? top : MARGIN.top);
    page.segments.forEach((seg, s) => {
      const row = rows[seg.row];
      if (!row) return;
      grid(seg.y, seg.height, seg.categoryTop);
      if (seg.categoryTop) {
        // The merged 主要内容 cell: down to the last segment of its category on this page.
        let end = s;
        while (rows[page.segments[end + 1]?.row ?? -1]?.span === row.span && !page.segments[end + 1]?.categoryTop)
          end += 1;
        const last = page.segments[end] ?? seg;
        const room = Math.floor((last.y + last.height - seg.y - 2 * PAD.y) / LINE);
        for (const [i, line] of (categories[row.span] ?? []).slice(0, room).entries())
          drawLine(line, (CELL_X[0] ?? 0) + PAD.x, seg.y + PAD.y + i * LINE, FONT_SIZE, LINE);
      }
      row.cells.forEach((cell, c) => {
        for (let i = seg.from; i < Math.min(seg.to, cell.length); i += 1) {
          const line = cell[i];
          if (!line) continue;
          // 序号 centred, as in the .docx.
          const x =
            c === 1 ? (CELL_X[1] ?? 0) + ((CELL_WIDTHS[1] ?? 0) - textWidth(line)) / 2 : (CELL_X[c] ?? 0) + PAD.x;
          drawLine(line, x, seg.y + PAD.y + (i - seg.from) * LINE, FONT_SIZE, LINE);
        }
      });
    });
    doc
      .lineWidth(0.5)
      .strokeColor(GRID)
      .moveTo(MARGIN.x, page.bottom)
      .lineTo(MARGIN.x + TABLE_WIDTH, page.bottom);
    doc.stroke();
    let legendTop = page.bottom + 6;
    if (p === pages.length - 1 && legendApart) {
      footer(p + 1, pageCount);
      doc.addPage();
      legendTop = MARGIN.top;
    }
    if (p === pages.length - 1)
      for (const [i, line] of legend.entries())
        drawLine(line, MARGIN.x, legendTop + i * LEGEND_LINE, LEGEND_SIZE, LEGEND_LINE, '#595959');
    footer(legendApart && p === pages.length - 1 ? pageCount : p + 1, pageCount);
  });
  doc.end();
  await done;
}

/** The whole file in memory, for callers that need bytes (the office worker hands them back to the main thread). */
export async function renderTaskSheetPdf(sheet: TaskSheet, fonts: PdfFonts): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeTaskSheetPdf(sheet, fonts, sink);
  return Buffer.concat(chunks);
}
