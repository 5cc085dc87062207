import type { AddEvidenceResponse } from '@duban/shared/contracts/progress';
import { isEditable } from '@duban/shared/progress/report-workflow';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { checkEvidenceOfficeFile } from '../office-files/office-jobs.ts';
import { nameForType, sanitizeFileName } from './evidence-file-name.ts';
import { ACCEPTED_TYPES_LABEL, type SniffedType, sniffFileType } from './file-type.ts';
import type { ActingScope } from './progress.policy.ts';
import { evidenceUsage, insertEvidence, listEvidenceOfReports } from './progress.repository.ts';
import { toEvidence } from './progress.views.ts';
import { changeReport, loadReport, stateConflict } from './report-writes.ts';
import type { EvidenceStorage } from './storage/evidence-storage.ts';

/** One uploaded file as the route hands it over: its client-side name and a reader that enforces the size limit. */
export interface UploadPart {
  fileName: string;
  /** The whole file; rejects with 413 (payload_too_large) past the limit. */
  read(): Promise<Buffer>;
}

interface CheckedFile {
  bytes: Buffer;
  type: SniffedType;
  fileName: string;
}

/** Evidence quotas: per report (files and bytes) and per department (bytes over all its reports). */
export const EVIDENCE_QUOTA = {
  filesPerReport: 30,
  bytesPerReport: 200 * 1024 * 1024,
  bytesPerDepartment: 5 * 1024 ** 3,
};

async function checkEvidenceQuota(db: Db, reportId: number, departmentId: number, files: { bytes: Buffer }[]) {
  const usage = await evidenceUsage(db, reportId, departmentId);
  const adding = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  if (usage.reportFiles + files.length > EVIDENCE_QUOTA.filesPerReport) {
    throw new AppError(
      'payload_too_large',
      `每份工作进展最多 ${EVIDENCE_QUOTA.filesPerReport} 个证明材料，已有 ${usage.reportFiles} 个 (evidence quota per report)`,
    );
  }
  if (usage.reportBytes + adding > EVIDENCE_QUOTA.bytesPerReport) {
    throw new AppError(
      'payload_too_large',
      `每份工作进展的证明材料合计不超过 ${mb(EVIDENCE_QUOTA.bytesPerReport)} MB，已用 ${mb(usage.reportBytes)} MB (evidence quota per report)`,
    );
  }
  if (usage.departmentBytes + adding > EVIDENCE_QUOTA.bytesPerDepartment) {
    throw new AppError(
      'payload_too_large',
      `本部门的证明材料已达存储上限 ${mb(EVIDENCE_QUOTA.bytesPerDepartment)} MB，请联系安委办 (evidence quota per department)`,
    );
  }
}

/**
 * Attaches evidence to a draft or returned report. All or nothing: every file is read and its type checked from
 * its content before any byte is stored, so a refused file (415, 413) leaves no row and no file behind.
 * Bytes are stored by content hash, then the rows, the report's version bump and the audit events are written in
 * one transaction. Adding evidence bumps the version: a submission or review at an older version sees a conflict.
 */
export async function addEvidence(
  db: Db,
  storage: EvidenceStorage,
  scope: ActingScope,
  reportId: number,
  parts: AsyncIterable<UploadPart>,
  now = new Date(),
): Promise<AddEvidenceResponse> {
  const before = await loadReport(db, scope, reportId);
  if (!isEditable(before.status)) throw stateConflict(before);

  const files: CheckedFile[] = [];
  for await (const part of parts) {
    const bytes = await part.read();
    const type = sniffFileType(bytes);
    if (!type) {
      throw new AppError(
        'unsupported_file_type',
        `不支持的文件类型：“${sanitizeFileName(part.fileName, 'bin')}”。只接受${ACCEPTED_TYPES_LABEL} (unsupported file type)`,
        { fileName: sanitizeFileName(part.fileName, 'bin') },
      );
    }
    // Office files: their zip directory is checked (no zip bombs stored and served to reviewers).
    if (type.kind === 'docx' || type.kind === 'xlsx' || type.kind === 'pptx') await checkEvidenceOfficeFile(bytes);
    // The stored name's extension follows the detected type (a PDF is never served as .hta, .bat or .exe).
    files.push({ bytes, type, fileName: nameForType(sanitizeFileName(part.fileName, type.kind), type.kind) });
  }
  if (files.length === 0) throw new AppError('bad_request', '请选择要上传的文件 (no file in the upload)');
  await checkEvidenceQuota(db, reportId, before.department_id, files);

  const stored: (CheckedFile & { sha256: string; size: number })[] = [];
  for (const f of files) stored.push({ ...f, ...(await storage.put(f.bytes)) });

  return db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, scope, reportId);
    if (!isEditable(r.status)) throw stateConflict(r);
    const reportVersion = await changeReport(trx, r, r.version, { updated_at: now.toISOString() }, [
      'draft',
      'returned',
    ]);
    const ids: number[] = [];
    for (const f of stored) {
      const id = await insertEvidence(trx, {
        reportId,
        sha256: f.sha256,
        fileName: f.fileName,
        mime: f.type.mime,
        size: f.size,
        uploadedBy: scope.userId,
        now: now.toISOString(),
      });
      ids.push(id);
      await appendAudit(trx, {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'evidence.add',
        entity: 'evidence_file',
        entityId: id,
        before: { reportId, reportVersion: r.version },
        after: { reportId, reportVersion, fileName: f.fileName, sha256: f.sha256, mime: f.type.mime, size: f.size },
      });
    }
    const evidence = (await listEvidenceOfReports(trx, [reportId])).filter((e) => ids.includes(e.id));
    return { evidence: evidence.map(toEvidence), reportVersion };
  });
}
