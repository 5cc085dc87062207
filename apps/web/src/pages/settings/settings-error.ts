import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import type { Translate } from '../../i18n/i18n.tsx';

/** The server's message or, for a refused form, each field's own (Chinese) message (e.g. 「Webhook 地址应为 http(s) URL」). */
export function settingsErrorText(error: unknown, t: Translate): string {
  const base = errorText(error, t);
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return base;
  const fields = (error.details as unknown[])
    .map((d) => (d && typeof d === 'object' && 'message' in d ? String((d as { message: unknown }).message) : null))
    .filter((m): m is string => m !== null && m !== '' && !base.includes(m));
  return fields.length > 0 ? fields.join('；') : base;
}
