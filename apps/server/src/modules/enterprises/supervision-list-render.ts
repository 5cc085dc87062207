import { ENTERPRISE_STATUS_LABELS, type SupervisionListResponse } from '@duban/shared/contracts/enterprises';
import type { Borders } from 'exceljs';
import ExcelJS from 'exceljs';
import type { TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { A4_POINTS } from '../documents/office-style.ts';
import { resolvePdfFonts } from '../documents/pdf-fonts.ts';
import { renderPdf } from '../documents/pdf-output.ts';

/** The official columns of the 监管责任清单, with .xlsx widths (characters) and PDF shares of the page width. */
export const LIST_COLUMNS = [
  { title: '序号', width: 6, share: 0.04 },
  { title: '企业名称', width: 30, share: 0.16 },
  { title: '统一社会信用代码', width: 22, share: 0.13 },
  { title: '地址', width: 30, share: 0.15 },
  { title: '属地', width: 12, share: 0.07 },
  { title: '行业类别', width: 16, share: 0.1 },
  { title: '行业监管部门', width: 18, share: 0.1 },
  { title: '属地管理部门', width: 18, share: 0.09 },
  { title: '综合监管部门', width: 18, share: 0.09 },
  { title: '状态', width: 8, share: 0.05 },
] as const;

function cells(list: SupervisionListResponse): string[][] {
  return list.rows.map((r) => [
    String(r.seq),
    r.name,
    r.creditCode,
    r.address,
    r.locality,
    r.industries.join('、'),
    r.industrySupervisors.join('、'),
    r.territorialSupervisors.join('、'),
    r.comprehensiveSupervisors.join('、'),
    ENTERPRISE_STATUS_LABELS[r.status],
  ]);
}

function chineseDate(civil: string): string {
  const [y, m, d] = civil.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const THIN: Borders = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
  diagonal: {},
};

/** .xlsx: title merged across, 截至 date, frozen bold header repeated on every printed page, A4 landscape. */
export async function renderSupervisionListXlsx(list: SupervisionListResponse): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '督办 Duban';
  const sheet = workbook.addWorksheet('监管责任清单', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const n = LIST_COLUMNS.length;
  sheet.columns = LIST_COLUMNS.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, n);
  const title = sheet.getCell(1, 1);
  title.value = list.title;
  title.font = { name: '方正小标宋简体', size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 36;
  sheet.mergeCells(2, 1, 2, n);
  const meta = sheet.getCell(2, 1);
  meta.value = `（截至${chineseDate(list.asOf)}，共 ${list.total} 家）`;
  meta.font = { name: '仿宋', size: 11 };
  meta.alignment = { horizontal: 'center' };
  LIST_COLUMNS.forEach((c, i) => {
    const cell = sheet.getCell(3, i + 1);
    cell.value = c.title;
    cell.font = { name: '黑体', size: 11, bold: true };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  });
  cells(list).forEach((values, r) => {
    values.forEach((v, c) => {
      const cell = sheet.getCell(4 + r, c + 1);
      cell.value = v; // always text: a name starting with "=" stays text
      cell.numFmt = '@';
      cell.font = { name: '宋体', size: 10 };
      cell.border = THIN;
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: c === 0 || c === n - 1 ? 'center' : 'left' };
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function supervisionListPdfDefinition(
  list: SupervisionListResponse,
  fontName: { body: string; heading: string },
): TDocumentDefinitions {
  const margin = 28;
  const width = A4_POINTS.height - 2 * margin;
  const header: TableCell[] = LIST_COLUMNS.map((c) => ({
    text: c.title,
    bold: true,
    alignment: 'center',
    fillColor: '#E8E8E8',
  }));
  const body: TableCell[][] = [
    header,
    ...cells(list).map((row) =>
      row.map((text, i): TableCell => ({ text, alignment: i === 0 || i === row.length - 1 ? 'center' : 'left' })),
    ),
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [margin, 30, margin, 34],
    info: { title: list.title, author: list.orgUnit, creator: '督办 Duban' },
    defaultStyle: { font: fontName.body, fontSize: 8, lineHeight: 1.15 },
    footer: (page: number, count: number) => ({
      text: `第 ${page} 页，共 ${count} 页`,
      alignment: 'center',
      fontSize: 8,
    }),
    content: [
      { text: list.title, font: fontName.heading, bold: true, fontSize: 17, alignment: 'center', margin: [0, 0, 0, 4] },
      {
        text: `（截至${chineseDate(list.asOf)}，共 ${list.total} 家）`,
        alignment: 'center',
        fontSize: 10,
        margin: [0, 0, 0, 8],
      },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: LIST_COLUMNS.map((c) => Math.floor(width * c.share * 100) / 100 - 6),
          body,
        },
        layout: {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          hLineColor: () => '#404040',
          vLineColor: () => '#404040',
          paddingLeft: () => 3,
          paddingRight: () => 3,
          paddingTop: () => 2,
          paddingBottom: () => 2,
        },
      },
    ],
  };
}

export async function renderSupervisionListPdf(list: SupervisionListResponse): Promise<Buffer> {
  const fonts = resolvePdfFonts();
  return renderPdf(supervisionListPdfDefinition(list, { body: fonts.body, heading: fonts.heading }), fonts);
}
