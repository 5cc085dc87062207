import type { AddFindingRequest, AddPhotoRequest } from '@duban/shared/contracts/inspections';
import {
  AddFindingRequest as FindingSchema,
  AddPhotoRequest as PhotoSchema,
} from '@duban/shared/contracts/inspections';
import { AppError } from '../../core/app-error.ts';
import { stripJpegMetadataBytes } from '../../core/jpeg-metadata.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { EvidenceStorage } from '../progress/storage/evidence-storage.ts';
import { createHazardFromFinding } from './hazard-link.ts';
import type { ActingScope, FindingScope } from './inspections.policy.ts';
import {
  type FindingRow,
  findFindingByKey,
  findPhotoByKey,
  insertFinding,
  insertPhoto,
  setFindingHazard,
} from './inspections.repository.ts';
import { loadInspectionInScope } from './read-inspections.ts';

const keyClash = () =>
  new AppError('conflict', '该客户端编号已用于另一检查记录 (client key used elsewhere)', {
    reason: 'client_key_reused',
  });

/**
 * A finding (问题隐患) on an inspection, and in the same transaction the hazard in the register (channel 执法检查).
 * Idempotent by the device's client key: the same finding sent twice (a retried offline sync) returns the stored
 * one with `created: false`, never a second row or a second hazard.
 */
export async function addFinding(
  db: Db,
  scope: FindingScope,
  inspectionId: number,
  request: AddFindingRequest,
  now: Date = new Date(),
): Promise<{ finding: FindingRow; created: boolean }> {
  const input = FindingSchema.parse(request);
  return db.transaction().execute(async (trx) => {
    const inspection = await loadInspectionInScope(trx, scope, inspectionId);
    const existing = await findFindingByKey(trx, input.clientKey);
    if (existing) {
      if (existing.inspection_id !== inspection.id) throw keyClash();
      return { finding: existing, created: false };
    }
    if (inspection.status === 'completed')
      throw new AppError('conflict', '检查已办结，不能再添加问题 (inspection completed)');
    if (input.level === 'major' && input.item.trim() === '') {
      throw new AppError('validation_failed', '重大事故隐患须注明判定依据（标准、条款）', [
        { path: 'item', message: '必填' },
      ]);
    }
    for (const key of input.photoKeys) {
      const photo = await findPhotoByKey(trx, key);
      if (!photo || photo.inspection_id !== inspection.id) {
        throw new AppError('validation_failed', `照片 ${key} 尚未上传`, [
          { path: 'photoKeys', message: '照片须先上传' },
        ]);
      }
    }
    let finding = await insertFinding(trx, {
      inspection_id: inspection.id,
      client_key: input.clientKey,
      item: input.item,
      description: input.description,
      place: input.place,
      level: input.level,
      photos: JSON.stringify(input.photoKeys),
      hazard_id: null,
      created_by: scope.actor,
      created_at: now.toISOString(),
    });
    const hazardId = await createHazardFromFinding(trx, scope.hazards, {
      enterpriseId: inspection.enterprise_id,
      level: input.level,
      place: input.place,
      description: input.description,
      foundOn: inspection.inspected_on,
      foundBy: `检查组（${inspection.record_no ?? `检查 #${inspection.id}`}）`,
      basisText: input.item,
    });
    await setFindingHazard(trx, finding.id, hazardId);
    finding = { ...finding, hazard_id: hazardId };
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection.finding',
        entity: 'inspection',
        entityId: inspection.id,
        after: { findingId: finding.id, clientKey: input.clientKey, level: input.level, hazardId },
      },
      now,
    );
    return { finding, created: true };
  });
}

/** A photo for a finding, stored by content hash; idempotent by client key like findings. */
export async function addPhoto(
  db: Db,
  storage: EvidenceStorage,
  scope: ActingScope,
  inspectionId: number,
  request: AddPhotoRequest,
  now: Date = new Date(),
): Promise<{ clientKey: string; sha256: string; created: boolean }> {
  const input = PhotoSchema.parse(request);
  const sent = Buffer.from(input.dataBase64, 'base64');
  // A JPEG's EXIF (with GPS), XMP and comments are removed before it is stored (core/jpeg-metadata.ts).
  const bytes = input.mime === 'image/jpeg' ? await stripJpegMetadataBytes(sent) : sent;
  const magic: Record<string, (b: Buffer) => boolean> = {
    'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
    'image/png': (b) => b.subarray(0, 4).toString('hex') === '89504e47',
    'image/webp': (b) => b.subarray(0, 4).toString() === 'RIFF' && b.subarray(8, 12).toString() === 'WEBP',
  };
  if (bytes.length === 0 || !magic[input.mime]?.(bytes)) {
    throw new AppError('unsupported_file_type', '照片内容与类型不符（仅支持 JPEG/PNG/WebP）');
  }
  const inspection = await loadInspectionInScope(db, scope, inspectionId);
  const existing = await findPhotoByKey(db, input.clientKey);
  if (existing) {
    if (existing.inspection_id !== inspection.id) throw keyClash();
    return { clientKey: existing.client_key, sha256: existing.sha256, created: false };
  }
  const stored = await storage.put(bytes);
  await db.transaction().execute(async (trx) => {
    await insertPhoto(trx, {
      inspection_id: inspection.id,
      client_key: input.clientKey,
      sha256: stored.sha256,
      mime: input.mime,
      size: stored.size,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'inspection.photo',
        entity: 'inspection',
        entityId: inspection.id,
        after: { clientKey: input.clientKey, sha256: stored.sha256, size: stored.size },
      },
      now,
    );
  });
  return { clientKey: input.clientKey, sha256: stored.sha256, created: true };
}
