import type { AppErrorCode } from '../core/app-error.ts';

/** The one place that maps an application error code to an HTTP status. */
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
  file_too_complex: 422,
  busy: 503,
  import_has_problems: 422,
  unknown_departments: 422,
  not_our_file: 422,
  dependency_missing: 503,
  invalid_credit_code: 400,
  acceptance_required: 409,
  internal: 500,
};
