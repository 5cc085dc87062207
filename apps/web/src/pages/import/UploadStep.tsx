import { InboxOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Typography, Upload } from 'antd';
import { useT } from '../../i18n/i18n.tsx';

export const ACCEPTED_TYPES = '.txt,.xlsx,.docx,.csv';

interface Props {
  file: File | null;
  year: number | null;
  loading: boolean;
  onFile: (file: File | null) => void;
  onYear: (year: number | null) => void;
  onSubmit: () => void;
}

export function UploadStep({ file, year, loading, onFile, onYear, onSubmit }: Props) {
  const t = useT();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <div>
        <Typography.Text strong id="import-file-label">
          {t('import.upload.file')}
        </Typography.Text>
        <Upload.Dragger
          accept={ACCEPTED_TYPES}
          multiple={false}
          maxCount={1}
          fileList={file ? [{ uid: 'file', name: file.name, size: file.size, type: file.type, status: 'done' }] : []}
          beforeUpload={(f) => {
            onFile(f);
            return false;
          }}
          onRemove={() => {
            onFile(null);
            return true;
          }}
          style={{ marginTop: 8 }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">{t('import.upload.drag')}</p>
          <p className="ant-upload-hint">{t('import.upload.hint')}</p>
        </Upload.Dragger>
      </div>
      <div className="filter-field">
        <label htmlFor="import-year">{t('import.year')}</label>
        <InputNumber<number>
          id="import-year"
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(v) => onYear(v ?? null)}
          placeholder={t('import.yearHint')}
          style={{ width: 240 }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('import.yearHint')}
        </Typography.Text>
      </div>
      <div>
        <Button type="primary" size="large" disabled={!file} loading={loading} onClick={onSubmit}>
          {t('import.upload.submit')}
        </Button>
      </div>
    </Flex>
  );
}
