import { ReturnedSheetFields } from '@duban/shared/contracts/exports';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../core/app-error.ts';

/** The returned-sheet form: one `file` (.xlsx) and an optional `dryRun` field. */
export async function readReturnedUpload(request: FastifyRequest): Promise<{ bytes: Buffer; dryRun: boolean }> {
  if (!request.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传填好的 Excel 表格');
  let bytes: Buffer | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || bytes)
          throw new AppError('bad_request', '只能上传一个表格文件（字段名 file）');
        bytes = await part.toBuffer();
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : null;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', '表格文件过大 (file too large)');
    throw error;
  }
  if (!bytes) throw new AppError('bad_request', '缺少表格文件（字段名 file）');
  const parsed = ReturnedSheetFields.safeParse(fields);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'dryRun 应为 true 或 false', [{ path: 'dryRun', message: 'true|false' }]);
  }
  return { bytes, dryRun: parsed.data.dryRun };
}
