import type { InspectionResponse, StatsFigures, StatsResponse } from '@duban/shared/contracts/inspections';
import { INSPECTION_MODE_LABELS, INSPECTION_TRIGGER_LABELS } from '@duban/shared/contracts/inspections';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { AppError } from '../../core/app-error.ts';
import { DOCX_FONTS } from '../documents/office-style.ts';
import { resolvePdfFonts } from '../documents/pdf-fonts.ts';
import { renderPdf } from '../documents/pdf-output.ts';

/**
 * The numbered documents of an inspection — 现场检查记录 (安全生产法 第68条: time, place, content, problems,
 * handling, signatures or the recorded refusal) and 责令限期整改指令书 (the findings and the time limit) — as one
 * format-free model rendered to .docx (docx) and PDF (pdfmake with Noto CJK, modules/documents helpers); and the
 * statistics table as .xlsx in the layout an office sends upward.
 */
export type InspectionDocKind = 'record' | 'order';

interface DocModel {
  title: string;
  number: string;
  rows: [string, string][];
  sections: { heading: string; lines: string[] }[];
  signatures: string[];
}

const RESULT_LABEL: Record<string, string> = { ok: '符合', problem: '存在问题', na: '不适用', pending: '未检查' };

export function inspectionDocModel(i: InspectionResponse, kind: InspectionDocKind, issuer: string): DocModel {
  if (i.status !== 'completed' || i.recordNo === null) {
    throw new AppError('conflict', '检查办结后才能生成文书 (complete the inspection first)');
  }
  const team = i.team.map((t) => `${t.name}${t.kind === 'expert' ? '（专家）' : ''}`).join('、');
  const signature =
    i.signature === 'signed'
      ? `被检查单位负责人（签字）：${i.signedBy ?? ''}`
      : `被检查单位负责人拒绝签字。情况记录：${i.refusalNote ?? ''}`;
  if (kind === 'record') {
    return {
      title: `${issuer}\n现场检查记录`,
      number: i.recordNo,
      rows: [
        ['被检查单位', i.enterpriseName],
        ['检查时间', i.inspectedOn],
        ['检查方式', `${INSPECTION_MODE_LABELS[i.mode]}（${INSPECTION_TRIGGER_LABELS[i.trigger]}）`],
        ['检查人员', team],
      ],
      sections: [
        {
          heading: '检查情况',
          lines: i.checklist.length
            ? i.checklist.map(
                (c, n) => `${n + 1}. ${c.item}：${RESULT_LABEL[c.result] ?? c.result}${c.note ? `（${c.note}）` : ''}`,
              )
            : ['（无检查表）'],
        },
        {
          heading: '发现的问题',
          lines: i.findings.length
            ? i.findings.map(
                (f, n) =>
                  `${n + 1}. ${f.place ? `${f.place}：` : ''}${f.description}（${f.level === 'major' ? '重大事故隐患' : '一般隐患'}）`,
              )
            : ['未发现问题。'],
        },
        { heading: '处理情况', lines: [i.summary || (i.orderNo ? `已下达责令限期整改指令书 ${i.orderNo}。` : '—')] },
      ],
      signatures: [`检查人员（签字）：${team}`, signature],
    };
  }
  if (i.orderNo === null) throw new AppError('conflict', '本次检查未发现问题，没有责令限期整改指令书');
  return {
    title: `${issuer}\n责令限期整改指令书`,
    number: i.orderNo,
    rows: [
      ['被检查单位', i.enterpriseName],
      ['检查时间', i.inspectedOn],
      ['整改期限', i.orderDueOn ?? ''],
    ],
    sections: [
      {
        heading: '经查，你单位存在下列问题：',
        lines: i.findings.map((f, n) => `${n + 1}. ${f.place ? `${f.place}：` : ''}${f.description}`),
      },
      {
        heading: '',
        lines: [
          `依据《中华人民共和国安全生产法》第六十五条的规定，现责令你单位于 ${i.orderDueOn ?? ''} 前整改完毕，达到有关法律法规规章和标准规定的要求。`,
          '整改期间，应当采取措施确保安全。如果不服本指令，可以依法申请行政复议或者提起行政诉讼，但本指令不停止执行。',
        ],
      },
    ],
    signatures: [`检查人员（签字）：${team}`, signature],
  };
}

