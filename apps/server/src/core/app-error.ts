/**
 * The one application error: a stable string code, a Chinese message for people (English after it where useful),
 * and details for machines. Nothing here knows HTTP: http/error-status.ts maps codes to status codes.
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
  /** An office file too large, too deep or with too many rows/cells to process (zip bomb, 6M cells): 422. */
  | 'file_too_complex'
  /** The document worker pool is full: try again shortly (503). */
  | 'busy'
  | 'import_has_problems'
  | 'unknown_departments'
  | 'not_our_file'
  | 'dependency_missing'
  | 'invalid_credit_code'
  | 'acceptance_required'
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
