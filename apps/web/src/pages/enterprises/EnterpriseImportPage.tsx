import { Alert, Button, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ImportEnterprisesResponse, importEnterprises } from '../../api/enterprises.ts';
import { errorText } from '../../api/error-text.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ROLE_KEY, STATUS_KEY } from './enterprise-labels.ts';

type Row = ImportEnterprisesResponse['enterprises'][number];

/** 导入企业名录: choose a file, see the dry run (what would be created/updated, every problem by row), then commit. */
export default function EnterpriseImportPage() {
  const t = useT();
  const phone = useIsPhone();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportEnterprisesResponse | null>(null);
  const [result, setResult] = useState<ImportEnterprisesResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (f: File, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await importEnterprises(f, dryRun);
      if (dryRun) setPreview(r);
      else {
        setResult(r);
        setPreview(null);
      }
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const actionTag = (a: Row['action']) => (
    <Tag color={a === 'create' ? 'green' : a === 'update' ? 'blue' : 'default'}>{t(`ent.import.action.${a}`)}</Tag>
  );

  return (
    <div>
      <PageTitle title={t('ent.import.title')} extra={<Link to="/enterprises">{t('ent.backToList')}</Link>} />
      <p className="muted">{t('ent.import.hint')}</p>
      <Space wrap>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            void run(f, true);
            return false;
          }}
        >
          <Button type="primary" loading={busy && !preview}>
            {t('ent.import.choose')}
          </Button>
        </Upload>
        {file ? <span data-testid="import-file">{file.name}</span> : null}
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" /> : null}
      {result ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={t('ent.import.done', {
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
          })}
          description={
            result.problems.length > 0 ? t('ent.import.notImported', { n: result.problems.length }) : undefined
          }
        />
      ) : null}
      {preview ? (
        <div style={{ marginTop: 16 }}>
          <Alert
            type={preview.problems.length > 0 ? 'warning' : 'info'}
            showIcon
            title={t('ent.import.summary', {
              rows: preview.enterprises.length,
              created: preview.created,
              updated: preview.updated,
              unchanged: preview.unchanged,
              problems: preview.problems.length,
            })}
          />
          {preview.problems.length > 0 ? (
            <>
              <h2>{t('ent.import.problems')}</h2>
              <Table
                rowKey={(p) => `${p.row}-${p.message}`}
                size="small"
                pagination={false}
                dataSource={preview.problems}
                columns={[
                  { title: t('ent.import.row'), dataIndex: 'row', width: 70 },
                  { title: t('ent.import.message'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}
          <h2>{t('ent.import.rows')}</h2>
          <Table<Row>
            rowKey="row"
            size="small"
            scroll={phone ? { x: 720 } : undefined}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            dataSource={preview.enterprises}
            columns={[
              { title: t('ent.import.row'), dataIndex: 'row', width: 60 },
              { title: t('ent.name'), dataIndex: 'name' },
              { title: t('ent.creditCode'), dataIndex: 'creditCode' },
              { title: t('ent.industry'), key: 'ind', render: (_, r) => [...r.industries, ...r.tags].join('、') },
              {
                title: t('ent.supervisors'),
                key: 'sup',
                render: (_, r) => r.supervisors.map((s) => `${s.department}（${t(ROLE_KEY[s.role])}）`).join('；'),
              },
              { title: t('ent.status'), key: 'st', render: (_, r) => t(STATUS_KEY[r.status]) },
              { title: t('ent.import.action'), key: 'a', render: (_, r) => actionTag(r.action) },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button
              type="primary"
              disabled={!file || preview.created + preview.updated === 0}
              loading={busy}
              onClick={() => (file ? run(file, false) : undefined)}
            >
              {t('ent.import.commit', { n: preview.created + preview.updated })}
            </Button>
          </Space>
        </div>
      ) : null}
    </div>
  );
}
