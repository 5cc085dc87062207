import { Alert, Button, Descriptions, Flex, Result, Typography } from 'antd';
import type { ImportCommitResponse, ImportPreviewResponse, ImportProblem } from '../../api/contracts.ts';
import { useT } from '../../i18n/i18n.tsx';
import { type DepartmentChoice, summarize } from './import-model.ts';
import { ExistingAlert } from './PreviewSummary.tsx';

export interface CommitRefusal {
  message: string;
  problems: ImportProblem[];
}

interface Props {
  preview: ImportPreviewResponse;
  fileName: string;
  choices: Record<string, DepartmentChoice>;
  overrides: Record<string, string>;
  loading: boolean;
  result: ImportCommitResponse | null;
  refusal: CommitRefusal | null;
  onCommit: () => void;
  onViewTasks: (year: number) => void;
  onRestart: () => void;
}

/** Step 5: what will be written, then the server's answer (counts, or the refusal with every problem row). */
export function CommitStep(props: Props) {
  const t = useT();
  const { preview, result, refusal } = props;

  if (result) {
    return (
      <Result
        status="success"
        title={t(`import.commit.status.${result.status}`, { year: result.year })}
        subTitle={
          <Flex vertical gap={4}>
            <span>{t('import.commit.counts', result.counts)}</span>
            <span>
              {t('import.commit.changes', {
                added: result.changes.tasksAdded,
                updated: result.changes.tasksUpdated,
                removed: result.changes.tasksRemoved,
              })}
            </span>
            {result.createdDepartments.length > 0 ? (
              <span>{t('import.commit.createdDepartments', { names: result.createdDepartments.join('、') })}</span>
            ) : null}
          </Flex>
        }
        extra={[
          <Button key="view" type="primary" onClick={() => props.onViewTasks(result.year)}>
            {t('import.viewTasks')}
          </Button>,
          <Button key="again" onClick={props.onRestart}>
            {t('import.again')}
          </Button>,
        ]}
      />
    );
  }

  const s = summarize(preview);
  const choices = Object.values(props.choices);
  const mapped = choices.filter((c) => typeof c === 'number').length;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 820 }}>
      <Alert type="info" showIcon title={t('import.commit.intro')} />
      <ExistingAlert preview={preview} />
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t('import.upload.file')}>{props.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('import.summary.year')}>{preview.year}</Descriptions.Item>
        {preview.title ? <Descriptions.Item label={t('tasks.title')}>{preview.title}</Descriptions.Item> : null}
        <Descriptions.Item label={t('import.summary.categories')}>{s.categories}</Descriptions.Item>
        <Descriptions.Item label={t('import.summary.tasks')}>{s.tasks}</Descriptions.Item>
        <Descriptions.Item label={t('import.summary.unknown')}>
          {t('import.commit.mapped', { n: mapped, m: choices.length - mapped })}
        </Descriptions.Item>
        <Descriptions.Item label={t('import.col.correct')}>
          {t('import.commit.overrides', { n: Object.keys(props.overrides).length })}
        </Descriptions.Item>
        <Descriptions.Item label={t('import.summary.review')}>{s.needsReview}</Descriptions.Item>
        <Descriptions.Item label={t('import.summary.problems')}>
          <Typography.Text type={s.problems > 0 ? 'danger' : undefined}>{s.problems}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {refusal ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={`${t('import.commit.refused')}：${refusal.message}`}
          description={
            refusal.problems.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {refusal.problems.map((p) => (
                  <li key={`${p.row}-${p.message}`}>
                    {t('import.col.row')} {p.row}：{p.message}
                  </li>
                ))}
              </ul>
            ) : null
          }
        />
      ) : null}
      <div>
        <Button type="primary" size="large" loading={props.loading} onClick={props.onCommit}>
          {t('import.commit.submit')}
        </Button>
      </div>
    </Flex>
  );
}
