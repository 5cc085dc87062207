/** Rows of cells (from any format) → header, title and tasks. */
import { findHeaderRow } from './header-match.ts';
import { type BuildTasksResult, buildTaskRows } from './task-row-builder.ts';
import type { HeaderMap, SourceRow } from './tasklist-parse.types.ts';
import { collapseWhitespace } from './text-normalize.ts';

export interface GridTasks extends BuildTasksResult {
  title: string | null;
  header: HeaderMap;
  headerIndex: number;
}

/** `附件`, `附件1：` — the attachment label official documents put above the title. */
export function isAttachmentLabel(text: string): boolean {
  return /^附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$/.test(text.trim());
}

/**
 * The first non-blank row above the header (an attachment label skipped), its distinct cells joined: a title is
 * often merged across the row.
 */
export function titleAbove(rows: readonly SourceRow[], headerIndex: number): string | null {
  for (const row of rows.slice(0, headerIndex)) {
    const cells = [...new Set(row.cells.map((cell) => collapseWhitespace(cell)).filter((cell) => cell !== ''))];
    if (cells.length > 0 && !(cells.length === 1 && isAttachmentLabel(cells[0] ?? ''))) return cells.join(' ');
  }
  return null;
}

/** Null when no header row is found near the top. */
export function parseGrid(
  rows: readonly SourceRow[],
  options: { joinFragments: boolean; title?: string | null },
): GridTasks | null {
  const hit = findHeaderRow(rows);
  const headerRow = hit === null ? undefined : rows[hit.index];
  if (hit === null || headerRow === undefined) return null;
  const title = options.title ?? titleAbove(rows, hit.index);
  const built = buildTaskRows({
    header: hit.header,
    headerRow,
    rows: rows.slice(hit.index + 1),
    title,
    joinFragments: options.joinFragments,
  });
  return { ...built, title, header: hit.header, headerIndex: hit.index };
}