const run = (text: string, opts: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({
    text,
    bold: opts.bold,
    size: opts.size ?? 24,
    font: { ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, eastAsia: opts.font ?? DOCX_FONTS.body },
  });

export async function renderDocDocx(m: DocModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = m.title.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(line, { bold: true, size: 36, font: DOCX_FONTS.title })],
      }),
  );
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(m.number)] }));
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: m.rows.map(
        ([k, v]) =>
          new TableRow({
            children: [
              new TableCell({
                width: { size: 22, type: WidthType.PERCENTAGE },
                children: [new Paragraph({ children: [run(k, { bold: true, font: DOCX_FONTS.table })] })],
              }),
              new TableCell({ children: [new Paragraph({ children: [run(v, { font: DOCX_FONTS.table })] })] }),
            ],
          }),
      ),
    }),
  );
  for (const s of m.sections) {
    if (s.heading)
      children.push(
        new Paragraph({
          spacing: { before: 200 },
          children: [run(s.heading, { bold: true, font: DOCX_FONTS.heading })],
        }),
      );
    for (const line of s.lines) children.push(new Paragraph({ children: [run(line)] }));
  }
  for (const line of m.signatures) children.push(new Paragraph({ spacing: { before: 300 }, children: [run(line)] }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export async function renderDocPdf(m: DocModel): Promise<Buffer> {
  const fonts = resolvePdfFonts();
  return renderPdf(
    {
      pageSize: 'A4',
      defaultStyle: { font: fonts.body, fontSize: 12 },
      content: [
        ...m.title
          .split('\n')
          .map((line) => ({ text: line, font: fonts.heading, bold: true, fontSize: 18, alignment: 'center' as const })),
        { text: m.number, alignment: 'center' as const, margin: [0, 4, 0, 10] as [number, number, number, number] },
        {
          table: { widths: [90, '*'], body: m.rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
        },
        ...m.sections.flatMap((s) => [
          ...(s.heading
            ? [
                {
                  text: s.heading,
                  font: fonts.heading,
                  bold: true,
                  margin: [0, 10, 0, 4] as [number, number, number, number],
                },
              ]
            : []),
          ...s.lines.map((line) => ({ text: line, margin: [0, 2, 0, 2] as [number, number, number, number] })),
        ]),
        ...m.signatures.map((line) => ({ text: line, margin: [0, 16, 0, 0] as [number, number, number, number] })),
      ],
    },
    fonts,
  );
}

const STAT_COLUMNS: [Exclude<keyof StatsFigures, 'flagged'>, string][] = [
  ['enterprisesSupervised', '监管企业数'],
  ['enterprisesInspected', '检查企业数'],
  ['inspections', '检查次数'],
  ['plannedInspections', '计划检查'],
  ['triggeredInspections', '举报/交办检查'],
  ['documents', '执法文书（份）'],
  ['hazardsFound', '发现隐患（项）'],
  ['majorHazardsFound', '其中重大隐患'],
  ['hazardsPer1000Inspections', '每千次检查发现隐患'],
  ['penalties', '行政处罚（起）'],
  ['fineTotal', '罚款金额（元）'],
  ['suspensions', '责令停产停业整顿'],
  ['closures', '提请关闭取缔'],
  ['referrals', '移送司法'],
  ['zeroPenalty', '不予处罚（零处罚）'],
  ['zeroPenaltyRatio', '检查未处罚比例'],
];

/** 安全生产执法统计表: one row per department and a total row, then the same by industry; numbers as numbers. */
export async function renderStatsXlsx(stats: StatsResponse, issuer: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const add = (name: string, first: string, rows: { label: string; f: StatsFigures }[]) => {
    const ws = wb.addWorksheet(name);
    const width = STAT_COLUMNS.length + 2;
    ws.mergeCells(1, 1, 1, width);
    ws.getCell(1, 1).value = `${issuer}安全生产执法情况统计表（${stats.from} 至 ${stats.to}）`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    const header = ws.getRow(3);
    header.values = ['序号', first, ...STAT_COLUMNS.map(([, label]) => label), '只检查不处罚'];
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    rows.forEach((r, n) => {
      const row = ws.getRow(4 + n);
      row.values = [
        r.label === '合计' ? '' : n + 1,
        r.label,
        ...STAT_COLUMNS.map(([key]) => r.f[key]),
        r.f.flagged ? '是' : '否',
      ];
      if (r.label === '合计') row.font = { bold: true };
      for (let c = 1; c <= width; c++)
        row.getCell(c).border = {
          top: { style: 'thin' },
          bottom: { style: 'thin' },
          left: { style: 'thin' },
          right: { style: 'thin' },
        };
    });
    ws.getColumn(2).width = 22;
    for (let c = 3; c <= width; c++) ws.getColumn(c).width = 11;
    ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 2 }];
    const note = ws.getRow(5 + rows.length);
    note.getCell(1).value =
      '说明：检查次数为期间内办结的检查记录；计划检查含双随机抽查；执法文书含现场检查记录、责令限期整改指令书和行政处罚决定书；检查未处罚比例=发现问题但未作处罚的检查÷发现问题的检查。';
    ws.mergeCells(5 + rows.length, 1, 5 + rows.length, width);
    note.getCell(1).alignment = { wrapText: true };
    note.height = 36;
  };
  add('按部门', '部门', [
    ...stats.byDepartment.map((d) => ({ label: d.departmentName, f: d })),
    { label: '合计', f: stats },
  ]);
  add('按行业', '行业', [...stats.byIndustry.map((d) => ({ label: d.industry, f: d })), { label: '合计', f: stats }]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
