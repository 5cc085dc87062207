import type { ImportProblem, RawTaskRow } from './parse/tasklist-parse.types.ts';

/**
 * Imported names end up in charts, tables and documents in the office's and leaders' browsers: a category title or
 * department name must be text, not markup. Names may not contain < or > at all; the task text (long prose, where a
 * "<" can be a comparison) may not contain anything tag- or script-like. Each finding is a row problem, so the
 * import is refused with the row named (422) before anything is written.
 */
const NAME_MARKUP = /[<>]|javascript:|data:text\/html|&#|&lt;|&gt;/i;
const TEXT_MARKUP = /<\s*[a-z!/?]|javascript:|data:text\/html|\bon[a-z]+\s*=/i;

export function markupProblem(kind: 'name' | 'text', value: string): boolean {
  return (kind === 'name' ? NAME_MARKUP : TEXT_MARKUP).test(value);
}

export function markupProblems(title: string | null, rows: readonly RawTaskRow[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (title && markupProblem('name', title)) {
    problems.push({ row: 1, message: '第1行：标题含有 <、> 或脚本等标记，请删除后再导入' });
  }
  for (const r of rows) {
    const where = `第${r.row}行（序号“${String(r.no).slice(0, 20)}”）`;
    if (markupProblem('name', r.category)) {
      problems.push({ row: r.row, message: `${where}：类别名称含有 <、> 或脚本等标记，请删除后再导入` });
    }
    const names = [r.departmentsText, ...r.departments.flatMap((d) => [d.name, d.alias ?? ''])];
    if (names.some((n) => markupProblem('name', n))) {
      problems.push({ row: r.row, message: `${where}：责任部门名称含有 <、> 或脚本等标记，请删除后再导入` });
    }
    if (markupProblem('text', r.text) || markupProblem('text', r.deadline)) {
      problems.push({ row: r.row, message: `${where}：工作任务或完成时限含有 HTML 标签或脚本，请删除后再导入` });
    }
  }
  return problems;
}
