import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Radio } from 'antd';
import { useState } from 'react';
import type { ExportFormat } from '../../api/contracts.ts';
import { taskListExportUrl } from '../../api/reports.ts';
import {
  DEFAULT_PERIOD,
  type PeriodChoice,
  periodQuery,
  ReportPeriodFields,
} from '../../components/ReportPeriodFields.tsx';
import { useT } from '../../i18n/i18n.tsx';

const FORMATS: readonly { value: ExportFormat; label: string }[] = [
  { value: 'xlsx', label: 'Excel (.xlsx)' },
  { value: 'docx', label: 'Word (.docx)' },
  { value: 'pdf', label: 'PDF' },
];

/**
 * 导出: the official table of a period as a file. The download is a plain link (the session cookie goes along);
 * a department's file holds its own rows only (the server decides).
 */
export default function ExportDialog({
  year,
  isDepartment,
  onClose,
}: {
  year: number;
  isDepartment: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [period, setPeriod] = useState<PeriodChoice>(DEFAULT_PERIOD);
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [marks, setMarks] = useState(true);
  const query = periodQuery(year, period);
  return (
    <Modal
      open
      title={t('export.title', { year })}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="download"
          type="primary"
          icon={<DownloadOutlined />}
          disabled={!query}
          href={query ? taskListExportUrl(query, format, marks) : undefined}
          download
          onClick={() => setTimeout(onClose, 0)}
        >
          {t('export.download')}
        </Button>,
      ]}
    >
      <ReportPeriodFields idPrefix="export-period" year={year} value={period} onChange={setPeriod} />
      <fieldset className="plain-fieldset">
        <legend>{t('export.format')}</legend>
        <Radio.Group
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          options={[...FORMATS]}
        />
      </fieldset>
      <Checkbox checked={marks} onChange={(e) => setMarks(e.target.checked)} style={{ marginTop: 8 }}>
        {t('export.marks')}
      </Checkbox>
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 12 }}
        title={isDepartment ? t('export.hintDepartment') : t('export.hint')}
      />
    </Modal>
  );
}
