import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { bulletinExportUrl } from '../../api/reports.ts';
import { useT } from '../../i18n/i18n.tsx';

/** .docx and PDF of a bulletin: plain links (the session cookie goes along). */
export function BulletinDownloads({ id }: { id: number }) {
  const t = useT();
  return (
    <>
      <Button size="small" icon={<DownloadOutlined />} href={bulletinExportUrl(id, 'docx')} download>
        {t('bulletin.word')}
      </Button>
      <Button size="small" icon={<DownloadOutlined />} href={bulletinExportUrl(id, 'pdf')} download>
        PDF
      </Button>
    </>
  );
}
