import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/i18n.tsx';

function HomeButton() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.back')}
    </Button>
  );
}

export function ForbiddenResult() {
  const t = useT();
  return <Result status="403" title="403" subTitle={t('error.forbidden')} extra={<HomeButton />} />;
}

export function NotFoundResult() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('error.notFound')} extra={<HomeButton />} />;
}
