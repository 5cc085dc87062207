import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { Alert, Button, Input, Tag } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Extension, ExtensionStatus } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { decideExtension, requestExtension } from '../../api/supervision.ts';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

export const EXTENSION_STATUS_LABEL: Record<ExtensionStatus, MessageKey> = {
  pending: 'ext.status.pending',
  approved: 'ext.status.approved',
  refused: 'ext.status.refused',
};
const EXTENSION_COLOR: Record<ExtensionStatus, string> = {
  pending: 'processing',
  approved: 'success',
  refused: 'error',
};

export function ExtensionStatusTag({ status }: { status: ExtensionStatus }) {
  const t = useT();
  return (
    <Tag color={EXTENSION_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(EXTENSION_STATUS_LABEL[status])}
    </Tag>
  );
}

/** 原定 → 申请延至 dates, the reason and the decision. */
export function ExtensionFacts({ extension }: { extension: Extension }) {
  const t = useT();
  return (
    <>
      <div className="timeline-head">
        <ExtensionStatusTag status={extension.status} />
        <span className="text-small">
          {t('ext.dates', { from: extension.originalDue, to: extension.requestedDue })}
        </span>
        <span className="text-secondary text-small">
          {t('ext.requestedAt', { at: formatTime(extension.createdAt) })}
        </span>
      </div>
      <p className="pre-wrap" style={{ margin: '4px 0' }}>
        <span className="text-secondary">{t('ext.reason')}：</span>
        {extension.reason}
      </p>
      {extension.decidedAt ? (
        <p className="text-secondary text-small" style={{ margin: 0 }}>
          {t('ext.decidedAt', { at: formatTime(extension.decidedAt) })}
          {extension.decisionNote ? `：${extension.decisionNote}` : ''}
        </p>
      ) : null}
    </>
  );
}

/** The office decides a pending request: 批准 or 驳回, with an optional note. */
export function DecideExtension({
  extension,
  onDone,
  subject,
}: {
  extension: Extension;
  onDone: () => void;
  subject: string;
}) {
  const t = useT();
  const message = useToast();
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'refuse' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decide = async (approve: boolean) => {
    setBusy(approve ? 'approve' : 'refuse');
    setError(null);
    try {
      await decideExtension(extension.id, {
        approve,
        version: extension.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(approve ? t('ext.approved', { date: extension.requestedDue }) : t('ext.refused'));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t('review.stale'));
        onDone();
        return;
      }
      setError(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="decide-extension">
      <label htmlFor={id} className="form-label">
        {t('ext.note')}
      </label>
      <Input.TextArea
        id={id}
        rows={2}
        maxLength={4000}
        value={note}
        placeholder={t('ext.notePlaceholder')}
        onChange={(e) => setNote(e.target.value)}
      />
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} /> : null}
      <div className="button-row" style={{ marginTop: 8 }}>
        <Button
          type="primary"
          loading={busy === 'approve'}
          disabled={busy !== null}
          onClick={() => void decide(true)}
          aria-label={`${t('ext.approve')}：${subject}`}
        >
          {t('ext.approve')}
        </Button>
        <Button
          danger
          loading={busy === 'refuse'}
          disabled={busy !== null}
          onClick={() => void decide(false)}
          aria-label={`${t('ext.refuse')}：${subject}`}
        >
          {t('ext.refuse')}
        </Button>
      </div>
    </div>
  );
}

/** The department asks for more time, before the due date, with a reason and the new date. */
export function RequestExtensionForm({
  occurrenceId,
  dueDate,
  onDone,
}: {
  occurrenceId: number;
  dueDate: string;
  onDone: () => void;
}) {
  const t = useT();
  const message = useToast();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [requestedDue, setRequestedDue] = useState(() => addDays(dueDate, 30));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <Button onClick={() => setOpen(true)} aria-expanded={false}>
        {t('ext.request')}
      </Button>
    );
  const send = async () => {
    if (!reason.trim()) {
      setError(t('ext.reasonRequired'));
      return;
    }
    if (!requestedDue || requestedDue <= dueDate) {
      setError(t('ext.dateAfterDue', { date: dueDate }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await requestExtension(occurrenceId, { reason: reason.trim(), requestedDue });
      message.success(t('ext.requested'));
      setOpen(false);
      onDone();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="request-extension">
      <div className="form-field">
        <label htmlFor={`${id}-date`} className="form-label required">
          {t('ext.requestedDue')}
        </label>
        <Input
          id={`${id}-date`}
          type="date"
          style={{ maxWidth: 200 }}
          value={requestedDue}
          min={addDays(dueDate, 1)}
          onChange={(e) => setRequestedDue(e.target.value)}
        />
        <span className="text-secondary text-small">
          {t('ext.currentDue', { date: dueDate, today: todayInShanghai() })}
        </span>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-reason`} className="form-label required">
          {t('ext.reason')}
        </label>
        <Input.TextArea
          id={`${id}-reason`}
          rows={3}
          maxLength={4000}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
      </div>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} /> : null}
      <div className="button-row">
        <Button type="primary" loading={busy} onClick={() => void send()}>
          {t('ext.send')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </div>
    </div>
  );
}
