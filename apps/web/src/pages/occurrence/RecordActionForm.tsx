import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { Alert, Button, Input, Select } from 'antd';
import { useId, useState } from 'react';
import type { SupervisionAction, SupervisionKind } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { recordAction, SUPERVISION_KINDS } from '../../api/supervision.ts';
import { KIND_LABEL, nextKind } from '../../components/supervision-kind.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';

interface Props {
  occurrenceId: number;
  taken: readonly SupervisionKind[];
  onRecorded: (action: SupervisionAction) => void;
  onCancel?: () => void;
}

/** The office records one step of the ladder (提醒 → 催办通知 → 督办单 → 约谈 → 通报批评) on an occurrence. */
export function RecordActionForm({ occurrenceId, taken, onRecorded, onCancel }: Props) {
  const t = useT();
  const message = useToast();
  const id = useId();
  const [kind, setKind] = useState<SupervisionKind>(() => nextKind(taken));
  const [note, setNote] = useState('');
  const [replyBy, setReplyBy] = useState(() => addDays(todayInShanghai(), 7));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!note.trim()) {
      setError(t('sup.noteRequired'));
      return;
    }
    if (kind === 'notice' && !replyBy) {
      setError(t('sup.replyByRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const action = await recordAction(occurrenceId, {
        kind,
        note: note.trim(),
        ...(kind === 'notice' ? { replyBy } : {}),
      });
      message.success(t('sup.recorded', { kind: t(KIND_LABEL[kind]) }));
      setNote('');
      onRecorded(action);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="record-action">
      <div className="form-grid">
        <div className="form-field">
          <label htmlFor={`${id}-kind`} className="form-label">
            {t('sup.kind')}
          </label>
          <Select<SupervisionKind>
            id={`${id}-kind`}
            value={kind}
            onChange={setKind}
            style={{ width: '100%' }}
            options={SUPERVISION_KINDS.map((k, i) => ({ value: k, label: `${i + 1}. ${t(KIND_LABEL[k])}` }))}
          />
        </div>
        {kind === 'notice' ? (
          <div className="form-field">
            <label htmlFor={`${id}-reply-by`} className="form-label required">
              {t('sup.replyBy')}
            </label>
            <Input
              id={`${id}-reply-by`}
              type="date"
              value={replyBy}
              min={todayInShanghai()}
              onChange={(e) => setReplyBy(e.target.value)}
            />
          </div>
        ) : null}
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-note`} className="form-label required">
          {t('sup.note')}
        </label>
        <Input.TextArea
          id={`${id}-note`}
          rows={3}
          maxLength={4000}
          value={note}
          placeholder={t(`sup.notePlaceholder.${kind}`)}
          onChange={(e) => {
            setNote(e.target.value);
            setError(null);
          }}
        />
      </div>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} /> : null}
      <div className="button-row">
        <Button type="primary" loading={busy} onClick={() => void submit()}>
          {t('sup.record')}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </div>
    </div>
  );
}
