import { Alert, Collapse, Flex, Tag, Typography } from 'antd';
import type { ImportPreviewResponse } from '../../api/contracts.ts';
import { useT } from '../../i18n/i18n.tsx';

type Diff = ImportPreviewResponse['diff'];

/** The year's source and the warnings (a year that disagrees with the title or the deadlines). */
export function YearAndWarnings({ preview }: { preview: ImportPreviewResponse }) {
  const t = useT();
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" data-testid="year-source">
        {preview.year} · {t(`import.year.source.${preview.yearSource}`)}
      </Typography.Text>
      {preview.warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('import.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Flex>
  );
}

/** Step 2: what the import would add, change and remove against the list already imported, before anything is written. */
export function ImportDiffPanel({ preview }: { preview: ImportPreviewResponse }) {
  const t = useT();
  const diff: Diff = preview.diff;
  // Without an imported list the existing-list notice already says everything will be created.
  if (!diff.hasList) return null;
  const total = diff.added.length + diff.changed.length + diff.removed.length;
  const label = (no: string, text: string) => (
    <>
      <strong>{no}</strong> {text}
    </>
  );
  const items = [
    {
      key: 'added',
      label: `${t('import.diff.added')} ${diff.added.length}`,
      children: (
        <ul className="diff-list">
          {diff.added.map((a) => (
            <li key={a.seq}>{label(a.no, a.text)}</li>
          ))}
        </ul>
      ),
    },
    {
      key: 'changed',
      label: `${t('import.diff.changed')} ${diff.changed.length}`,
      children: (
        <ul className="diff-list">
          {diff.changed.map((c) => (
            <li key={c.seq}>
              {label(c.no, c.text)}{' '}
              {c.fields.map((f) => (
                <Tag key={f} color="gold">
                  {t(`import.diff.field.${f as 'no' | 'text' | 'deadline' | 'departments'}`)}
                </Tag>
              ))}
              {c.fields.includes('deadline') ? (
                <Typography.Text type="secondary">
                  {' '}
                  {t('import.diff.before', { text: c.before.deadline })}
                </Typography.Text>
              ) : null}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'removed',
      label: `${t('import.diff.removed')} ${diff.removed.length}`,
      children: (
        <ul className="diff-list">
          {diff.removed.map((r) => (
            <li key={r.seq}>{label(r.no, r.text)}</li>
          ))}
        </ul>
      ),
    },
  ].filter((_, i) => [diff.added, diff.changed, diff.removed][i]?.length);
  return (
    <Flex vertical gap={8} data-testid="import-diff">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('import.diff.title', { year: preview.year })}
      </Typography.Title>
      {total === 0 ? (
        <Alert type="info" showIcon title={t('import.diff.same')} />
      ) : (
        <>
          <Typography.Text>
            {t('import.diff.summary', {
              added: diff.added.length,
              changed: diff.changed.length,
              removed: diff.removed.length,
            })}
          </Typography.Text>
          <Collapse
            size="small"
            items={items}
            defaultActiveKey={diff.blocking.length > 0 ? ['changed', 'removed'] : []}
          />
        </>
      )}
      {diff.blocking.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('import.diff.blocking', { n: diff.blocking.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {diff.blocking.map((b) => (
                <li key={b.seq}>
                  {label(b.no, b.text)}（
                  {b.reason === 'removed' ? t('import.diff.blockingRemoved') : t('import.diff.blockingChanged')}）
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Flex>
  );
}
