import { Result } from 'antd';
import { type NavKey, navItem } from '../../app/nav.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** A menu entry whose API is still being built (progress, supervision, dashboard). */
export default function ComingSoonPage({ navKey }: { navKey: NavKey }) {
  const t = useT();
  const name = t(navItem(navKey).label);
  return (
    <>
      <PageTitle title={name} />
      <Result status="info" title={t('soon.title')} subTitle={t('soon.body', { name })} />
    </>
  );
}
