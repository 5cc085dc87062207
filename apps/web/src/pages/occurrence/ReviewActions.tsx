import { useMutation } from '@tanstack/react-query';
import { Button, Input } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { ReportResponse } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { acceptReport, returnReport } from '../../api/progress.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';

interface Props {
  report: Pick<ReportResponse, 'id' | 'version'>;
  /** Called with the reviewed report; `stale` when someone else changed it first (the caller reloads). */
  onDone: (result: { report?: ReportResponse; stale?: boolean }) => void;
  size?: 'small' | 'middle';
  /** Words for screen readers: which report the buttons act on. */
  subject: string;
}

/** The office's review: 通过 in one click; 退回 opens a reason box, 确认退回 sends it (two clicks). */
export function ReviewActions({ report, onDone, size = 'middle', subject }: Props) {
  const t = useT();
  const message = useToast();
  const reasonId = useId();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      message.warning(t('review.stale'));
      onDone({ stale: true });
    } else message.error(errorText(error, t));
  };

  // The api functions invalidate what a review changes (occurrences, reports, task table, dashboard).
  const acceptMutation = useMutation({
    mutationFn: () => acceptReport(report.id, report.version),
    onSuccess: (updated) => {
      message.success(t('review.accepted'));
      onDone({ report: updated });
    },
    onError: fail,
  });
  const returnMutation = useMutation({
    mutationFn: (why: string) => returnReport(report.id, report.version, why),
    onSuccess: (updated) => {
      message.success(t('review.returned'));
      setReturning(false);
      setReason('');
      onDone({ report: updated });
    },
    onError: fail,
  });
  const busy = acceptMutation.isPending ? 'accept' : returnMutation.isPending ? 'return' : null;

  const sendReturn = () => {
    if (!reason.trim()) {
      setReasonError(t('review.reasonRequired'));
      return;
    }
    returnMutation.mutate(reason.trim());
  };

  if (returning)
    return (
      <div className="review-return">
        <label htmlFor={reasonId} className="form-label">
          {t('review.reason')}
        </label>
        <Input.TextArea
          id={reasonId}
          autoFocus
          rows={3}
          maxLength={2000}
          value={reason}
          status={reasonError ? 'error' : undefined}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
          placeholder={t('review.reasonPlaceholder')}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonError(null);
          }}
        />
        {reasonError ? (
          <div id={`${reasonId}-error`} className="form-error" role="alert">
            {reasonError}
          </div>
        ) : null}
        <div className="button-row">
          <Button danger type="primary" size={size} loading={busy === 'return'} onClick={sendReturn}>
            {t('review.confirmReturn')}
          </Button>
          <Button size={size} onClick={() => setReturning(false)} disabled={busy !== null}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    );

  return (
    <div className="button-row">
      <Button
        type="primary"
        size={size}
        loading={busy === 'accept'}
        disabled={busy !== null}
        onClick={() => acceptMutation.mutate()}
        aria-label={`${t('review.accept')}：${subject}`}
      >
        {t('review.accept')}
      </Button>
      <Button
        danger
        size={size}
        disabled={busy !== null}
        onClick={() => setReturning(true)}
        aria-label={`${t('review.return')}：${subject}`}
      >
        {t('review.return')}
      </Button>
    </div>
  );
}
