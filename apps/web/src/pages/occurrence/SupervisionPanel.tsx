import { Button, Input, Tag } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { SupervisionAction } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { replyToNotice } from '../../api/supervision.ts';
import { KIND_COLOR, KIND_LABEL } from '../../components/supervision-kind.ts';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** One 督办 record: the step, when, the note; for a 督办单 the reply deadline and the department's reply. */
export function ActionItem({
  action,
  canReply,
  onChanged,
}: {
  action: SupervisionAction;
  canReply: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  return (
    <li className="timeline-item" data-action-id={action.id}>
      <div className="timeline-head">
        <Tag color={KIND_COLOR[action.kind]} style={{ marginInlineEnd: 0 }}>
          {t(KIND_LABEL[action.kind])}
        </Tag>
        <span className="text-secondary text-small">{formatTime(action.createdAt)}</span>
        {action.kind === 'notice' && action.replyBy ? (
          <span className="text-small">{t('sup.replyByDate', { date: action.replyBy })}</span>
        ) : null}
        {action.kind === 'notice' ? (
          action.reply ? (
            <Tag color="success">{t('sup.replied')}</Tag>
          ) : (
            <Tag color="warning">{t('sup.awaitingReply')}</Tag>
          )
        ) : null}
      </div>
      <p className="pre-wrap" style={{ margin: '4px 0' }}>
        {action.note}
      </p>
      {action.reply ? (
        <div className="reply-box">
          <strong>{t('sup.reply', { at: formatTime(action.reply.at) })}</strong>
          <p className="pre-wrap" style={{ margin: 0 }}>
            {action.reply.text}
          </p>
        </div>
      ) : null}
      {canReply && action.kind === 'notice' && !action.reply ? <ReplyForm action={action} onDone={onChanged} /> : null}
    </li>
  );
}

function ReplyForm({ action, onDone }: { action: SupervisionAction; onDone: () => void }) {
  const t = useT();
  const message = useToast();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!text.trim()) {
      setError(t('sup.replyRequired'));
      return;
    }
    setBusy(true);
    try {
      await replyToNotice(action.id, text.trim(), action.version);
      message.success(t('sup.replySent'));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onDone();
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="reply-form">
      <label htmlFor={id} className="form-label required">
        {t('sup.replyLabel')}
      </label>
      <Input.TextArea
        id={id}
        rows={3}
        maxLength={8000}
        value={text}
        status={error ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      <Button type="primary" loading={busy} onClick={() => void send()} style={{ marginTop: 8 }}>
        {t('sup.sendReply')}
      </Button>
    </div>
  );
}
