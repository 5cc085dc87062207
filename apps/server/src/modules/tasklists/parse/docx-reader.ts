/**
 * .docx → tasks: mammoth converts to HTML, the tables are read with rowspan/colspan expanded. The first table with
 * a header row wins; later tables with the same header (a table split over pages), or without a header but with the
 * same number of columns, are appended. The title is the first paragraph before that table.
 */
import mammoth from 'mammoth';
import { type GridTasks, isAttachmentLabel, parseGrid } from './grid-tasks.ts';
import { findHeaderRow, sameHeader } from './header-match.ts';
import { expandTable, type HtmlBlock, readHtmlBlocks } from './html-table.ts';
import { TaskListFileError } from './tasklist-file-error.ts';
import type { SourceRow } from './tasklist-parse.types.ts';

export async function readDocxBlocks(bytes: Uint8Array): Promise<HtmlBlock[]> {
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return readHtmlBlocks(result.value);
  } catch {
    // The library's own message is not shown to clients (it can name internals); a Chinese one instead.
    throw new TaskListFileError('无法读取文件：Word 文件已损坏或不完整，请在 Word 中另存后重新上传');
  }
}

/** Null when no table has a header row; throws when the document has no table at all. */
export function docxTasks(blocks: readonly HtmlBlock[]): GridTasks | null {
  const tableCount = blocks.filter((block) => block.kind === 'table').length;
  if (tableCount === 0) throw new TaskListFileError('文档中没有找到表格（no table found in the document）');

  let tableNo = 0;
  let paragraphTitle: string | null = null;
  let combined: SourceRow[] | null = null;
  let width = 0;
  let header: ReturnType<typeof findHeaderRow> = null;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      if (combined === null && !isAttachmentLabel(block.text)) paragraphTitle ??= block.text;
      continue;
    }
    tableNo++;
    const grid = expandTable(block.rows);
    const rows: SourceRow[] = grid.map((cells, index) => ({
      row: index + 1,
      cells,
      label: tableCount > 1 ? `第${tableNo}个表格第${index + 1}行` : `第${index + 1}行`,
    }));
    const hit = findHeaderRow(rows);
    if (combined === null || header === null) {
      if (hit !== null) {
        combined = rows;
        header = hit;
        width = grid[0]?.length ?? 0;
      }
      continue;
    }
    const continues = hit === null ? (grid[0]?.length ?? 0) === width : sameHeader(hit.header, header.header);
    if (continues) combined.push(...rows);
  }
  if (combined === null) return null;
  return parseGrid(combined, { joinFragments: false, ...(paragraphTitle === null ? {} : { title: paragraphTitle }) });
}
