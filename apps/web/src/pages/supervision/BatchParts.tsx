import { DownloadOutlined } from '@ant-design/icons';
import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Modal, Tag } from 'antd';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import { type Batch, batchDocumentUrl, fetchBatches, issueBatches } from '../../api/supervision-batches.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { periodLabel } from '../../components/period.ts';
import { formatTime } from '../../components/time.ts';
import { useT } from '../../i18n/i18n.tsx';

/** The two printable files of one notice. */
export function BatchDownloads({ batch }: { batch: Batch }) {
  const t = useT();
  return (
    <span className="button-row" style={{ display: 'inline-flex', gap: 6 }}>
      <Button size="small" icon={<DownloadOutlined />} href={batchDocumentUrl(batch.id, 'docx')} download>
        {t('batch.docx')}
      </Button>
      <Button size="small" icon={<DownloadOutlined />} href={batchDocumentUrl(batch.id, 'pdf')} download>
        PDF
      </Button>
    </span>
  );
}

/** The sticky bar over the overdue list: how many are selected, and the two batch actions. */
export function BatchBar({
  selected,
  departments,
  onIssued,
  onClear,
}: {
  selected: number[];
  departments: number;
  onIssued: (batches: Batch[]) => void;
  onClear: () => void;
}) {
  const t = useT();
  const [kind, setKind] = useState<'urge' | 'notice' | null>(null);
  const [note, setNote] = useState('');
  const [replyBy, setReplyBy] = useState(addDays(todayInShanghai(), 5));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const replyId = useId();
  const submit = async () => {
    if (!kind) return;
    if (note.trim() === '') {
      setError(t('sup.noteRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await issueBatches({
        kind,
        occurrenceIds: selected,
        note: note.trim(),
        ...(kind === 'notice' ? { replyBy } : {}),
      });
      setKind(null);
      setNote('');
      onIssued(r.batches);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <section className="batch-bar card" aria-label={t('batch.bar')}>
        <span aria-live="polite">{t('batch.selected', { n: selected.length, d: departments })}</span>
        <Button disabled={selected.length === 0} onClick={() => setKind('urge')}>
          {t('batch.urge')}
        </Button>
        <Button type="primary" danger disabled={selected.length === 0} onClick={() => setKind('notice')}>
          {t('batch.notice')}
        </Button>
        {selected.length > 0 ? (
          <Button type="link" onClick={onClear}>
            {t('batch.clear')}
          </Button>
        ) : null}
      </section>
      <Modal
        open={kind !== null}
        title={kind === 'notice' ? t('batch.noticeTitle') : t('batch.urgeTitle')}
        onCancel={() => setKind(null)}
        onOk={() => void submit()}
        okText={t('batch.issue', { d: departments })}
        confirmLoading={busy}
      >
        <p className="text-secondary">{t('batch.explain', { n: selected.length, d: departments })}</p>
        <label htmlFor={noteId}>{t('sup.note')}</label>
        <Input.TextArea
          id={noteId}
          rows={4}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t(kind === 'notice' ? 'sup.notePlaceholder.notice' : 'sup.notePlaceholder.urge')}
        />
        {kind === 'notice' ? (
          <div style={{ marginTop: 8 }}>
            <label htmlFor={replyId}>{t('sup.replyBy')}</label>
            <Input id={replyId} type="date" value={replyBy} onChange={(e) => setReplyBy(e.target.value)} />
          </div>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
      </Modal>
    </>
  );
}

/** What was just issued: one line per department with its 文号 and the files. */
export function IssuedBatches({ batches, onClose }: { batches: Batch[]; onClose: () => void }) {
  const t = useT();
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      title={t('batch.issued', { n: batches.length })}
      description={
        <ul className="batch-issued">
          {batches.map((b) => (
            <li key={b.id}>
              <strong>{b.docNo}</strong> · {b.department.name} · {t('batch.items', { n: b.items.length })}{' '}
              <BatchDownloads batch={b} />
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/** 督办通知: every batch with its 文号, the department, and each item's reply. */
export function BatchList() {
  const t = useT();
  const batches = useQuery({ queryKey: queryKeys.supervisionBatches(), queryFn: ({ signal }) => fetchBatches(signal) });
  const { data } = batches;
  if (batches.isError) return <ErrorResult error={batches.error} onRetry={() => void batches.refetch()} />;
  if (!data) return <PageSpinner />;
  if (data.batches.length === 0) return <Empty description={t('batch.none')} />;
  return (
    <ul className="inbox-list" aria-label={t('sup.view.batches')}>
      {data.batches.map((b) => (
        <li key={b.id}>
          <article className="card batch-card" data-batch-id={b.id}>
            <div className="timeline-head">
              <Tag color={b.kind === 'notice' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {t(b.kind === 'notice' ? 'batch.kind.notice' : 'batch.kind.urge')}
              </Tag>
              <strong>{b.docNo}</strong>
              <span>{b.department.name}</span>
              <span className="text-secondary text-small">{formatTime(b.createdAt)}</span>
              {b.replyBy ? <span className="text-small">{t('sup.replyByDate', { date: b.replyBy })}</span> : null}
              <Tag color={b.replied === b.items.length ? 'success' : 'warning'}>
                {t('batch.replied', { r: b.replied, n: b.items.length })}
              </Tag>
              <BatchDownloads batch={b} />
            </div>
            <ol className="batch-items">
              {b.items.map((i) => (
                <li key={i.actionId}>
                  <Link to={`/occurrences/${i.occurrenceId}`}>
                    {t('batch.itemNo', { no: i.taskNo })} {periodLabel(i.periodKey, t)}
                  </Link>{' '}
                  <span className="clamp-1 text-secondary">{i.taskText}</span>{' '}
                  {b.kind === 'notice' ? (
                    i.reply ? (
                      <span className="text-small">
                        <Tag color="success">{t('sup.replied')}</Tag>
                        {i.reply.text}
                      </span>
                    ) : (
                      <Tag color="warning">{t('sup.awaitingReply')}</Tag>
                    )
                  ) : null}
                </li>
              ))}
            </ol>
          </article>
        </li>
      ))}
    </ul>
  );
}
