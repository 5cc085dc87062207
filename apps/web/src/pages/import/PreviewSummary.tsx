import { Alert, Card, Col, Row, Statistic } from 'antd';
import type { ImportPreviewResponse } from '../../api/contracts.ts';
import { useT } from '../../i18n/i18n.tsx';
import { summarize } from './import-model.ts';

export function PreviewSummaryCards({ preview }: { preview: ImportPreviewResponse }) {
  const t = useT();
  const s = summarize(preview);
  const cards = [
    { key: 'year', title: t('import.summary.year'), value: String(preview.year) },
    { key: 'format', title: t('import.summary.format'), value: preview.format },
    { key: 'tasks', title: t('import.summary.tasks'), value: s.tasks },
    { key: 'categories', title: t('import.summary.categories'), value: s.categories },
    { key: 'problems', title: t('import.summary.problems'), value: s.problems, bad: s.problems > 0 },
    { key: 'unknown', title: t('import.summary.unknown'), value: s.unknown, warn: s.unknown > 0 },
    { key: 'review', title: t('import.summary.review'), value: s.needsReview, warn: s.needsReview > 0 },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} sm={8} lg={6} xl={3}>
          <Card size="small">
            <Statistic
              title={c.title}
              value={c.value}
              groupSeparator=""
              styles={{ content: { color: c.bad ? '#cf1322' : c.warn ? '#ad6800' : undefined, fontSize: 22 } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function ExistingAlert({ preview }: { preview: ImportPreviewResponse }) {
  const t = useT();
  const type = preview.existing === 'new' ? 'success' : preview.existing === 'same' ? 'info' : 'warning';
  return <Alert type={type} showIcon title={t(`import.existing.${preview.existing}`, { year: preview.year })} />;
}
