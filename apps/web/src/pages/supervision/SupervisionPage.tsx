import { Segmented } from 'antd';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { BatchList } from './BatchParts.tsx';
import { OverdueList } from './OverdueList.tsx';
import { RecordList } from './RecordList.tsx';

type View = 'overdue' | 'records' | 'notices' | 'batches';
const VIEWS: readonly View[] = ['overdue', 'records', 'notices', 'batches'];

/** 督办: chase overdue work up the ladder, read what was done, and follow the 督办单 replies. */
export default function SupervisionPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.includes(params.get('view') as View) ? (params.get('view') as View) : 'overdue';
  return (
    <>
      <PageTitle title={t('sup.pageTitle')} />
      <Segmented<View>
        aria-label={t('sup.views')}
        value={view}
        onChange={(v) => setParams({ view: v }, { replace: true })}
        options={VIEWS.map((v) => ({ value: v, label: t(`sup.view.${v}`) }))}
        style={{ marginBottom: 12 }}
      />
      {view === 'overdue' ? (
        <OverdueList />
      ) : view === 'batches' ? (
        <BatchList />
      ) : (
        <RecordList noticesOnly={view === 'notices'} />
      )}
    </>
  );
}
