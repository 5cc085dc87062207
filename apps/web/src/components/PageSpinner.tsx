import { Flex, Spin } from 'antd';
import { useT } from '../i18n/i18n.tsx';

export function PageSpinner({ fullScreen = false }: { fullScreen?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 240 }} role="status">
      <Spin description={t('app.loading')} size="large" />
    </Flex>
  );
}
