import type { ChannelKind } from '../../../db/schema.ts';
import type { HttpRequestSpec } from './webhook-requests.ts';

export type FetchLike = typeof fetch;

/**
 * Sends one webhook request. Success is a 2xx answer and, for the chat robots, their own success code
 * (DingTalk/WeCom `errcode: 0`, Feishu `code: 0`); anything else throws with a short, log-safe reason.
 */
export async function sendHttp(
  kind: ChannelKind,
  spec: HttpRequestSpec,
  fetchImpl: FetchLike,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(spec.url, {
      method: 'POST',
      headers: spec.headers,
      body: spec.body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`请求失败: ${describeFetchError(error)}`);
  }
  const text = await response.text().catch(() => '');
  // Only the status is kept (never the response body: it could carry what an internal service answered).
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if (kind === 'webhook') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  if (!parsed || typeof parsed !== 'object') return;
  const r = parsed as { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown };
  const code = kind === 'feishu' ? r.code : r.errcode;
  if (code !== undefined && code !== 0) {
    throw new Error(`机器人返回错误码 ${String(code).slice(0, 20)}`);
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return `${error.name === 'TimeoutError' ? '超时' : error.message}${detail}`.slice(0, 300);
}
