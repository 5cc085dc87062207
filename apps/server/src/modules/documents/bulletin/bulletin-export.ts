import { todayInShanghai } from '@duban/shared/civil-date';
import type { Db } from '../../../db/database.ts';
import { renderBulletinInWorker } from '../../office-files/office-jobs.ts';
import { findOrgUnitName } from '../export/exports.repository.ts';
import { CONTENT_TYPES, type ExportedFile } from '../export/tasklist-export.service.ts';
import { bulletinDocument } from './bulletin-document.ts';
import type { BulletinReadScope } from './bulletins.policy.ts';
import { getBulletin } from './bulletins.service.ts';

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
  const fileName = `${doc.fileBase}.${format}`;
  // Rendered in the bounded worker pool (office-files), like the task sheet: a bulletin cannot stall the server.
  const bytes = await renderBulletinInWorker(format, doc);
  return { fileName, contentType: format === 'pdf' ? CONTENT_TYPES.pdf : CONTENT_TYPES.docx, bytes };
}
