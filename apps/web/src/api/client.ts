/**
 * The typed fetch client: same-origin cookies, the session's CSRF token on every write, and every failure as an
 * ApiError carrying the server's Chinese message (`{error:{code,message,details}}`).
 */

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the client itself produces (the UI translates them; server messages are shown as they come). */
export const CLIENT_ERROR_CODES = ['network', 'bad_response'] as const;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let actingUnit: string | null = null;

/**
 * The unit a city or province account is viewing (the header's unit switcher; null = its own unit). Every API call
 * but sign-in/out names it in X-Duban-Unit, and a cookie carries it for plain download links; the server answers
 * read-only there (writes 403) and 403 outside the account's subtree.
 */
export function setActingUnit(code: string | null): void {
  actingUnit = code;
  // biome-ignore lint/suspicious/noDocumentCookie: one plain value; the Cookie Store API is not in every browser yet
  document.cookie = code
    ? `duban_unit=${encodeURIComponent(code)}; path=/; SameSite=Strict`
    : 'duban_unit=; path=/; max-age=0; SameSite=Strict';
}

/** Called when a request other than login/me gets 401: the session ended. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; details?: unknown } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (actingUnit && !path.startsWith('/api/auth/')) headers['x-duban-unit'] = actingUnit;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network', '无法连接服务器，请检查网络后重试', 0);
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError('bad_response', `服务器返回了无法识别的内容（HTTP ${response.status}）`, response.status);
    }
  }
  if (!response.ok) {
    const isAuthCall = path.startsWith('/api/auth/login') || path.startsWith('/api/auth/me');
    if (response.status === 401 && !isAuthCall) onUnauthorized?.();
    if (isErrorBody(data)) {
      throw new ApiError(data.error.code, data.error.message, response.status, data.error.details ?? null);
    }
    throw new ApiError('http_error', `请求失败（HTTP ${response.status}）`, response.status);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions) => request<T>('POST', path, options),
  patch: <T>(path: string, options?: RequestOptions) => request<T>('PATCH', path, options),
  put: <T>(path: string, options?: RequestOptions) => request<T>('PUT', path, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
