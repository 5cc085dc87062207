import { Alert, Button } from 'antd';
import { errorText } from '../api/error-text.ts';
import { useT } from '../i18n/i18n.tsx';

/** A failed load, with the server's message and a retry (an Alert: antd's Result carries large illustrations). */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('error.loadFailed')}
      description={errorText(error, t)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
