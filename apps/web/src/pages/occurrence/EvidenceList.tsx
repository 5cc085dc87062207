import { FileImageOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { Evidence } from '../../api/contracts.ts';
import { evidenceUrl } from '../../api/progress.ts';
import { useT } from '../../i18n/i18n.tsx';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Icon({ mime }: { mime: string }) {
  if (mime === 'application/pdf') return <FilePdfOutlined aria-hidden />;
  if (mime.startsWith('image/')) return <FileImageOutlined aria-hidden />;
  return <FileOutlined aria-hidden />;
}

/** Evidence files as download links (the server sends them as attachments). */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  const t = useT();
  if (evidence.length === 0) return <span className="text-secondary text-small">{t('evidence.none')}</span>;
  return (
    <ul className="evidence-list" aria-label={t('evidence.title')}>
      {evidence.map((e) => (
        <li key={e.id}>
          <a href={evidenceUrl(e.id)} download={e.fileName} data-evidence-id={e.id}>
            <Icon mime={e.mime} /> {e.fileName}
          </a>{' '}
          <span className="text-secondary text-small">{fileSize(e.size)}</span>
        </li>
      ))}
    </ul>
  );
}
