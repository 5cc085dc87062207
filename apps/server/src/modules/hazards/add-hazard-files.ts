import type { AddHazardFilesResponse } from '@duban/shared/contracts/hazards';
import { AppError } from '../../core/app-error.ts';
import { stripJpegMetadataBytes } from '../../core/jpeg-metadata.ts';
import type { Db } from '../../db/database.ts';
import type { HazardFileTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { UploadPart } from '../progress/add-evidence.ts';
import { sanitizeFileName } from '../progress/evidence-file-name.ts';
import { ACCEPTED_TYPES_LABEL, sniffFileType } from '../progress/file-type.ts';
import type { EvidenceStorage } from '../progress/storage/evidence-storage.ts';
import { applyChange, loadHazard } from './hazard-writes.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { insertFile, listFiles } from './hazards.repository.ts';
import { fileView } from './read-hazards.ts';

const PHOTO_KINDS: readonly HazardFileTable['kind'][] = ['before', 'after'];

/**
 * Photos and documents of a hazard (整改前/整改后 photos, evidence, evaluation, acceptance papers, reports, 挂账
 * explanations), sniffed by content with progress's file-type rules and stored by sha256 behind the same evidence
 * storage. All or nothing; before/after must be images. A closed hazard takes no more files.
 */
export async function addHazardFiles(
  db: Db,
  storage: EvidenceStorage,
  scope: HazardActingScope,
  id: number,
  kind: HazardFileTable['kind'],
  parts: AsyncIterable<UploadPart>,
  now = new Date(),
): Promise<AddHazardFilesResponse> {
  const first = await loadHazard(db, scope, id);
  if (first.status === 'closed') throw new AppError('conflict', '隐患已销号，不能再上传材料 (hazard is closed)');
  const files: { bytes: Buffer; mime: string; fileName: string }[] = [];
  for await (const part of parts) {
    const bytes = await part.read();
    const type = sniffFileType(bytes);
    const name = sanitizeFileName(part.fileName, type?.kind ?? 'bin');
    if (!type) {
      throw new AppError('unsupported_file_type', `不支持的文件类型：“${name}”。只接受${ACCEPTED_TYPES_LABEL}`, {
        fileName: name,
      });
    }
    if (PHOTO_KINDS.includes(kind) && !type.mime.startsWith('image/')) {
      throw new AppError('unsupported_file_type', `整改前后照片须为图片：“${name}”`, { fileName: name });
    }
    // A JPEG's EXIF (with GPS), XMP and comments are removed before it is stored (core/jpeg-metadata.ts).
    files.push({
      bytes: type.mime === 'image/jpeg' ? await stripJpegMetadataBytes(bytes) : bytes,
      mime: type.mime,
      fileName: name,
    });
  }
  if (files.length === 0) throw new AppError('bad_request', '请选择要上传的文件 (no file in the upload)');
  const stored: { fileName: string; mime: string; sha256: string; size: number }[] = [];
  for (const f of files) stored.push({ ...f, ...(await storage.put(f.bytes)) });
  return inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id);
    const version = await applyChange(trx, scope, h, h.version, {
      kind: 'files',
      patch: {},
      text: `上传${stored.length}个文件（${stored.map((f) => f.fileName).join('、')}）`,
      data: { kind },
      now,
    });
    const ids: number[] = [];
    for (const f of stored) {
      const fileId = await insertFile(trx, {
        hazard_id: id,
        acceptance_id: null,
        kind,
        sha256: f.sha256,
        file_name: f.fileName,
        mime: f.mime,
        size: f.size,
        uploaded_by: scope.actor,
        created_at: now.toISOString(),
      });
      ids.push(fileId);
      await appendAudit(trx, {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'hazard.file_add',
        entity: 'hazard_file',
        entityId: fileId,
        after: { hazardId: id, kind, fileName: f.fileName, sha256: f.sha256, mime: f.mime, size: f.size },
      });
    }
    const all = await listFiles(trx, id);
    return { files: all.filter((f) => ids.includes(f.id)).map(fileView), version };
  });
}
