import { DeleteOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Image, Popconfirm } from 'antd';
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

const isImage = (e: Evidence) => e.mime.startsWith('image/');

interface Props {
  evidence: readonly Evidence[];
  /** Given while the report may still change (draft or returned): each file gets a 删除 button. */
  onRemove?: (e: Evidence) => void;
  removing?: boolean;
}

/**
 * Evidence files: photos as thumbnails that open inline (antd Image preview, through the evidence download route),
 * other files as download links (the server sends them as attachments).
 */
export function EvidenceList({ evidence, onRemove, removing }: Props) {
  const t = useT();
  if (evidence.length === 0) return <span className="text-secondary text-small">{t('evidence.none')}</span>;
  const remove = (e: Evidence) =>
    onRemove ? (
      <Popconfirm
        title={t('evidence.removeConfirm', { name: e.fileName })}
        okText={t('evidence.remove')}
        cancelText={t('common.cancel')}
        onConfirm={() => onRemove(e)}
      >
        <Button
          type="link"
          size="small"
          danger
          disabled={removing}
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('evidence.removeNamed', { name: e.fileName })}
          data-evidence-remove={e.id}
        >
          {t('evidence.remove')}
        </Button>
      </Popconfirm>
    ) : null;
  const photos = evidence.filter(isImage);
  const files = evidence.filter((e) => !isImage(e));
  return (
    <div className="evidence-block">
      {photos.length > 0 ? (
        <Image.PreviewGroup>
          <ul className="evidence-thumbs" aria-label={t('evidence.photos')}>
            {photos.map((e) => (
              <li key={e.id} className="evidence-thumb" data-evidence-id={e.id}>
                <Image src={evidenceUrl(e.id)} alt={e.fileName} width={88} height={88} style={{ objectFit: 'cover' }} />
                <span className="evidence-thumb-name text-small" title={e.fileName}>
                  {e.fileName}
                </span>
                {remove(e)}
              </li>
            ))}
          </ul>
        </Image.PreviewGroup>
      ) : null}
      {files.length > 0 ? (
        <ul className="evidence-list" aria-label={t('evidence.title')}>
          {files.map((e) => (
            <li key={e.id}>
              <a href={evidenceUrl(e.id)} download={e.fileName} data-evidence-id={e.id}>
                <Icon mime={e.mime} /> {e.fileName}
              </a>{' '}
              <span className="text-secondary text-small">{fileSize(e.size)}</span> {remove(e)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
