import { todayInShanghai } from '@duban/shared/civil-date';
import { isEditable, submissionTarget } from '@duban/shared/progress/report-workflow';
import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { OccurrenceDetailResponse, ReportResponse } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import {
  createReport,
  EVIDENCE_MAX_BYTES,
  removeEvidence,
  submitReport,
  updateReport,
  uploadEvidence,
} from '../../api/progress.ts';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { EvidenceInput } from './EvidenceInput.tsx';
import { EvidenceList } from './EvidenceList.tsx';

interface Props {
  occurrence: OccurrenceDetailResponse;
  /** The occurrence's open report when it can still be edited (draft or returned), else null for a new one. */
  report: ReportResponse | null;
  onChanged: () => void;
}

/**
 * The department's report (工作进展): text, work date, evidence; 保存草稿 and 提交. A returned report is edited in
 * place and resubmitted. Evidence needs a saved report: choosing a file first saves the draft.
 */
export function ReportForm({ occurrence, report: initial, onChanged }: Props) {
  const t = useT();
  const message = useToast();
  const [report, setReport] = useState<ReportResponse | null>(initial);
  const [text, setText] = useState(initial?.text ?? '');
  // 工作日期: the earlier of today and the due date (work on a past period was done by its due date, typically).
  const [workDate, setWorkDate] = useState(initial?.workDate ?? earlierOf(todayInShanghai(), occurrence.dueDate));
  const [busy, setBusy] = useState<'save' | 'submit' | 'upload' | 'remove' | null>(null);
  const [errors, setErrors] = useState<{ text?: string; workDate?: string; form?: string }>({});

  const editable = report === null || isEditable(report.status);
  const dirty = report === null || report.text !== text.trim() || report.workDate !== workDate;

  const validate = (): boolean => {
    const next: typeof errors = {};
    if (!text.trim()) next.text = t('report.textRequired');
    if (!workDate) next.workDate = t('report.workDateRequired');
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  /** Creates or updates the draft; returns the saved report. */
  const save = async (): Promise<ReportResponse> => {
    if (report === null) {
      const created = await createReport({ occurrenceId: occurrence.id, text: text.trim(), workDate });
      setReport(created);
      return created;
    }
    if (!dirty) return report;
    const updated = await updateReport(report.id, { text: text.trim(), workDate, version: report.version });
    setReport(updated);
    return updated;
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      setErrors({ form: t('report.stale') });
      return;
    }
    setErrors({ form: errorText(error, t) });
  };

  const onSave = async () => {
    if (!validate()) return;
    setBusy('save');
    try {
      await save();
      message.success(t('report.saved'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async () => {
    if (!validate()) return;
    setBusy('submit');
    try {
      const saved = await save();
      await submitReport(saved.id, saved.version);
      message.success(saved.status === 'returned' ? t('report.resubmitted') : t('report.submitted'));
      onChanged();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const onFiles = async (files: File[]) => {
    const tooBig = files.filter((f) => f.size > EVIDENCE_MAX_BYTES);
    if (tooBig.length > 0) {
      setErrors({
        form: t('evidence.tooBig', {
          names: tooBig.map((f) => f.name).join('、'),
          mb: EVIDENCE_MAX_BYTES / 1024 / 1024,
        }),
      });
      return;
    }
    if (!text.trim()) {
      setErrors({ text: t('evidence.needText') });
      return;
    }
    if (!validate()) return;
    setBusy('upload');
    try {
      const saved = await save();
      const result = await uploadEvidence(saved.id, files);
      setReport({ ...saved, version: result.reportVersion, evidence: [...saved.evidence, ...result.evidence] });
      message.success(t('evidence.uploaded', { n: result.evidence.length }));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  /** Removes a file before submission; the report's version moves on (the server checks the one we saw). */
  const onRemove = async (id: number) => {
    if (!report) return;
    setBusy('remove');
    try {
      const result = await removeEvidence(id, report.version);
      setReport({ ...report, version: result.reportVersion, evidence: report.evidence.filter((e) => e.id !== id) });
      message.success(t('evidence.removed'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const target = report ? submissionTarget(report.status) : 'submitted';
  return (
    <section className="card report-form" aria-labelledby="report-form-title">
      <h2 id="report-form-title" className="section-title">
        {report?.status === 'returned' ? t('report.editReturned') : t('report.formTitle')}
      </h2>
      {report?.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="return-reason"
          title={t('report.returnedBy', {
            who: report.reviewedBy?.name ?? t('review.office'),
            at: formatTime(report.reviewedAt),
          })}
          description={<span className="pre-wrap">{report.returnReason}</span>}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <div className="form-field">
        <label htmlFor="report-text" className="form-label required">
          {t('report.text')}
        </label>
        <Input.TextArea
          id="report-text"
          rows={5}
          maxLength={20000}
          value={text}
          disabled={!editable}
          status={errors.text ? 'error' : undefined}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? 'report-text-error' : 'report-text-hint'}
          placeholder={t('report.textPlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            setErrors((prev) => ({ ...prev, text: undefined }));
          }}
        />
        {errors.text ? (
          <div id="report-text-error" className="form-error" role="alert">
            {errors.text}
          </div>
        ) : (
          <div id="report-text-hint" className="text-secondary text-small">
            {t('report.textHint')}
          </div>
        )}
      </div>
      <div className="form-field">
        <label htmlFor="report-work-date" className="form-label required">
          {t('report.workDate')}
        </label>
        <Input
          id="report-work-date"
          type="date"
          style={{ maxWidth: 200 }}
          value={workDate}
          max={todayInShanghai()}
          disabled={!editable}
          status={errors.workDate ? 'error' : undefined}
          onChange={(e) => {
            setWorkDate(e.target.value);
            setErrors((prev) => ({ ...prev, workDate: undefined }));
          }}
        />
        {errors.workDate ? (
          <div className="form-error" role="alert">
            {errors.workDate}
          </div>
        ) : null}
      </div>
      <div className="form-field">
        <span className="form-label" id="evidence-label">
          {t('evidence.title')}
        </span>
        {report && report.evidence.length > 0 ? (
          <EvidenceList
            evidence={report.evidence}
            onRemove={editable ? (e) => void onRemove(e.id) : undefined}
            removing={busy !== null}
          />
        ) : null}
        <EvidenceInput
          uploading={busy === 'upload'}
          disabled={!editable || busy !== null}
          onFiles={(f) => void onFiles(f)}
        />
        <div className="text-secondary text-small">{t('evidence.rules', { mb: EVIDENCE_MAX_BYTES / 1024 / 1024 })}</div>
      </div>
      {errors.form ? (
        <Alert type="error" showIcon role="alert" title={errors.form} style={{ marginBottom: 12 }} />
      ) : null}
      <div className="button-row">
        <Button type="primary" loading={busy === 'submit'} disabled={busy !== null} onClick={() => void onSubmit()}>
          {target === 'resubmitted' ? t('report.resubmit') : t('report.submit')}
        </Button>
        <Button loading={busy === 'save'} disabled={busy !== null} onClick={() => void onSave()}>
          {t('report.saveDraft')}
        </Button>
        {report ? (
          <span className="text-secondary text-small" aria-live="polite">
            {dirty ? t('report.unsaved') : t('report.savedAt', { at: formatTime(report.updatedAt) })}
          </span>
        ) : null}
      </div>
    </section>
  );
}

function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}
