import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import type { ImportPreviewResponse, UnknownDepartment } from '../../api/contracts.ts';
import { useT } from '../../i18n/i18n.tsx';
import { type DepartmentChoice, strongSuggestion, undecidedNames, usageCount } from './import-model.ts';

interface Props {
  preview: ImportPreviewResponse;
  /** The unknown names of the file as first previewed (a mapped name is no longer unknown on a re-run). */
  unknown: readonly UnknownDepartment[];
  choices: Record<string, DepartmentChoice>;
  onChoose: (name: string, choice: DepartmentChoice) => void;
  /** Takes the first suggestion for every name that has one. */
  onAcceptAll: () => void;
}

/** Step 3: each department name the registry does not know → an existing department, or a new one. */
export function DepartmentStep({ preview, unknown, choices, onChoose, onAcceptAll }: Props) {
  const t = useT();
  if (unknown.length === 0) return <Alert type="success" showIcon title={t('import.dept.none')} />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Alert type="info" showIcon title={t('import.dept.intro')} />
      <Flex gap={8} wrap align="center">
        {unknown.some((u) => u.suggestions.length > 0) ? (
          <Button onClick={onAcceptAll}>{t('import.dept.acceptAll')}</Button>
        ) : null}
        {undecidedNames(choices).length > 0 ? (
          <Typography.Text type="warning" aria-live="polite">
            {t('import.dept.undecided', { n: undecidedNames(choices).length })}
          </Typography.Text>
        ) : null}
      </Flex>
      {unknown.map((u, i) => {
        const suggested = new Set(u.suggestions.map((s) => s.id));
        const id = `dept-map-${i}`;
        return (
          <Card key={u.name} size="small">
            <Flex vertical gap={8}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text strong>{u.name}</Typography.Text>
                {u.suggestions[0] ? (
                  <Typography.Text type={strongSuggestion(u) ? 'success' : 'secondary'} className="dept-suggestion">
                    {t('import.dept.suggestion', { name: u.suggestions[0].name })}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary">
                  {t('import.dept.usedIn', { n: usageCount(preview, u.name) })}
                </Typography.Text>
              </Flex>
              <div className="filter-field">
                <label htmlFor={id}>{t('import.dept.mapTo', { name: u.name })}</label>
                <Select<DepartmentChoice>
                  id={id}
                  style={{ width: '100%', maxWidth: 420 }}
                  value={choices[u.name] ?? undefined}
                  placeholder={t('import.dept.choose')}
                  status={choices[u.name] === null ? 'warning' : undefined}
                  onChange={(v) => onChoose(u.name, v)}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={[
                    { value: 'new', label: t('import.dept.new') },
                    ...(u.suggestions.length > 0
                      ? [
                          {
                            label: t('import.dept.suggested'),
                            title: t('import.dept.suggested'),
                            options: u.suggestions.map((s) => ({ value: s.id, label: s.name })),
                          },
                        ]
                      : []),
                    {
                      label: t('import.dept.registry'),
                      title: t('import.dept.registry'),
                      options: preview.departments
                        .filter((d) => !suggested.has(d.id))
                        .map((d) => ({ value: d.id, label: d.name })),
                    },
                  ]}
                />
              </div>
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
