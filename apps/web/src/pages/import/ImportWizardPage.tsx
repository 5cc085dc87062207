import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Steps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type {
  ImportCommitResponse,
  ImportPreviewResponse,
  ImportProblem,
  UnknownDepartment,
} from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { commitImport, type ImportForm, previewImport } from '../../api/tasklists.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { type CommitRefusal, CommitStep } from './CommitStep.tsx';
import { DepartmentStep } from './DepartmentStep.tsx';
import { type DepartmentChoice, departmentMapOf, initialChoices, undecidedNames } from './import-model.ts';
import { PreviewStep } from './PreviewStep.tsx';
import { ScheduleStep } from './ScheduleStep.tsx';
import { UploadStep } from './UploadStep.tsx';

const STEP_KEYS = ['upload', 'preview', 'departments', 'schedule', 'commit'] as const;

function isProblemList(value: unknown): value is ImportProblem[] {
  return (
    Array.isArray(value) &&
    value.every((p) => typeof p === 'object' && p !== null && typeof (p as ImportProblem).row === 'number')
  );
}

/** 导入向导: upload → preview → department matching → schedule review → commit. Nothing is written before step 5. */
export default function ImportWizardPage() {
  const t = useT();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const message = useToast();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreviewResponse | null>(null);
  const [unknown, setUnknown] = useState<UnknownDepartment[]>([]);
  const [choices, setChoices] = useState<Record<string, DepartmentChoice>>({});
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportCommitResponse | null>(null);
  const [refusal, setRefusal] = useState<CommitRefusal | null>(null);

  const form = (next: { choices?: typeof choices; overrides?: typeof overrides } = {}): ImportForm | null =>
    file
      ? {
          file,
          year,
          departmentMap: departmentMapOf(next.choices ?? choices),
          deadlineOverrides: next.overrides ?? overrides,
        }
      : null;

  // The preview writes nothing; the commit's api function invalidates the lists, task table and dashboard.
  const previewMutation = useMutation({ mutationFn: previewImport });
  const commitMutation = useMutation({ mutationFn: commitImport });
  const loading = previewMutation.isPending || commitMutation.isPending;

  /** Runs the preview; the first one of a file also fixes the list of unknown department names. */
  const runPreview = async (next: { choices?: typeof choices; overrides?: typeof overrides; fresh?: boolean }) => {
    const body = form(next);
    if (!body) return false;
    setError(null);
    try {
      const p = await previewMutation.mutateAsync(body);
      setPreview(p);
      if (next.fresh) {
        setUnknown(p.unknownDepartments);
        setChoices(initialChoices(p.unknownDepartments));
      }
      return true;
    } catch (e) {
      setError(errorText(e, t));
      return false;
    }
  };

  const startPreview = async () => {
    setOverrides({});
    setResult(null);
    setRefusal(null);
    if (await runPreview({ fresh: true, choices: {}, overrides: {} })) setStep(1);
  };

  const goTo = async (target: number) => {
    // Leaving department matching: re-run so the later steps (and the server's checks) see the choices.
    if (step === 2 && target > 2 && !(await runPreview({}))) return;
    setError(null);
    setStep(target);
  };

  const override = async (seq: number, text: string | null) => {
    const next = { ...overrides };
    if (text === null) delete next[String(seq)];
    else next[String(seq)] = text;
    if (await runPreview({ overrides: next })) setOverrides(next);
  };

  const commit = async () => {
    const body = form();
    if (!body) return;
    setError(null);
    setRefusal(null);
    try {
      const r = await commitMutation.mutateAsync(body);
      setResult(r);
      message.success(t('import.commit.done'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'import_has_problems') {
        setRefusal({ message: e.message, problems: isProblemList(e.details) ? e.details : [] });
      } else setError(errorText(e, t));
    }
  };

  const restart = () => {
    setStep(0);
    setFile(null);
    setYear(null);
    setPreview(null);
    setUnknown([]);
    setChoices({});
    setOverrides({});
    setResult(null);
    setRefusal(null);
    setError(null);
  };

  const canJump = preview !== null && result === null;
  return (
    <>
      <PageTitle title={t('import.title')} />
      {isPhone ? (
        // Five vertical steps would fill the phone's first screen: the current one, and how far along.
        <div className="phone-steps" aria-live="polite">
          <span>{t('import.stepOf', { n: step + 1, total: STEP_KEYS.length })}</span>
          <strong>{t(`import.step.${STEP_KEYS[step] ?? 'upload'}`)}</strong>
          <progress max={STEP_KEYS.length} value={step + 1} aria-hidden="true" />
        </div>
      ) : (
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          onChange={canJump ? (s) => void goTo(s) : undefined}
          items={STEP_KEYS.map((key, i) => ({
            title: t(`import.step.${key}`),
            disabled: !canJump || (i > 0 && preview === null),
          }))}
        />
      )}
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          closable={{ onClose: () => setError(null) }}
          style={{ marginBottom: 16 }}
        />
      ) : null}

      {step === 0 ? (
        <UploadStep
          file={file}
          year={year}
          loading={loading}
          onFile={(f) => {
            setFile(f);
            setPreview(null);
          }}
          onYear={setYear}
          onSubmit={() => void startPreview()}
        />
      ) : null}
      {step === 1 && preview ? <PreviewStep preview={preview} /> : null}
      {step === 2 && preview ? (
        <DepartmentStep
          preview={preview}
          unknown={unknown}
          choices={choices}
          onChoose={(name, choice) => setChoices((c) => ({ ...c, [name]: choice }))}
          onAcceptAll={() =>
            setChoices((c) => {
              const next = { ...c };
              for (const u of unknown) {
                const first = u.suggestions[0];
                if (first) next[u.name] = first.id;
              }
              return next;
            })
          }
        />
      ) : null}
      {step === 3 && preview ? (
        <ScheduleStep
          preview={preview}
          overrides={overrides}
          loading={loading}
          onOverride={(seq, text) => void override(seq, text)}
        />
      ) : null}
      {step === 4 && preview && file ? (
        <CommitStep
          preview={preview}
          fileName={file.name}
          choices={choices}
          overrides={overrides}
          loading={loading}
          result={result}
          refusal={refusal}
          onCommit={() => void commit()}
          onViewTasks={(y) => navigate(`/tasks?year=${y}`)}
          onRestart={restart}
        />
      ) : null}

      {step > 0 && result === null ? (
        <Flex gap={8} style={{ marginTop: 24 }}>
          <Button onClick={() => void goTo(step - 1)}>{t('common.prev')}</Button>
          {step < STEP_KEYS.length - 1 ? (
            <Button
              type="primary"
              loading={loading}
              disabled={step === 2 && undecidedNames(choices).length > 0}
              onClick={() => void goTo(step + 1)}
            >
              {t('common.next')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </>
  );
}
