import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { DOCX_FONTS } from '../documents/office-style.ts';
import { resolvePdfFonts } from '../documents/pdf-fonts.ts';
import { renderPdf } from '../documents/pdf-output.ts';
import type { HazardScope } from './hazards.policy.ts';
import { getHazardDetail } from './read-hazards.ts';

const LEVEL: Record<string, string> = { province: '省级', city: '市级', county: '县级', zone: '开发区' };

/** The numbered 重大事故隐患挂牌督办通知书 of a listed hazard, as blocks both renderers share. */
async function noticeBlocks(db: Db, scope: HazardScope, id: number) {
  const h = await getHazardDetail(db, scope, id);
  const l = h.listing;
  if (!l) throw new AppError('conflict', '该隐患未挂牌督办，没有督办通知书 (not listed)');
  const basis = h.basis
    ? `${h.basis.standard ? `《${h.basis.standard}》（${h.basis.number}）${h.basis.article}${h.basis.item}` : ''}${h.basis.text}`
    : '';
  return {
    fileName: `挂牌督办通知书-${l.noticeNo}`,
    title: '重大事故隐患挂牌督办通知书',
    number: l.noticeNo,
    addressee: `${h.enterpriseName}：`,
    paragraphs: [
      `经检查，你单位${h.place}存在重大事故隐患：${h.description}。${basis ? `判定依据：${basis}。` : ''}`,
      `根据有关规定，${l.listingUnit}决定对该隐患实行${LEVEL[l.listingLevel] ?? ''}挂牌督办（第${l.batchNo}批），督办部门：${l.supervisingDepartment}。`,
      `请你单位落实责任、措施、资金、时限和预案“五落实”，于${l.timeLimit}前完成整改，整改期间落实临时管控措施，确保安全；整改完成后进行治理效果评估，书面申请验收，经验收合格后予以销号。`,
      ...(l.requirements ? [`督办要求：${l.requirements}`] : []),
      '逾期未完成整改的，须书面说明原因，隐患挂账督办直至整改销号。',
    ],
    signature: [
      l.listingUnit,
      l.listedOn.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_m, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`),
    ],
  };
}

export async function hazardNoticeDocx(
  db: Db,
  scope: HazardScope,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const b = await noticeBlocks(db, scope, id);
  const run = (text: string, opts: { bold?: boolean; size?: number; font?: string } = {}) =>
    new TextRun({
      text,
      bold: opts.bold,
      size: opts.size ?? 32,
      font: { eastAsia: opts.font ?? DOCX_FONTS.body, ascii: DOCX_FONTS.latin },
    });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [run(b.title, { bold: true, size: 44, font: DOCX_FONTS.title })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(b.number)] }),
          new Paragraph({ children: [run(b.addressee)] }),
          ...b.paragraphs.map(
            (p) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(p)] }),
          ),
          ...b.signature.map(
            (s) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 200 }, children: [run(s)] }),
          ),
        ],
      },
    ],
  });
  return { fileName: `${b.fileName}.docx`, bytes: await Packer.toBuffer(doc) };
}

export async function hazardNoticePdf(
  db: Db,
  scope: HazardScope,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const b = await noticeBlocks(db, scope, id);
  const fonts = resolvePdfFonts();
  const bytes = await renderPdf(
    {
      pageSize: 'A4',
      pageMargins: [72, 72, 72, 72],
      defaultStyle: { font: fonts.body, fontSize: 14, lineHeight: 1.6 },
      content: [
        { text: b.title, font: fonts.heading, fontSize: 22, bold: true, alignment: 'center' },
        { text: b.number, alignment: 'center', margin: [0, 4, 0, 16] },
        { text: b.addressee },
        ...b.paragraphs.map((p) => ({ text: `\u3000\u3000${p}` })),
        ...b.signature.map((s) => ({
          text: s,
          alignment: 'right' as const,
          margin: [0, 12, 0, 0] as [number, number, number, number],
        })),
      ],
    },
    fonts,
  );
  return { fileName: `${b.fileName}.pdf`, bytes };
}
