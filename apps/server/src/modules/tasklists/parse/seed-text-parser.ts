/**
 * The seed text format (a PDF-to-text extraction): `## title` lines and the header line repeat on every page,
 * rows are tab-separated (主要内容, 序号, 工作任务, 责任部门, 完成时限, 工作进展 — any order, trailing cells may be
 * missing), blank lines separate pages.
 */
import { type GridTasks, parseGrid } from './grid-tasks.ts';
import type { SourceRow } from './tasklist-parse.types.ts';
import { collapseWhitespace } from './text-normalize.ts';

const TITLE_LINE = /^\s*##\s+/;

/** Null when the text has no tab-separated header line. */
export function parseSeedText(text: string): GridTasks | null {
  const lines = text.split(/\r\n|\n|\r/);
  if (!lines.some((line) => line.includes('\t'))) return null;
  let title: string | null = null;
  const rows: SourceRow[] = [];
  for (const [index, line] of lines.entries()) {
    if (TITLE_LINE.test(line)) title ??= collapseWhitespace(line.replace(TITLE_LINE, ''));
    else rows.push({ row: index + 1, cells: line.split('\t') });
  }
  return parseGrid(rows, { joinFragments: true, title });
}
