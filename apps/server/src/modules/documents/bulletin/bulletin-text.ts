import type { BulletinFigures, BulletinSections } from '@duban/shared/contracts/bulletins';
import { chineseDate, type ReportPeriod } from '../report-period.ts';
import { percent } from './bulletin-figures.ts';

/**
 * The generated first draft of a bulletin's text: what the figures say, in the register of a 通报. The office edits
 * every section before publishing. Pure.
 */
export function bulletinTitle(period: ReportPeriod): string {
  return `关于${period.label}安全生产治本攻坚三年行动任务落实情况的通报`;
}

const names = (list: readonly { name: string }[]) => list.map((d) => d.name).join('、');

export function generateSections(f: BulletinFigures, period: ReportPeriod): BulletinSections {
  const t = f.totals;
  const asOf = chineseDate(f.asOf);
  const red = f.departments.filter((d) => d.light === 'red');
  // The figures add up: 应完成 = 已完成 + 逾期未完成 + 已报送待审核/办理中, all as of the period's end.
  const inProgress = Math.max(0, t.dueByAsOf - t.done - t.overdue);
  const notYetDue = Math.max(0, t.total - t.dueByAsOf);
  const summary =
    `截至${asOf}，${period.year}年任务清单共${f.taskCount}项任务、${t.total}个任务事项，其中截至${asOf}应完成${t.dueByAsOf}个：` +
    `已完成${t.done}个，逾期未完成${t.overdue}个${red.length > 0 ? `（涉及${red.length}个部门）` : ''}，` +
    `已报送待审核或退回修改${inProgress}个；完成率${percent(t.completionRate)}，按时完成率${percent(t.onTimeRate)}` +
    `${notYetDue > 0 ? `；另有${notYetDue}个尚未到完成时限` : ''}。现将${period.label}各部门任务落实情况通报如下。`;

  const exemplary = f.departments.filter(
    (d) => d.dueByAsOf > 0 && d.completionRate === 1 && d.onTimeRate === 1 && d.light !== 'red',
  );
  const good = f.departments.filter((d) => d.dueByAsOf > 0 && (d.completionRate ?? 0) >= 0.9 && d.overdue === 0);
  const praised = exemplary.length > 0 ? exemplary : good;
  const praise =
    praised.length === 0
      ? '本期没有按时全部完成阶段任务的部门。'
      : `${names(praised)}${praised.length > 1 ? `等${praised.length}个部门` : ''}${
          exemplary.length > 0 ? '按时保质完成了截至本期的全部任务' : '任务完成率达到90%以上且无逾期事项'
        }，工作进展报送及时、内容翔实，予以通报表扬。`;

  const late = [...red].sort((a, b) => b.overdue - a.overdue);
  const criticism =
    late.length === 0
      ? '本期没有逾期未完成任务的部门。'
      : `${late.map((d) => `${d.name}（逾期${d.overdue}项）`).join('、')}存在任务逾期未完成的情况，予以通报批评。` +
        '请上述部门自本通报印发之日起5个工作日内书面说明逾期原因，明确整改措施和完成时限，报开发区安委办。';

  const requirements =
    '各部门要对照任务清单和完成时限，落实专人负责，按时报送工作进展和佐证材料；' +
    '对逾期事项，安委办将按照督办程序发出催办通知、督办单，必要时约谈部门主要负责人，并纳入年度安全生产考核。';
  return { summary, praise, criticism, requirements };
}
