import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { A4_TWIPS, DOCX_FONTS } from '../documents/office-style.ts';
import { resolvePdfFonts } from '../documents/pdf-fonts.ts';
import { renderPdf } from '../documents/pdf-output.ts';

/**
 * The printable 督办通知/催办通知 of one batch: issuer line, 文号, title, addressee, the note, the table of items
 * (序号 as clerks say it: 第7项), the reply date, the issuer and date. One model, two renderings (.docx and PDF).
 */
export interface BatchDocument {
  issuer: string;
  docNo: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  rows: { no: string; text: string; period: string; due: string }[];
  replyLine: string | null;
  signature: string;
  date: string;
}

export function batchDocumentModel(input: {
  kind: 'urge' | 'notice';
  docNo: string;
  issuer: string;
  departmentName: string;
  note: string;
  replyBy: string | null;
  createdOn: string;
  items: { taskNo: string; taskText: string; period: string; due: string }[];
}): BatchDocument {
  const what = input.kind === 'notice' ? '督办通知' : '催办通知';
  const [y, m, d] = input.createdOn.split('-');
  return {
    issuer: `${input.issuer}文件`,
    docNo: input.docNo,
    title: `关于${input.departmentName}逾期未完成任务事项的${what}`,
    addressee: `${input.departmentName}：`,
    paragraphs: [
      `根据安全生产治本攻坚三年行动任务清单，你单位下列 ${input.items.length} 项任务事项已超过完成时限，未按要求报送工作进展。`,
      input.note,
    ],
    rows: input.items.map((i) => ({ no: `第${i.taskNo}项`, text: i.taskText, period: i.period, due: i.due })),
    replyLine:
      input.kind === 'notice' && input.replyBy
        ? `请于 ${input.replyBy} 前逐项书面回复办理情况（在督办平台对应任务事项中回复），逾期将按规定约谈。`
        : '请抓紧办理，并在督办平台报送工作进展。',
    signature: input.issuer,
    date: `${y}年${Number(m)}月${Number(d)}日`,
  };
}

const RED = 'C00000';
const run = (text: string, o: { size?: number; bold?: boolean; color?: string; font?: string } = {}) =>
  new TextRun({
    text,
    size: (o.size ?? 16) * 2,
    bold: o.bold,
    color: o.color,
    font: { eastAsia: o.font ?? DOCX_FONTS.body, ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin },
  });

export async function renderBatchDocx(doc: BatchDocument): Promise<Buffer> {
  const cell = (text: string, width: number, header = false) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { size: 11, bold: header, font: DOCX_FONTS.table })],
        }),
      ],
    });
  const widths = [12, 58, 14, 16];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['序号', '工作任务', '期次', '完成时限'].map((h, i) => cell(h, widths[i]!, true)),
      }),
      ...doc.rows.map(
        (r) => new TableRow({ children: [r.no, r.text, r.period, r.due].map((v, i) => cell(v, widths[i]!)) }),
      ),
    ],
  });
  const para = (
    children: TextRun[],
    o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean } = {},
  ) =>
    new Paragraph({
      alignment: o.align,
      indent: o.indent ? { firstLine: 640 } : undefined,
      spacing: { line: 560, lineRule: 'exact' as never },
      children,
    });
  const document = new Document({
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_TWIPS.width, height: A4_TWIPS.height },
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
          },
        },
        children: [
          para([run(doc.issuer, { size: 26, bold: true, color: RED, font: DOCX_FONTS.title })], {
            align: AlignmentType.CENTER,
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
            children: [run(doc.docNo)],
          }),
          para([run(doc.title, { size: 22, bold: true, font: DOCX_FONTS.title })], { align: AlignmentType.CENTER }),
          para([run(doc.addressee)]),
          ...doc.paragraphs.map((p) => para([run(p)], { indent: true })),
          table,
          ...(doc.replyLine ? [para([run(doc.replyLine)], { indent: true })] : []),
          para([run(doc.signature)], { align: AlignmentType.RIGHT }),
          para([run(doc.date)], { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

export async function renderBatchPdf(doc: BatchDocument): Promise<Buffer> {
  const fonts = resolvePdfFonts();
  const body = fonts.body;
  const heading = fonts.heading;
  const content: Content[] = [
    { text: doc.issuer, font: heading, bold: true, fontSize: 24, color: '#C00000', alignment: 'center' },
    { text: doc.docNo, alignment: 'center', margin: [0, 8, 0, 2] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 455, y2: 0, lineWidth: 1.5, lineColor: '#C00000' }] },
    { text: doc.title, font: heading, bold: true, fontSize: 18, alignment: 'center', margin: [0, 14, 0, 10] },
    { text: doc.addressee, margin: [0, 0, 0, 4] },
    ...doc.paragraphs.map((p): Content => ({ text: p, margin: [0, 0, 0, 6], leadingIndent: 28 })),
    {
      table: {
        headerRows: 1,
        widths: [50, '*', 70, 70],
        body: [
          ['序号', '工作任务', '期次', '完成时限'].map((h) => ({
            text: h,
            bold: true,
            alignment: 'center',
            font: heading,
          })),
          ...doc.rows.map((r) => [r.no, r.text, r.period, r.due]),
        ],
      },
      fontSize: 10,
      margin: [0, 4, 0, 10],
    },
    ...(doc.replyLine ? [{ text: doc.replyLine, leadingIndent: 28, margin: [0, 0, 0, 20] } as Content] : []),
    { text: doc.signature, alignment: 'right' },
    { text: doc.date, alignment: 'right' },
  ];
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [72, 64, 68, 64],
    defaultStyle: { font: body, fontSize: 14, lineHeight: 1.4 },
    content,
  };
  return renderPdf(definition, fonts);
}
