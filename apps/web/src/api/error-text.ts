import type { Translate } from '../i18n/i18n.tsx';
import { ApiError } from './client.ts';

/**
 * Many server messages read '中文说明 (english detail)'. The Chinese UI shows only the Chinese, the English UI only
 * the English (issue 13 item 9); a message without a trailing ASCII parenthesis is shown as it is.
 */
export function localMessage(message: string, english: boolean): string {
  const m = /^(.*\S)\s+\(([\x20-\x7E]*[A-Za-z][\x20-\x7E]*)\)$/s.exec(message);
  if (!m?.[1] || !m[2] || /[()]/.test(m[2])) return message;
  return english ? m[2] : m[1];
}

const englishUi = (): boolean =>
  typeof document !== 'undefined' && document.documentElement.lang.toLowerCase().startsWith('en');

/** The text to show for a failure: the server's own message in the UI's language, or a translated one for client-side codes. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    return error.code === 'network' ? t('error.network') : localMessage(error.message, englishUi());
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
