import { Link } from 'react-router';
import { DeadlineCell } from '../../components/DeadlineCell.tsx';
import { DepartmentTags } from '../../components/DepartmentTags.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ProgressCell } from './ProgressCell.tsx';
import type { TaskRow } from './task-view.ts';

function groupsOf(rows: TaskRow[]): TaskRow[][] {
  const groups: TaskRow[][] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (row.categorySpan > 0 || !last) groups.push([row]);
    else last.push(row);
  }
  return groups;
}

/**
 * The official layout: 主要内容 merged over its tasks (one <tbody> per category, its title a rowgroup header),
 * then 序号, 工作任务, 责任部门, 完成时限, 工作进展.
 */
export function TaskTable({
  rows,
  caption,
  year,
  loading,
}: {
  rows: TaskRow[];
  caption: string;
  year: number;
  loading: boolean;
}) {
  const t = useT();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="official-table-wrap" aria-label={caption} tabIndex={0}>
      <table className="official-table">
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          <col style={{ width: 150 }} />
          <col style={{ width: 60 }} />
          <col />
          <col style={{ width: 240 }} />
          <col style={{ width: 180 }} />
          <col style={{ width: 160 }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('tasks.col.category')}</th>
            <th scope="col" className="col-no">
              {t('tasks.col.no')}
            </th>
            <th scope="col">{t('tasks.col.text')}</th>
            <th scope="col">{t('tasks.col.departments')}</th>
            <th scope="col">{t('tasks.col.deadline')}</th>
            <th scope="col">{t('tasks.col.progress')}</th>
          </tr>
        </thead>
        {rows.length === 0 ? (
          <tbody>
            <tr>
              <td colSpan={6} className="empty-cell">
                {t('tasks.empty')}
              </td>
            </tr>
          </tbody>
        ) : (
          groupsOf(rows).map((group) => (
            <tbody key={group[0]?.key}>
              {group.map((row, i) => (
                <tr key={row.key} data-task-id={row.task.id}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={group.length} className="category-cell">
                      {row.category.title}
                    </th>
                  ) : null}
                  <td className="col-no">
                    <Link to={`/tasks/${row.task.id}?year=${year}`} aria-label={t('tasks.open', { no: row.task.no })}>
                      {row.task.no}
                    </Link>
                  </td>
                  <td className="pre-wrap">
                    <Link to={`/tasks/${row.task.id}?year=${year}`} className="task-link" tabIndex={-1}>
                      {row.task.text}
                    </Link>
                  </td>
                  <td>
                    <DepartmentTags departments={row.task.departments} />
                  </td>
                  <td>
                    <DeadlineCell task={row.task} />
                  </td>
                  <td>
                    <ProgressCell row={row} loading={loading} />
                  </td>
                </tr>
              ))}
            </tbody>
          ))
        )}
      </table>
    </section>
  );
}
