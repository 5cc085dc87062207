import type { Translate } from '../i18n/i18n.tsx';
import { ApiError } from './client.ts';

/** The text to show for a failure: the server's own (Chinese) message, or a translated one for client-side codes. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return error.code === 'network' ? t('error.network') : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
