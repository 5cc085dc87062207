import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { pageFooter, pdfRuns, thinGrid } from '../export/render-pdf.ts';
import { A4_POINTS } from '../office-style.ts';
import type { PdfFonts } from '../pdf-fonts.ts';
import { renderPdf } from '../pdf-output.ts';
import { titleLines } from '../text-width.ts';
import { chartContent } from './bulletin-chart.ts';
import type { Block, BulletinDocument, TableSpec } from './bulletin-document.ts';

/** A bulletin as PDF: A4 portrait, a red issuer line, 仿宋-like body (Noto Serif CJK), the charts as vector drawings. */
const MARGINS: [number, number, number, number] = [72, 64, 68, 64];
export const BULLETIN_TEXT_WIDTH = A4_POINTS.width - MARGINS[0] - MARGINS[2];
const RED = '#C00000';
/** Half-width units per title line (18 pt over the text width, less the title's indent). */
const TITLE_WIDTH = 42;

function table(spec: TableSpec): Content {
  const header: TableCell[] = spec.headers.map((h) => ({
    text: h,
    bold: true,
    alignment: 'center',
    fillColor: '#E8E8E8',
  }));
  const body: TableCell[][] = spec.rows.map((row) =>
    row.map((cell, i) => ({ ...pdfRuns(cell), alignment: spec.centred.includes(i) ? 'center' : 'left' })),
  );
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: spec.widths.map((w) => BULLETIN_TEXT_WIDTH * w - 6.5),
      body: [header, ...body],
    },
    layout: thinGrid,
    fontSize: 9,
    margin: [0, 4, 0, 8],
  };
}

function block(b: Block, fonts: PdfFonts): Content {
  switch (b.kind) {
    case 'heading':
      return { text: b.text, font: fonts.heading, fontSize: 14, margin: [0, 8, 0, 4] };
    case 'paragraph':
      return { text: `　　${b.text}`, fontSize: 13, lineHeight: 1.5, margin: [0, 0, 0, 4] };
    case 'note':
      return { text: b.text, fontSize: 9, color: '#595959' };
    case 'chart':
      return chartContent(b.chart, BULLETIN_TEXT_WIDTH, 8);
    case 'table':
      return table(b.table);
  }
}

export function bulletinDefinition(doc: BulletinDocument, fonts: PdfFonts): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: MARGINS,
    info: { title: doc.title, author: doc.issuer, creator: '督办 Duban' },
    defaultStyle: { font: fonts.body, fontSize: 13 },
    footer: pageFooter,
    watermark: doc.draft ? { text: '草稿', color: '#C00000', opacity: 0.08, fontSize: 120 } : undefined,
    content: [
      { text: doc.issuer, font: fonts.heading, bold: true, fontSize: 22, color: RED, alignment: 'center' },
      {
        canvas: [{ type: 'line', x1: 0, y1: 4, x2: BULLETIN_TEXT_WIDTH, y2: 4, lineWidth: 1.5, lineColor: RED }],
        margin: [0, 2, 0, 14],
      },
      {
        text: titleLines(doc.draft ? `${doc.title}（草稿）` : doc.title, TITLE_WIDTH).join('\n'),
        font: fonts.heading,
        bold: true,
        fontSize: 18,
        alignment: 'center',
        lineHeight: 1.3,
        margin: [24, 0, 24, 14],
      },
      { text: doc.addressee, fontSize: 13, margin: [0, 0, 0, 4] },
      ...doc.blocks.map((b) => block(b, fonts)),
      {
        stack: [doc.signature.issuer, doc.signature.date],
        alignment: 'right',
        fontSize: 13,
        lineHeight: 1.5,
        margin: [0, 24, 16, 0],
        unbreakable: true,
      },
    ],
  };
}

export function renderBulletinPdf(doc: BulletinDocument, fonts: PdfFonts): Promise<Buffer> {
  return renderPdf(bulletinDefinition(doc, fonts), fonts);
}
