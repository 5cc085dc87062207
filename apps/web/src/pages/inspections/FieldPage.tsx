import { todayInShanghai } from '@duban/shared/civil-date';
import type { ChecklistEntry, FieldDayResponse } from '@duban/shared/contracts/inspections';
import { Alert, Badge, Button, Card, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchFieldDay } from '../../api/inspections.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import {
  type Conflict,
  enqueue,
  conflicts as loadConflicts,
  loadDay,
  newKey,
  type OutboxItem,
  outbox,
  removeConflict,
  saveDay,
} from './field-store.ts';
import { syncOutbox } from './field-sync.ts';
import { registerFieldServiceWorker } from './register-field-sw.ts';

let counter = 0;
/** Increasing creation stamps, so the outbox keeps the order things were captured in (photos before their finding). */
const stamp = () => `${new Date().toISOString()}#${String(counter++).padStart(6, '0')}`;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const RESULT_OPTIONS = ['pending', 'ok', 'problem', 'na'] as const;

/**
 * 现场检查 on a phone: the day's assignments, their checklists and each enterprise's open hazards are cached on the
 * device; findings with photos and checklist edits made without network go to a local queue (IndexedDB) and are
 * sent when the network is back — without duplicates (client keys) and without overwriting anyone (conflicts shown).
 */
