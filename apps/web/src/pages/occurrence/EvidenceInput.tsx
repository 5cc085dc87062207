import { CameraOutlined, InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';
import { useId, useRef } from 'react';
import { EVIDENCE_ACCEPT } from '../../api/progress.ts';
import { useT } from '../../i18n/i18n.tsx';

interface Props {
  disabled?: boolean;
  uploading: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * Evidence by drag and drop (or click to choose), and on a phone straight from the camera: a native file input
 * with `capture="environment"` (ignored by desktop browsers, which open the file chooser instead).
 */
export function EvidenceInput({ disabled, uploading, onFiles }: Props) {
  const t = useT();
  const cameraId = useId();
  const batch = useRef<File[]>([]);
  return (
    <div className="evidence-input">
      <Upload.Dragger
        id="evidence-file"
        accept={EVIDENCE_ACCEPT}
        multiple
        disabled={disabled || uploading}
        showUploadList={false}
        beforeUpload={(file, list) => {
          // Called once per file: hand the whole selection over with the last one.
          batch.current.push(file);
          if (batch.current.length >= list.length) {
            onFiles(batch.current);
            batch.current = [];
          }
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{uploading ? t('evidence.uploading') : t('evidence.drag')}</p>
        <p className="ant-upload-hint">{t('evidence.hint')}</p>
      </Upload.Dragger>
      <label htmlFor={cameraId} className={`camera-button${disabled || uploading ? ' is-disabled' : ''}`}>
        <CameraOutlined aria-hidden /> {t('evidence.camera')}
      </label>
      <input
        id={cameraId}
        className="visually-hidden"
        type="file"
        accept="image/*,application/pdf,.pdf"
        capture="environment"
        disabled={disabled || uploading}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
