import { ImportFormFields } from '@duban/shared/contracts/tasklists';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error.ts';

export interface ImportUpload {
  bytes: Buffer;
  fileName: string;
  year: number | undefined;
  departmentMap: Record<string, number> | undefined;
  deadlineOverrides: Record<string, string> | undefined;
}

const JSON_FIELDS = new Set(['departmentMap', 'deadlineOverrides']);

/** Reads the wizard's multipart form: one `file`, and `year`, `departmentMap`, `deadlineOverrides` fields. */
export async function readImportUpload(request: FastifyRequest): Promise<ImportUpload> {
  if (!request.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传任务清单文件');
  let file: { bytes: Buffer; fileName: string } | undefined;
  const fields: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file)
        throw new AppError('bad_request', '只能上传一个任务清单文件（字段名 file）');
      file = { bytes: await part.toBuffer(), fileName: part.filename };
    } else {
      const value = String(part.value);
      try {
        fields[part.fieldname] = JSON_FIELDS.has(part.fieldname) ? JSON.parse(value) : value;
      } catch {
        throw new AppError('validation_failed', `字段 ${part.fieldname} 不是有效的 JSON`, [
          { path: part.fieldname, message: 'JSON' },
        ]);
      }
    }
  }
  if (!file) throw new AppError('bad_request', '缺少任务清单文件（字段名 file）');
  const parsed = ImportFormFields.safeParse(fields);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      '导入参数有误',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const { year, departmentMap, deadlineOverrides } = parsed.data;
  return { ...file, year, departmentMap, deadlineOverrides };
}
