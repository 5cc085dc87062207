import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
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
import { font, pageFooter } from '../export/render-docx.ts';
import { A4_TWIPS, DOCX_FONTS, LIGHT_COLOR } from '../office-style.ts';
import { titleLines } from '../text-width.ts';
import type { ChartImage } from './bulletin-chart.ts';
import type { Block, BulletinDocument, ChartSpec, TableSpec } from './bulletin-document.ts';

/**
 * A bulletin as .docx in the manner of a 通报: A4 portrait with 公文 margins, the issuer in red over a red rule,
 * the title in 宋体, body in 仿宋 三号 (16 pt) at a fixed 28 pt line, headings in 黑体, tables in 宋体 10 pt, charts as
 * PNG pictures (rendered by bulletin-chart.ts; a note instead when poppler-utils is missing).
 */
const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 };
const TEXT_WIDTH = A4_TWIPS.width - MARGIN.left - MARGIN.right;
const RED = 'C00000';
const BODY = 32;
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** Half-width units per title line: 22 pt (二号) over the text width. */
const TITLE_WIDTH = 40;

function para(text: string, options: { indent?: boolean; heading?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: LINE,
    indent: options.indent ? { firstLine: 640 } : undefined,
    children: [new TextRun({ text, font: font(options.heading ? DOCX_FONTS.heading : DOCX_FONTS.body), size: BODY })],
  });
}

function tableOf(spec: TableSpec): Table {
  const widths = spec.widths.map((w) => Math.floor(TEXT_WIDTH * w));
  const cell = (children: Paragraph[], i: number, header = false) =>
    new TableCell({
      children,
      width: { size: widths[i] ?? 800, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
    });
  const align = (i: number) => (spec.centred.includes(i) ? AlignmentType.CENTER : AlignmentType.LEFT);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: spec.headers.map((h, i) =>
          cell(
            [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: h, bold: true, font: font(DOCX_FONTS.heading), size: 20 })],
              }),
            ],
            i,
            true,
          ),
        ),
      }),
      ...spec.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((runs, i) =>
              cell(
                [
                  new Paragraph({
                    alignment: align(i),
                    children: runs.map(
                      (r) =>
                        new TextRun({
                          text: r.text,
                          bold: r.bold ?? r.light === 'red',
                          color: r.light ? LIGHT_COLOR[r.light] : undefined,
                          font: font(DOCX_FONTS.table),
                          size: 20,
                        }),
                    ),
                  }),
                ],
                i,
              ),
            ),
          }),
      ),
    ],
  });
}

/** 96 px to the inch in docx's image sizes. */
const px = (pt: number) => Math.round((pt * 96) / 72);

function chartBlock(chart: ChartSpec, image: ChartImage | undefined): Paragraph {
  if (!image) return para(`（图表“${chart.title}”未生成：服务器未安装 poppler-utils。）`);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    children: [
      new ImageRun({
        type: 'png',
        data: image.png,
        transformation: { width: px(image.widthPt), height: px(image.heightPt) },
        altText: { name: chart.title, title: chart.title, description: chart.title },
      }),
    ],
  });
}

function blockOf(b: Block, images: Map<ChartSpec, ChartImage>): Paragraph | Table {
  switch (b.kind) {
    case 'heading':
      return para(b.text, { heading: true, indent: true });
    case 'paragraph':
      return para(b.text, { indent: true });
    case 'note':
      return new Paragraph({ children: [new TextRun({ text: b.text, size: 18, color: '595959' })] });
    case 'chart':
      return chartBlock(b.chart, images.get(b.chart));
    case 'table':
      return tableOf(b.table);
  }
}

/** Width, in points, at which charts are drawn for the .docx: the text width. */
export const DOCX_CHART_WIDTH_PT = TEXT_WIDTH / 20;

export async function renderBulletinDocx(doc: BulletinDocument, images: Map<ChartSpec, ChartImage>): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      spacing: { after: 360 },
      children: [new TextRun({ text: doc.issuer, bold: true, color: RED, font: font(DOCX_FONTS.title), size: 44 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360, line: 640, lineRule: LineRuleType.EXACT },
      children: titleLines(doc.draft ? `${doc.title}（草稿）` : doc.title, TITLE_WIDTH).map(
        (line, i) =>
          new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: true, font: font(DOCX_FONTS.title), size: 44 }),
      ),
    }),
    para(doc.addressee),
  ];
  for (const b of doc.blocks) {
    children.push(blockOf(b, images));
    if (b.kind === 'table') children.push(new Paragraph({ children: [] }));
  }
  children.push(
    new Paragraph({
      spacing: { before: 480, ...LINE },
      alignment: AlignmentType.RIGHT,
      indent: { right: 640 },
      children: [new TextRun({ text: doc.signature.issuer, font: font(DOCX_FONTS.body), size: BODY })],
    }),
    new Paragraph({
      spacing: LINE,
      alignment: AlignmentType.RIGHT,
      indent: { right: 640 },
      children: [new TextRun({ text: doc.signature.date, font: font(DOCX_FONTS.body), size: BODY })],
    }),
  );
  const document = new Document({
    creator: '督办 Duban',
    title: doc.title,
    styles: { default: { document: { run: { font: font(DOCX_FONTS.body), size: BODY } } } },
    sections: [
      {
        properties: { page: { size: { width: A4_TWIPS.width, height: A4_TWIPS.height }, margin: MARGIN } },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
