import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Popconfirm, Table, type TableColumnsType, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { Bulletin, BulletinSections } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchBulletin, publishBulletin, updateBulletin } from '../../api/reports.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { BulletinDownloads } from './BulletinDownloads.tsx';

const SECTIONS: readonly (keyof BulletinSections)[] = ['summary', 'praise', 'criticism', 'requirements'];
type Department = Bulletin['figures']['departments'][number];
const LIGHT_COLOR: Record<Department['light'], string> = { green: 'green', yellow: 'gold', red: 'red' };

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/**
 * One 通报: its frozen figures, and its text. The office edits a draft's title and sections (the version travels
 * with the save; a 409 asks to reload rather than overwrite) and publishes it; everyone downloads .docx and PDF.
 */
export default function BulletinPage() {
  const t = useT();
  const toast = useToast();
  const user = useUser();
  const id = Number(useParams().id);
  const query = useQuery({
    queryKey: queryKeys.bulletin(id),
    queryFn: ({ signal }) => fetchBulletin(id, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const reload = () => void query.refetch();
  const [bulletin, setBulletin] = useState<Bulletin | null>(null);
  const [title, setTitle] = useState('');
  const [sections, setSections] = useState<BulletinSections | null>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (!data) return;
    setBulletin(data);
    setTitle(data.title);
    setSections(data.sections);
    setStale(false);
  }, [data]);

  if (query.isError && !data) return <ErrorResult error={query.error} onRetry={reload} />;
  if (!bulletin || !sections) return <PageSpinner />;

  const editable = isOfficeRole(user.role) && bulletin.status === 'draft';
  const dirty = title.trim() !== bulletin.title || SECTIONS.some((key) => sections[key] !== bulletin.sections[key]);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) setStale(true);
    else toast.error(errorText(e, t));
  };
  const save = async (): Promise<Bulletin | null> => {
    setBusy('save');
    try {
      const next = await updateBulletin(bulletin.id, { version: bulletin.version, title: title.trim(), sections });
      setBulletin(next);
      setTitle(next.title);
      setSections(next.sections);
      toast.success(t('bulletin.saved'));
      return next;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      setBusy(null);
    }
  };
  const publish = async () => {
    const current = dirty ? await save() : bulletin;
    if (!current) return;
    setBusy('publish');
    try {
      const next = await publishBulletin(current.id, current.version);
      setBulletin(next);
      toast.success(t('bulletin.publishedOk'));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const f = bulletin.figures;
  const columns: TableColumnsType<Department> = [
    { title: t('bulletin.col.rank'), dataIndex: 'rank', width: 64, render: (r: number | null) => r ?? '—' },
    { title: t('bulletin.col.department'), dataIndex: 'name' },
    { title: t('bulletin.col.due'), dataIndex: 'dueByAsOf', width: 80, align: 'right' },
    { title: t('bulletin.col.done'), dataIndex: 'done', width: 80, align: 'right' },
    { title: t('bulletin.col.overdue'), dataIndex: 'overdue', width: 80, align: 'right' },
    { title: t('bulletin.col.completion'), dataIndex: 'completionRate', width: 96, align: 'right', render: percent },
    { title: t('bulletin.col.onTime'), dataIndex: 'onTimeRate', width: 96, align: 'right', render: percent },
    {
      title: t('bulletin.col.light'),
      dataIndex: 'light',
      width: 80,
      render: (light: Department['light']) => <Tag color={LIGHT_COLOR[light]}>{t(`bulletin.light.${light}`)}</Tag>,
    },
  ];

  return (
    <>
      <PageTitle
        title={bulletin.title}
        extra={
          <div className="page-actions">
            <Tag color={bulletin.status === 'published' ? 'green' : 'default'}>
              {t(`bulletin.status.${bulletin.status}`)}
            </Tag>
            <BulletinDownloads id={bulletin.id} />
          </div>
        }
      />
      <p className="text-secondary" style={{ marginTop: -8 }}>
        <Link to="/bulletins">
          <ArrowLeftOutlined aria-hidden /> {t('bulletin.back')}
        </Link>
        {' · '}
        {bulletin.periodLabel} · {t('bulletin.asOf', { date: f.asOf })}
        {bulletin.publishedAt ? ` · ${t('bulletin.publishedAt', { time: formatTime(bulletin.publishedAt) })}` : ''}
      </p>

      <section className="panel" aria-labelledby="bulletin-figures">
        <h2 id="bulletin-figures" className="section-title">
          {t('bulletin.figures')}
        </h2>
        <p>
          {t('bulletin.totals', {
            tasks: f.taskCount,
            due: f.totals.dueByAsOf,
            done: f.totals.done,
            overdue: f.totals.overdue,
            completion: percent(f.totals.completionRate),
            onTime: percent(f.totals.onTimeRate),
          })}
        </p>
        <Table<Department>
          size="small"
          rowKey="departmentId"
          columns={columns}
          dataSource={f.departments}
          pagination={false}
          scroll={{ x: 720 }}
        />
      </section>

      <section className="panel" aria-labelledby="bulletin-text">
        <h2 id="bulletin-text" className="section-title">
          {t('bulletin.text')}
        </h2>
        {stale ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('bulletin.stale')}
            action={<Button onClick={reload}>{t('bulletin.reload')}</Button>}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <div className="form-field" style={{ marginBottom: 12 }}>
          <label htmlFor="bulletin-title">{t('bulletin.titleField')}</label>
          <Input
            id="bulletin-title"
            value={title}
            readOnly={!editable}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        {SECTIONS.map((key) => (
          <div className="form-field" key={key} style={{ marginBottom: 12 }}>
            {editable ? (
              <label htmlFor={`bulletin-${key}`}>{t(`bulletin.section.${key}`)}</label>
            ) : (
              <h3 className="field-label">{t(`bulletin.section.${key}`)}</h3>
            )}
            {editable ? (
              <Input.TextArea
                id={`bulletin-${key}`}
                value={sections[key]}
                autoSize={{ minRows: 3, maxRows: 14 }}
                maxLength={20_000}
                onChange={(e) => setSections({ ...sections, [key]: e.target.value })}
              />
            ) : (
              <div className="bulletin-section-text">{sections[key] || '—'}</div>
            )}
          </div>
        ))}
        {editable ? (
          <div className="page-actions">
            <Button
              disabled={!dirty || stale || title.trim() === ''}
              loading={busy === 'save'}
              onClick={() => void save()}
            >
              {t('common.save')}
            </Button>
            <Popconfirm
              title={t('bulletin.publishConfirm')}
              okText={t('bulletin.publish')}
              cancelText={t('common.cancel')}
              onConfirm={() => void publish()}
            >
              <Button type="primary" icon={<SendOutlined />} disabled={stale} loading={busy === 'publish'}>
                {t('bulletin.publish')}
              </Button>
            </Popconfirm>
          </div>
        ) : null}
      </section>
    </>
  );
}
