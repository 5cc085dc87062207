/**
 * The one application error: a stable string code, a Chinese message for people (English after it where useful),
 * and details for machines. http/error-handler.ts maps codes to HTTP status.
 */
export type AppErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_attempts'
  | 'payload_too_large'
  | 'unsupported_file_type'
  | 'csrf_failed'
  | 'unreadable_file'
  | 'import_has_problems'
  | 'unknown_departments'
  | 'not_our_file'
  | 'dependency_missing'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
  payload_too_large: 413,
  unsupported_file_type: 415,
  csrf_failed: 403,
  unreadable_file: 422,
  import_has_problems: 422,
  unknown_departments: 422,
  not_our_file: 422,
  dependency_missing: 503,
  internal: 500,
};
