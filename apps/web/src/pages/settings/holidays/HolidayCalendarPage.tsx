import type { HolidayCalendarResponse } from '@duban/shared/contracts/calendar';
import { Alert, Card, Collapse, Descriptions, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { fetchHolidayCalendar } from '../../../api/settings.ts';
import { isOfficeRole, useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useT } from '../../../i18n/i18n.tsx';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: HolidayCalendarResponse };

const span = (from: string, to: string) => (from === to ? from : `${from} – ${to}`);

/** 节假日安排 (settings): the years the working-day arithmetic knows, their holidays and 调休 workdays (read only). */
export default function HolidayCalendarPage() {
  const t = useT();
  const me = useUser();
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = useCallback(() => {
    fetchHolidayCalendar()
      .then((data) => setState({ status: 'ready', data }))
      .catch((e: unknown) => setState({ status: 'error', error: e }));
  }, []);
  useEffect(load, [load]);

  if (!isOfficeRole(me.role)) return <Alert type="info" showIcon title={t('settings.onlyOffice')} />;
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'error') return <ErrorResult error={state.error} onRetry={load} />;
  const years = [...state.data.years].reverse();
  return (
    <>
      <PageTitle title={t('holidays.title')} />
      <Typography.Paragraph type="secondary">{t('holidays.intro')}</Typography.Paragraph>
      <Card size="small">
        <Collapse
          defaultActiveKey={years.slice(0, 1).map((y) => String(y.year))}
          items={years.map((y) => ({
            key: String(y.year),
            label: (
              <span>
                {t('holidays.year', { year: y.year })}{' '}
                <Tag color={y.origin === 'loaded' ? 'blue' : 'default'}>{t(`holidays.origin.${y.origin}`)}</Tag>
              </span>
            ),
            children: (
              <>
                <Typography.Paragraph type="secondary">{y.source}</Typography.Paragraph>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  items={y.holidays.map((h) => ({ key: h.name, label: h.name, children: span(h.from, h.to) }))}
                />
                <Typography.Paragraph style={{ marginTop: 12 }}>
                  {t('holidays.workdays')}
                  {y.workdays.length > 0 ? y.workdays.join('、') : '—'}
                </Typography.Paragraph>
              </>
            ),
          }))}
        />
      </Card>
    </>
  );
}
