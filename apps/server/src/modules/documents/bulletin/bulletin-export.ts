import { todayInShanghai } from '@duban/shared/civil-date';
import type { Db } from '../../../db/database.ts';
import { findOrgUnitName } from '../export/exports.repository.ts';
import { CONTENT_TYPES, type ExportedFile } from '../export/tasklist-export.service.ts';
import { resolvePdfFonts } from '../pdf-fonts.ts';
import { type ChartImage, chartImage } from './bulletin-chart.ts';
import { bulletinDocument, type ChartSpec } from './bulletin-document.ts';
import type { BulletinReadScope } from './bulletins.policy.ts';
import { getBulletin } from './bulletins.service.ts';
import { DOCX_CHART_WIDTH_PT, renderBulletinDocx } from './render-bulletin-docx.ts';
import { renderBulletinPdf } from './render-bulletin-pdf.ts';

/** A bulletin (draft or published) as .docx or PDF; a draft says so in its title and file name. Reads only. */
export async function exportBulletin(
  db: Db,
  scope: BulletinReadScope,
  id: number,
  format: 'docx' | 'pdf',
  now = new Date(),
): Promise<ExportedFile> {
  const bulletin = await getBulletin(db, scope, id);
  const zone = await findOrgUnitName(db, scope.orgUnitId);
  const doc = bulletinDocument(bulletin, `${zone}安全生产委员会办公室`, todayInShanghai(now));
  const fonts = resolvePdfFonts();
  const fileName = `${doc.fileBase}.${format}`;
  if (format === 'pdf') {
    return { fileName, contentType: CONTENT_TYPES.pdf, bytes: await renderBulletinPdf(doc, fonts) };
  }
  const images = new Map<ChartSpec, ChartImage>();
  for (const block of doc.blocks) {
    if (block.kind !== 'chart') continue;
    const image = await chartImage(block.chart, DOCX_CHART_WIDTH_PT, fonts);
    if (image) images.set(block.chart, image);
  }
  return { fileName, contentType: CONTENT_TYPES.docx, bytes: await renderBulletinDocx(doc, images) };
}
