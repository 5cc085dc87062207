import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { AddEvidenceResponse } from '@duban/shared/contracts/progress';
import { isEditable } from '@duban/shared/progress/report-workflow';
import { AppError } from '../../core/app-error.ts';
import { stripJpegMetadata, stripJpegMetadataBytes } from '../../core/jpeg-metadata.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { checkEvidenceOfficeFile } from '../office-files/office-jobs.ts';
import { checkOfficeZipFile } from '../office-files/zip-guard.ts';
import { nameForType, sanitizeFileName } from './evidence-file-name.ts';
import { ACCEPTED_TYPES_LABEL, type SniffedType, sniffFileType } from './file-type.ts';
import type { ActingScope } from './progress.policy.ts';
import { evidenceUsage, insertEvidence, listEvidenceOfReports } from './progress.repository.ts';
import { toEvidence } from './progress.views.ts';
import { changeReport, loadReport, stateConflict } from './report-writes.ts';
import type { EvidenceStorage, StagedEvidence } from './storage/evidence-storage.ts';

/** One uploaded file as the route hands it over: its client-side name and a reader that enforces the size limit. */
export interface UploadPart {
  fileName: string;
  /** The whole file; rejects with 413 (payload_too_large) past the limit. */
  read(): Promise<Buffer>;
  /** The file as a stream (evidence is staged to disk while hashing instead of buffered); errors via `mapError`. */
  stream?(): Readable;
  mapError?(error: unknown): unknown;
}

interface CheckedFile {
  /** Buffered (storage without staging) … */
  bytes?: Buffer;
  /** … or streamed to a staging file. */
  staged?: StagedEvidence;
  size: number;
  type: SniffedType;
  fileName: string;
}

const unsupported = (fileName: string) =>
  new AppError(
    'unsupported_file_type',
    `不支持的文件类型：“${sanitizeFileName(fileName, 'bin')}”。只接受${ACCEPTED_TYPES_LABEL} (unsupported file type)`,
    { fileName: sanitizeFileName(fileName, 'bin') },
  );

const isOffice = (t: SniffedType) => t.kind === 'docx' || t.kind === 'xlsx' || t.kind === 'pptx';

/** Streams one part to the storage's staging area and checks it there (type from its head, zip directory). */
async function stagePart(storage: EvidenceStorage, part: UploadPart): Promise<CheckedFile> {
  const stage = storage.stage?.bind(storage);
  if (!stage || !part.stream) throw new Error('staging not available');
  let staged: StagedEvidence;
  const source = part.stream();
  try {
    // A JPEG's EXIF (with GPS), XMP and comments are removed on the way in (core/jpeg-metadata.ts; other types pass
    // unchanged), so the staged file, its hash and size are those of the bytes that are stored.
    staged = await stage(Readable.from(stripJpegMetadata(source)));
  } catch (error) {
    throw part.mapError ? part.mapError(error) : error;
  }
  try {
    // Past the size limit the multipart stream just ends early, marked truncated: refuse it (413).
    if ((source as { truncated?: boolean }).truncated) {
      const tooLarge = Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
      throw part.mapError ? part.mapError(tooLarge) : tooLarge;
    }
    // OLE documents (.doc/.xls) name their streams in a directory that can sit anywhere: read the whole file then.
    const type =
      sniffFileType(staged.head) ??
      (staged.size > staged.head.length ? sniffFileType(await readFile(staged.path)) : null);
    if (!type) throw unsupported(part.fileName);
    if (isOffice(type)) await checkOfficeZipFile(staged.path);
    return {
      staged,
      size: staged.size,
      type,
      fileName: nameForType(sanitizeFileName(part.fileName, type.kind), type.kind),
    };
  } catch (error) {
    await storage.discard?.(staged);
    throw error;
  }
}

/** Evidence quotas: per report (files and bytes) and per department (bytes over all its reports). */
export const EVIDENCE_QUOTA = {
  filesPerReport: 30,
  bytesPerReport: 200 * 1024 * 1024,
  bytesPerDepartment: 5 * 1024 ** 3,
};

async function checkEvidenceQuota(db: Db, reportId: number, departmentId: number, files: { size: number }[]) {
  const usage = await evidenceUsage(db, reportId, departmentId);
  const adding = files.reduce((n, f) => n + f.size, 0);
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
  const discardAll = () => Promise.all(files.map((f) => (f.staged ? storage.discard?.(f.staged) : undefined)));
  const stored: (CheckedFile & { sha256: string; size: number })[] = [];
  try {
    for await (const part of parts) {
      if (storage.stage && part.stream) {
        // Streamed to disk while hashing: a 20 MB file × 10 is never held in memory.
        files.push(await stagePart(storage, part));
        continue;
      }
      const read = await part.read();
      const type = sniffFileType(read);
      if (!type) throw unsupported(part.fileName);
      const bytes = type.kind === 'jpeg' ? await stripJpegMetadataBytes(read) : read;
      // Office files: their zip directory is checked (no zip bombs stored and served to reviewers).
      if (isOffice(type)) await checkEvidenceOfficeFile(bytes);
      // The stored name's extension follows the detected type (a PDF is never served as .hta, .bat or .exe).
      files.push({
        bytes,
        size: bytes.byteLength,
        type,
        fileName: nameForType(sanitizeFileName(part.fileName, type.kind), type.kind),
      });
    }
    if (files.length === 0) throw new AppError('bad_request', '请选择要上传的文件 (no file in the upload)');
    await checkEvidenceQuota(db, reportId, before.department_id, files);
  } catch (error) {
    await discardAll();
    throw error;
  }
  for (const f of files) {
    if (f.staged && storage.commit) stored.push({ ...f, ...(await storage.commit(f.staged)) });
    else if (f.bytes) stored.push({ ...f, ...(await storage.put(f.bytes)) });
  }

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
