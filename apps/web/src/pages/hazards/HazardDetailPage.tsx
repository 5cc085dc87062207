import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Image, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import {
  decideHazardExtension,
  fetchHazard,
  type HazardResponse,
  hazardFileUrl,
  hazardSteps,
  uploadHazardFiles,
} from '../../api/hazards.ts';
import { queryKeys } from '../../api/query.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { registryQuery } from '../../components/use-department-registry.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { StepFormModal, type StepFormSpec, today } from './HazardStepForms.tsx';
import { channelLabel, eventLabel, levelLabel, STATUS_COLOR, statusLabel } from './hazard-labels.ts';

/** 隐患详情: the record, before/after photos, the 五落实, 挂牌督办, acceptances and the timeline; the next steps. */
export default function HazardDetailPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const user = useUser();
  const toast = useToast();
  const office = isOfficeRole(user.role);
  const query = useQuery({
    queryKey: queryKeys.hazard(id),
    queryFn: ({ signal }) => fetchHazard(id, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  // The department registry, for the office's 挂牌督办 form only.
  const depts = useQuery({ ...registryQuery, enabled: office });
  const [spec, setSpec] = useState<StepFormSpec | null>(null);
  const [busy, setBusy] = useState(false);

  if (!data)
    return query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : <PageSpinner />;
  const h: HazardResponse = data;
  // The step functions mark 'hazards' stale: this page, the register and the statistics refetch by themselves.
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      toast.success(t('hz.done'));
    } catch (error) {
      toast.error(errorText(error, t));
      throw error;
    } finally {
      setBusy(false);
    }
  };
  const note = { name: 'note', label: t('hz.note'), kind: 'area' as const, required: false };
  const open = h.status !== 'closed';
  const can = (a: string) => h.availableActions.includes(a);
  const writer = user.role !== 'leader';

  const upload = (kind: string) => (
    <label className="ant-btn ant-btn-default" style={{ cursor: 'pointer' }}>
      {kind === 'before' ? t('hz.uploadBefore') : kind === 'after' ? t('hz.uploadAfter') : t('hz.uploadEvidence')}
      <input
        type="file"
        accept={kind === 'evidence' ? undefined : 'image/*'}
        capture={kind === 'evidence' ? undefined : 'environment'}
        multiple
        hidden
        aria-label={kind}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length) void run(() => uploadHazardFiles(h.id, kind, files)).catch(() => {});
        }}
      />
    </label>
  );

  const forms: Record<string, () => StepFormSpec> = {
    plan: () => ({
      title: `${t('hz.report')} · ${t('hz.five')}`,
      fields: [
        {
          name: 'currentState',
          label: t('hz.currentState'),
          kind: 'area',
          initial: h.report.currentState ?? undefined,
        },
        { name: 'severity', label: t('hz.severity'), kind: 'area', initial: h.report.severity ?? undefined },
        { name: 'plan', label: t('hz.plan'), kind: 'area', initial: h.report.plan ?? undefined },
        { name: 'responsible', label: t('hz.responsible'), initial: h.fiveImplementations.responsible ?? undefined },
        {
          name: 'measures',
          label: t('hz.measures'),
          kind: 'area',
          initial: h.fiveImplementations.measures ?? undefined,
        },
        {
          name: 'fundsYuan',
          label: t('hz.funds'),
          kind: 'number',
          initial: h.fiveImplementations.fundsYuan ?? undefined,
        },
        {
          name: 'deadline',
          label: t('hz.deadline'),
          kind: 'date',
          initial: h.fiveImplementations.deadline ?? undefined,
        },
        {
          name: 'contingency',
          label: t('hz.contingency'),
          kind: 'area',
          initial: h.fiveImplementations.contingency ?? undefined,
        },
      ],
      submit: (v) => run(() => hazardSteps.plan(h.id, { ...(v as object), version: h.version } as never)),
    }),
    evaluation: () => ({
      title: t('hz.evaluation'),
      fields: [
        {
          name: 'kind',
          label: t('hz.evalKind'),
          kind: 'radio',
          initial: 'self',
          options: [
            { value: 'self', label: t('hz.evalSelf') },
            { value: 'third_party', label: t('hz.evalThird') },
          ],
        },
        { name: 'organisation', label: t('hz.evalOrg') },
        { name: 'summary', label: t('hz.evalSummary'), kind: 'area' },
        { name: 'evaluatedOn', label: t('hz.evalOn'), kind: 'date', initial: today() },
      ],
      submit: (v) => run(() => hazardSteps.evaluation(h.id, { ...(v as object), version: h.version } as never)),
    }),
    acceptance: () => ({
      title: t('hz.acceptances'),
      fields: [
        {
          name: 'result',
          label: t('hz.acceptances'),
          kind: 'radio',
          initial: 'pass',
          options: [
            { value: 'pass', label: t('hz.pass') },
            { value: 'fail', label: t('hz.fail') },
          ],
        },
        { name: 'acceptedOn', label: t('hz.acceptedOn'), kind: 'date', initial: today() },
        { name: 'acceptors', label: t('hz.acceptors') },
        { name: 'experts', label: t('hz.experts'), required: false },
        { name: 'reason', label: t('hz.reason'), kind: 'area', required: false },
      ],
      submit: (v) =>
        run(() =>
          hazardSteps.acceptance(h.id, {
            version: h.version,
            result: v.result as 'pass' | 'fail',
            acceptedOn: String(v.acceptedOn),
            acceptors: String(v.acceptors),
            experts: String(v.experts ?? '')
              .split(/[,，、]/)
              .map((s) => s.trim())
              .filter(Boolean),
            reason: String(v.reason ?? ''),
          }),
        ),
    }),
    listing: () => ({
      title: t('hz.listing'),
      fields: [
        {
          name: 'listingLevel',
          label: t('hz.listingLevel'),
          kind: 'select',
          initial: 'zone',
          options: [
            { value: 'province', label: t('hz.listingLevel.province') },
            { value: 'city', label: t('hz.listingLevel.city') },
            { value: 'county', label: t('hz.listingLevel.county') },
            { value: 'zone', label: t('hz.listingLevel.zone') },
          ],
        },
        { name: 'listingUnit', label: t('hz.listingUnit'), initial: '开发区安委会' },
        {
          name: 'supervisingDepartmentId',
          label: t('hz.supervisingDept'),
          kind: 'select',
          options: (depts.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name })),
        },
        { name: 'listedOn', label: t('hz.listedOn'), kind: 'date', initial: today() },
        { name: 'batchNo', label: t('hz.batch') },
        { name: 'timeLimit', label: t('hz.timeLimit'), kind: 'date' },
        { name: 'requirements', label: t('hz.note'), kind: 'area', required: false },
      ],
      submit: (v) => run(() => hazardSteps.listing(h.id, { ...(v as object), version: h.version } as never)),
    }),
    fix: () => ({
      title: t('hz.btn.fixOnSpot'),
      fields: [
        { ...note, required: true },
        { name: 'fixedOn', label: t('hz.fixedOn'), kind: 'date', initial: today() },
      ],
      submit: (v) => run(() => hazardSteps.fixOnSpot(h.id, { ...(v as object), version: h.version } as never)),
    }),
    extension: () => ({
      title: t('hz.extension'),
      fields: [
        { name: 'requestedLimit', label: t('hz.newLimit'), kind: 'date' },
        { name: 'reason', label: t('hz.reason'), kind: 'area' },
      ],
      submit: (v) => run(() => hazardSteps.extension(h.id, { ...(v as object), version: h.version } as never)),
    }),
    explanation: () => ({
      title: t('hz.explanation'),
      fields: [{ name: 'text', label: t('hz.explanation'), kind: 'area' }],
      submit: (v) => run(() => hazardSteps.explanation(h.id, { text: String(v.text) })),
    }),
  };
  const simple = (fn: (id: number, json: object) => Promise<unknown>) => () =>
    void run(() => fn(h.id, { version: h.version, note: '' })).catch(() => {});

  const photos = (kind: 'before' | 'after') => {
    const list = h.files.filter((f) => f.kind === kind);
    return list.length ? (
      <Image.PreviewGroup>
        <Space wrap>
          {list.map((f) => (
            <Image
              key={f.id}
              width={160}
              height={120}
              style={{ objectFit: 'cover' }}
              src={hazardFileUrl(h.id, f.id)}
              alt={f.fileName}
            />
          ))}
        </Space>
      </Image.PreviewGroup>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="—" />
    );
  };

  return (
    <div>
      <PageTitle title={`${h.enterpriseName} · ${h.place}`} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLOR[h.status]}>{statusLabel(h.status, lang)}</Tag>
        <Tag color={h.level === 'major' ? 'red' : 'default'}>{levelLabel(h.level, lang)}</Tag>
        <Tag>{channelLabel(h.channel, lang)}</Tag>
        {h.listing ? <Tag color="volcano">{h.listing.noticeNo}</Tag> : null}
        {h.overdue ? <Tag color="error">{t('hz.overdue')}</Tag> : null}
        {h.demo ? <Tag>{t('hz.demo')}</Tag> : null}
      </Space>
      {h.overdue ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('hz.overdue')}：${t('hz.timeLimit')} ${h.timeLimit}`}
        />
      ) : null}

      {writer && open ? (
        <Card title={t('hz.actions')} size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            {can('confirm') ? (
              <Button type="primary" loading={busy} onClick={simple(hazardSteps.confirm as never)}>
                {t('hz.btn.confirm')}
              </Button>
            ) : null}
            {h.level === 'major' && ['reported', 'confirmed', 'rectifying'].includes(h.status) ? (
              <Button onClick={() => setSpec(forms.plan!())}>
                {t('hz.report')} · {t('hz.five')}
              </Button>
            ) : null}
            {can('start_rectification') ? (
              <Button type="primary" loading={busy} onClick={simple(hazardSteps.startRectification)}>
                {t('hz.btn.start')}
              </Button>
            ) : null}
            {h.status === 'rectifying' ? (
              <Button onClick={() => setSpec(forms.evaluation!())}>{t('hz.evaluation')}</Button>
            ) : null}
            {can('request_acceptance') ? (
              <Button type="primary" loading={busy} onClick={simple(hazardSteps.requestAcceptance)}>
                {t('hz.btn.requestAcceptance')}
              </Button>
            ) : null}
            {can('accept_pass') ? (
              <Button type="primary" onClick={() => setSpec(forms.acceptance!())}>
                {t('hz.btn.acceptance')}
              </Button>
            ) : null}
            {can('close') ? (
              <Button type="primary" danger loading={busy} onClick={simple(hazardSteps.close)}>
                {t('hz.btn.close')}
              </Button>
            ) : null}
            {can('fix_on_spot') ? <Button onClick={() => setSpec(forms.fix!())}>{t('hz.btn.fixOnSpot')}</Button> : null}
            {office && h.level === 'major' && !h.listing && h.status !== 'accepted' ? (
              <Button onClick={() => setSpec(forms.listing!())}>{t('hz.listing')}</Button>
            ) : null}
            {h.timeLimit && h.status !== 'accepted' ? (
              <Button onClick={() => setSpec(forms.extension!())}>{t('hz.extension')}</Button>
            ) : null}
            {h.overdue ? <Button onClick={() => setSpec(forms.explanation!())}>{t('hz.explanation')}</Button> : null}
            {upload('before')}
            {upload('after')}
            {upload('evidence')}
          </Space>
        </Card>
      ) : null}

      <div className="hazard-grid">
        <Card title={t('hz.description')} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('hz.enterprise')}>{h.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('hz.place')}>{h.place}</Descriptions.Item>
            <Descriptions.Item label={t('hz.description')}>{h.description}</Descriptions.Item>
            <Descriptions.Item label={t('hz.foundOn')}>{h.foundOn}</Descriptions.Item>
            <Descriptions.Item label={t('hz.foundBy')}>{h.foundBy}</Descriptions.Item>
            <Descriptions.Item label={t('hz.timeLimit')}>{h.timeLimit ?? '—'}</Descriptions.Item>
            {h.basis ? (
              <Descriptions.Item label={t('hz.basis')}>
                {h.basis.standard
                  ? `《${h.basis.standard}》（${h.basis.number}）${h.basis.article}${h.basis.item}：`
                  : ''}
                {h.basis.text}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Card title={`${t('hz.before')} / ${t('hz.after')}`} size="small">
          <div className="muted">{t('hz.before')}</div>
          {photos('before')}
          <div className="muted" style={{ marginTop: 8 }}>
            {t('hz.after')}
          </div>
          {photos('after')}
        </Card>
        {h.level === 'major' ? (
          <Card title={`${t('hz.report')} · ${t('hz.five')}`} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('hz.currentState')}>{h.report.currentState ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('hz.severity')}>{h.report.severity ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('hz.plan')}>{h.report.plan ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('hz.responsible')}>
                {h.fiveImplementations.responsible ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('hz.measures')}>{h.fiveImplementations.measures ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('hz.funds')}>
                {h.fiveImplementations.fundsYuan === null
                  ? '—'
                  : h.fiveImplementations.fundsYuan.toLocaleString('zh-CN')}
              </Descriptions.Item>
              <Descriptions.Item label={t('hz.deadline')}>{h.fiveImplementations.deadline ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('hz.contingency')}>
                {h.fiveImplementations.contingency ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        ) : null}
        {h.listing ? (
          <Card title={t('hz.listing')} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('hz.noticeNo')}>
                {h.listing.noticeNo}（<a href={`/api/hazards/${h.id}/notice?format=docx`}>Word</a> ·{' '}
                <a href={`/api/hazards/${h.id}/notice?format=pdf`}>PDF</a>）
              </Descriptions.Item>
              <Descriptions.Item label={t('hz.listingUnit')}>{h.listing.listingUnit}</Descriptions.Item>
              <Descriptions.Item label={t('hz.supervisingDept')}>{h.listing.supervisingDepartment}</Descriptions.Item>
              <Descriptions.Item label={t('hz.listedOn')}>{h.listing.listedOn}</Descriptions.Item>
              <Descriptions.Item label={t('hz.batch')}>{h.listing.batchNo}</Descriptions.Item>
              <Descriptions.Item label={t('hz.timeLimit')}>{h.listing.timeLimit}</Descriptions.Item>
            </Descriptions>
          </Card>
        ) : null}
        {h.extensions.length ? (
          <Card title={t('hz.extension')} size="small">
            {h.extensions.map((e) => (
              <div key={e.id} style={{ marginBottom: 8 }}>
                {e.currentLimit} → {e.requestedLimit}：{e.reason} <Tag>{e.status}</Tag>
                {office && e.status === 'pending' ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        void run(() =>
                          decideHazardExtension(h.id, e.id, { version: e.version, approve: true, note: '' }),
                        ).catch(() => {})
                      }
                    >
                      {t('hz.approve')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() =>
                        void run(() =>
                          decideHazardExtension(h.id, e.id, { version: e.version, approve: false, note: '' }),
                        ).catch(() => {})
                      }
                    >
                      {t('hz.reject')}
                    </Button>
                  </Space>
                ) : null}
              </div>
            ))}
          </Card>
        ) : null}
        <Card title={t('hz.acceptances')} size="small">
          {h.evaluation ? (
            <p>
              {t('hz.evaluation')}：{h.evaluation.kind === 'self' ? t('hz.evalSelf') : t('hz.evalThird')}（
              {h.evaluation.organisation}，{h.evaluation.evaluatedOn}）{h.evaluation.summary}
            </p>
          ) : null}
          {h.acceptances.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="—" /> : null}
          {h.acceptances.map((a) => (
            <p key={a.id}>
              <Tag color={a.result === 'pass' ? 'green' : 'red'}>
                {a.result === 'pass' ? t('hz.pass') : t('hz.fail')}
              </Tag>
              {a.acceptedOn} {a.acceptors}
              {a.experts.length ? `（${a.experts.join('、')}）` : ''}
              {a.reason ? `：${a.reason}` : ''}
            </p>
          ))}
        </Card>
        <Card title={t('hz.timeline')} size="small">
          <Timeline
            items={h.timeline.map((e) => ({
              color:
                e.kind === 'accept_fail' ? 'red' : e.kind === 'close' || e.kind === 'fix_on_spot' ? 'green' : 'blue',
              content: (
                <div>
                  <strong>{eventLabel(e.kind, lang)}</strong>
                  <span className="muted">
                    {' '}
                    {e.at.slice(0, 10)} · {e.actorName}
                  </span>
                  {e.text ? <div>{e.text}</div> : null}
                </div>
              ),
            }))}
          />
        </Card>
      </div>
      <StepFormModal spec={spec} onClose={() => setSpec(null)} />
    </div>
  );
}