export default function FieldPage() {
  const { t } = useI18n();
  const [online, setOnline] = useState(navigator.onLine);
  const [day, setDay] = useState<FieldDayResponse | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [queue, setQueue] = useState<OutboxItem[]>([]);
  const [conflictList, setConflictList] = useState<Conflict[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);

  const refreshLocal = useCallback(async () => {
    setQueue(await outbox());
    setConflictList(await loadConflicts());
  }, []);

  const loadFromServer = useCallback(async () => {
    try {
      const fresh = await fetchFieldDay(todayInShanghai());
      await saveDay(fresh);
      setDay(fresh);
      setSavedAt(new Date().toISOString());
    } catch {
      const cached = await loadDay();
      if (cached) {
        setDay(cached.day);
        setSavedAt(cached.savedAt);
      }
    }
  }, []);

  const names = useMemo(() => new Map((day?.inspections ?? []).map((i) => [i.id, i.enterpriseName])), [day]);

  const sync = useCallback(async () => {
    if (syncing) return;
    setSyncing(true);
    try {
      const r = await syncOutbox(names);
      await refreshLocal();
      if (r.sent > 0 || r.conflicts > 0) setMessage(t('insp.synced', { sent: r.sent, conflicts: r.conflicts }));
      if (r.left === 0) await loadFromServer();
    } finally {
      setSyncing(false);
    }
  }, [names, refreshLocal, loadFromServer, syncing, t]);

  useEffect(() => {
    registerFieldServiceWorker();
  }, []);

  useEffect(() => {
    void (async () => {
      const cached = await loadDay();
      if (cached) {
        setDay(cached.day);
        setSavedAt(cached.savedAt);
      }
      await refreshLocal();
      if (navigator.onLine) await loadFromServer();
    })();
  }, [refreshLocal, loadFromServer]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [sync]);

  const inspection = day?.inspections.find((i) => i.id === selected) ?? null;
  const hazards = day?.openHazards.find((h) => h.enterpriseId === inspection?.enterpriseId)?.hazards ?? [];

  return (
    <div className="field-page" style={{ maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('insp.fieldTitle')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Badge status={online ? 'success' : 'error'} text={online ? t('insp.online') : t('insp.offline')} />
        <Tag data-testid="queue-count">{t('insp.queued', { n: queue.length })}</Tag>
        {savedAt && (
          <Typography.Text type="secondary">
            {t('insp.cachedAt', { at: savedAt.slice(0, 16).replace('T', ' ') })}
          </Typography.Text>
        )}
        <Button size="small" onClick={() => void sync()} disabled={!online || queue.length === 0} loading={syncing}>
          {t('insp.syncNow')}
        </Button>
      </Space>
      {message && (
        <Alert
          type="info"
          showIcon
          title={message}
          closable
          onClose={() => setMessage(null)}
          style={{ marginBottom: 12 }}
        />
      )}
      {conflictList.map((c) => (
        <Alert
          key={c.key}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="conflict"
          title={t('insp.conflictTitle', { name: c.enterpriseName })}
          description={
            <div>
              <div>
                {t('insp.conflictMine')}：{summarise(c.mine.checklist, c.mine.summary)}
              </div>
              <div>
                {t('insp.conflictTheirs', { v: c.theirs.version })}：{summarise(c.theirs.checklist, c.theirs.summary)}
              </div>
              <Space style={{ marginTop: 8 }} wrap>
                <Button
                  size="small"
                  onClick={async () => {
                    await enqueue({
                      key: newKey('checklist'),
                      kind: 'checklist',
                      inspectionId: c.inspectionId,
                      baseVersion: c.theirs.version,
                      checklist: c.mine.checklist,
                      summary: c.mine.summary,
                      createdAt: stamp(),
                    });
                    await removeConflict(c.key);
                    await refreshLocal();
                    if (navigator.onLine) void sync();
                  }}
                  disabled={c.mine.checklist.length === 0}
                >
                  {t('insp.keepMine')}
                </Button>
                <Button
                  size="small"
                  onClick={async () => {
                    await removeConflict(c.key);
                    await refreshLocal();
                  }}
                >
                  {t('insp.keepTheirs')}
                </Button>
              </Space>
            </div>
          }
        />
      ))}
      {!day || day.inspections.length === 0 ? (
        <Empty description={t('insp.noneToday')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {day.inspections.map((i) => (
            <Card
              key={i.id}
              size="small"
              title={i.enterpriseName}
              extra={
                <Button size="small" type={selected === i.id ? 'primary' : 'default'} onClick={() => setSelected(i.id)}>
                  {t('insp.open')}
                </Button>
              }
            >
              <Space wrap>
                <Tag>{i.inspectedOn}</Tag>
                <Tag>
                  {t('insp.findingsCount', {
                    n: i.findings.length + queue.filter((q) => q.kind === 'finding' && q.inspectionId === i.id).length,
                  })}
                </Tag>
                <Tag>v{i.version}</Tag>
              </Space>
            </Card>
          ))}
        </Space>
      )}
      {inspection && (
        <InspectionForm
          key={`${inspection.id}-${inspection.version}`}
          inspection={inspection}
          hazards={hazards}
          pending={queue.filter((q) => q.kind === 'finding' && q.inspectionId === inspection.id)}
          onQueued={async () => {
            await refreshLocal();
            if (navigator.onLine) void sync();
          }}
        />
      )}
    </div>
  );
}

function summarise(list: ChecklistEntry[], summary: string): string {
  const problems = list.filter((c) => c.result === 'problem').map((c) => c.item);
  return [problems.length ? `问题项：${problems.join('、')}` : '', summary].filter(Boolean).join('；') || '—';
}

function InspectionForm({
  inspection,
  hazards,
  pending,
  onQueued,
}: {
  inspection: FieldDayResponse['inspections'][number];
  hazards: { id: number; title: string; level: string }[];
  pending: OutboxItem[];
  onQueued: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [checklist, setChecklist] = useState<ChecklistEntry[]>(inspection.checklist);
  const [summary, setSummary] = useState(inspection.summary);
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState('');
  const [level, setLevel] = useState<'general' | 'major'>('general');
  const [item, setItem] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [note, setNote] = useState<string | null>(null);

  return (
    <Card
      title={t('insp.recordTitle', { name: inspection.enterpriseName })}
      style={{ marginTop: 16 }}
      data-testid="inspection-form"
    >
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('insp.openHazards', { n: hazards.length })}
      </Typography.Title>
      <ul>
        {hazards.map((h) => (
          <li key={h.id}>
            {h.level === 'major' ? <Tag color="red">重大</Tag> : null}
            {h.title}
          </li>
        ))}
      </ul>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('insp.checklist')}
      </Typography.Title>
      {checklist.map((c, n) => (
        <div key={c.item} style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 6, flexWrap: 'wrap' }}>
          <span style={{ flex: '1 1 180px' }} id={`ck-${n}`}>
            {c.item}
          </span>
          <Select
            aria-labelledby={`ck-${n}`}
            style={{ width: 120 }}
            value={c.result}
            onChange={(v) => setChecklist(checklist.map((x, k) => (k === n ? { ...x, result: v } : x)))}
            options={RESULT_OPTIONS.map((r) => ({ value: r, label: t(`insp.result.${r}`) }))}
          />
        </div>
      ))}
      <label htmlFor="insp-summary">{t('insp.summary')}</label>
      <Input.TextArea id="insp-summary" rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <Button
        style={{ marginTop: 8 }}
        onClick={async () => {
          await enqueue({
            key: newKey('checklist'),
            kind: 'checklist',
            inspectionId: inspection.id,
            baseVersion: inspection.version,
            checklist,
            summary,
            createdAt: stamp(),
          });
          setNote(t('insp.savedLocally'));
          await onQueued();
        }}
      >
        {t('insp.saveChecklist')}
      </Button>

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('insp.newFinding')}
      </Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label htmlFor="finding-description">{t('insp.description')}</label>
        <Input.TextArea
          id="finding-description"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <label htmlFor="finding-place">{t('insp.place')}</label>
        <Input id="finding-place" value={place} onChange={(e) => setPlace(e.target.value)} />
        <label htmlFor="finding-item">{t('insp.basis')}</label>
        <Input id="finding-item" value={item} onChange={(e) => setItem(e.target.value)} />
        <span id="finding-level">{t('insp.level')}</span>
        <Select
          aria-labelledby="finding-level"
          value={level}
          onChange={setLevel}
          style={{ width: 160 }}
          options={[
            { value: 'general', label: t('insp.levelGeneral') },
            { value: 'major', label: t('insp.levelMajor') },
          ]}
        />
        <label htmlFor="finding-photos">{t('insp.photos')}</label>
        <input
          key={fileInputKey}
          id="finding-photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          multiple
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        <Button
          type="primary"
          disabled={description.trim() === ''}
          onClick={async () => {
            const photoKeys: string[] = [];
            for (const file of files) {
              const key = newKey('photo');
              const mime =
                (['image/jpeg', 'image/png', 'image/webp'] as const).find((m) => m === file.type) ?? 'image/jpeg';
              await enqueue({
                key,
                kind: 'photo',
                inspectionId: inspection.id,
                mime,
                dataBase64: await readAsBase64(file),
                createdAt: stamp(),
              });
              photoKeys.push(key);
            }
            await enqueue({
              key: newKey('finding'),
              kind: 'finding',
              inspectionId: inspection.id,
              description: description.trim(),
              place: place.trim(),
              item: item.trim(),
              level,
              photoKeys,
              createdAt: stamp(),
            });
            setDescription('');
            setPlace('');
            setItem('');
            setFiles([]);
            setFileInputKey((k) => k + 1);
            setNote(t('insp.savedLocally'));
            await onQueued();
          }}
        >
          {t('insp.addFinding')}
        </Button>
        {note && <Typography.Text type="secondary">{note}</Typography.Text>}
      </Space>
      {pending.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t('insp.pendingFindings', { n: pending.length })}
          </Typography.Title>
          <ul data-testid="pending-findings">
            {pending.map((f) =>
              f.kind === 'finding' ? (
                <li key={f.key}>
                  {f.description}（{t('insp.photoCount', { n: f.photoKeys.length })}）
                </li>
              ) : null,
            )}
          </ul>
        </>
      )}
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('insp.syncedFindings', { n: inspection.findings.length })}
      </Typography.Title>
      <ul data-testid="synced-findings">
        {inspection.findings.map((f) => (
          <li key={f.id}>
            {f.description}（{t('insp.photoCount', { n: f.photoKeys.length })}）
          </li>
        ))}
      </ul>
    </Card>
  );
}
