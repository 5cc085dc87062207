import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Tag } from 'antd';
import { fetchInspectionStats } from '../../api/inspections.ts';
import { queryKeys } from '../../api/query.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The enforcement section of the leader dashboard: the year's inspections, hazards found, penalties and the 只检查不处罚 flag. */
export default function InspectionDashboardSection({ year }: { year: number }) {
  const { t } = useI18n();
  const { data } = useQuery({
    queryKey: queryKeys.inspectionStats(year),
    queryFn: ({ signal }) => fetchInspectionStats(year, signal),
    placeholderData: keepPreviousData,
  });
  if (!data) return null;
  const flagged = data.byDepartment.filter((d) => d.flagged);
  return (
    <section aria-labelledby="inspection-section" style={{ marginTop: 16 }} data-section="inspections">
      <h2 id="inspection-section" className="section-title">
        {t('insp.dashboardSection')}{' '}
        <a href={`/api/inspection-stats/export?year=${year}`} download>
          {t('insp.exportXlsx')}
        </a>
      </h2>
      <Row gutter={[12, 12]}>
        {(
          [
            ['insp.kpi.inspections', data.inspections],
            ['insp.kpi.enterprises', data.enterprisesInspected],
            ['insp.kpi.hazards', data.hazardsFound],
            ['insp.kpi.penalties', data.penalties],
            ['insp.kpi.fines', data.fineTotal],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={4}>
            <Card size="small">
              <Statistic title={t(key)} value={value} />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={4}>
          <Card size="small">
            <Statistic
              title={t('insp.kpi.zeroRatio')}
              value={Math.round(data.zeroPenaltyRatio * 1000) / 10}
              suffix="%"
            />
          </Card>
        </Col>
      </Row>
      {flagged.length > 0 && (
        <p style={{ marginTop: 8 }}>
          {t('insp.flagged')}{' '}
          {flagged.map((d) => (
            <Tag key={String(d.departmentId)} color="orange">
              {d.departmentName}
            </Tag>
          ))}
        </p>
      )}
    </section>
  );
}
