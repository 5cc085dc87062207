import { Empty, Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useUser } from '../../app/auth.tsx';
import { RoleTag } from '../../components/DepartmentTags.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ProgressCell } from '../tasks/ProgressCell.tsx';
import { taskStatus } from '../tasks/task-view.ts';
import { useTaskTable, yearOptions } from '../tasks/use-task-table.ts';

/**
 * 我的工作 for a department user, from the task table the server already scopes to the department: next due first,
 * tasks with nothing due at the end. (Becomes the occurrence inbox when the progress API lands.)
 */
export default function MyWorkPage() {
  const t = useT();
  const user = useUser();
  const [year, setYear] = useState<number | null>(null);
  const { state, retry } = useTaskTable(year, undefined);

  const items = useMemo(() => {
    if (state.status !== 'ready') return [];
    const { table } = state;
    const tasks = table.categories.flatMap((c) => c.tasks.map((task) => ({ task, category: c.title })));
    return tasks
      .map(({ task, category }) => ({ task, category, status: taskStatus(task, table.asOf) }))
      .sort((a, b) => (a.task.nextDue?.due ?? '9999').localeCompare(b.task.nextDue?.due ?? '9999'));
  }, [state]);

  const myName =
    state.status === 'ready'
      ? state.table.categories
          .flatMap((c) => c.tasks)
          .flatMap((task) => task.departments)
          .find((d) => d.id === user.departmentId)?.name
      : undefined;

  return (
    <>
      <PageTitle title={t('mywork.title')} />
      <div className="filter-bar" style={{ justifyContent: 'space-between' }}>
        <FilterField id="mywork-year" label={t('filter.year')}>
          <Select<number>
            id="mywork-year"
            style={{ width: 110 }}
            value={state.status === 'ready' ? state.table.taskList.year : (year ?? undefined)}
            onChange={setYear}
            options={yearOptions().map((y) => ({ value: y, label: String(y) }))}
          />
        </FilterField>
        <span className="text-secondary">
          {myName ? `${t('mywork.department', { name: myName })} · ` : ''}
          {t('mywork.intro')}
        </span>
      </div>
      {state.status === 'loading' ? <PageSpinner /> : null}
      {state.status === 'error' ? <ErrorResult error={state.error} onRetry={retry} /> : null}
      {state.status === 'missing' ? <Empty description={t('tasks.noList', { year: state.year })} /> : null}
      {state.status === 'ready' && items.length === 0 ? <Empty description={t('tasks.empty')} /> : null}
      <ul className="task-cards" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map(({ task, category, status }) => {
          const mine = task.departments.find((d) => d.id === user.departmentId);
          return (
            <li key={task.id}>
              <article className="card">
                <div className="mywork-item">
                  <div style={{ flex: '1 1 320px', minWidth: 0 }}>
                    <span className="text-secondary" style={{ fontSize: 12 }}>
                      {category}
                    </span>
                    <div>
                      <strong>
                        {t('tasks.col.no')} {task.no}
                      </strong>{' '}
                      {mine ? <RoleTag role={mine.role} /> : null}
                      {mine?.viaGroup ? <Tag>{mine.viaGroup}</Tag> : null}
                    </div>
                    <div className="pre-wrap" style={{ marginTop: 4 }}>
                      {task.text}
                    </div>
                    <span className="text-secondary text-small">
                      {t('tasks.col.deadline')}：{task.deadlineOverride ?? task.deadline}
                    </span>
                  </div>
                  <div style={{ flex: '0 0 180px' }}>
                    <ProgressCell row={{ task, status }} />
                  </div>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
