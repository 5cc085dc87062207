/**
 * Entry point: a task-list file's bytes → task rows and problems. The format comes from the content, not the name:
 * ZIP with xl/ → .xlsx, ZIP with word/ → .docx, otherwise text (UTF-8 or GB18030): tab-separated seed text, else CSV.
 */
import { parseCsvText } from './csv-parser.ts';
import { detectFormat } from './detect-format.ts';
import { docxTasks, readDocxBlocks } from './docx-reader.ts';
import { type GridTasks, parseGrid } from './grid-tasks.ts';
import { parseSeedText } from './seed-text-parser.ts';
import { TaskListFileError } from './tasklist-file-error.ts';
import type { ParsedTaskList } from './tasklist-parse.types.ts';
import { decodeText } from './text-decode.ts';
import { readXlsx } from './xlsx-reader.ts';

const NO_HEADER =
  '未找到表头：需要一行包含“序号”和“工作任务”（或编号/重点任务/任务内容等同义）列的表头（no header row with 序号 and 工作任务 columns）';

function finish(format: ParsedTaskList['format'], parsed: GridTasks | null): ParsedTaskList {
  if (parsed === null) throw new TaskListFileError(NO_HEADER);
  if (parsed.tasks.length === 0) {
    const first = parsed.problems[0]?.message;
    throw new TaskListFileError(
      `找到了表头，但没有可导入的任务行${first === undefined ? '' : `（${first}）`}（header found but no task rows）`,
    );
  }
  return { format, title: parsed.title, tasks: parsed.tasks, problems: parsed.problems };
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedTaskList> {
  const sheets = await readXlsx(bytes);
  for (const sheet of sheets) {
    const parsed = parseGrid(sheet.rows, { joinFragments: false });
    if (parsed !== null) return finish('xlsx', parsed);
  }
  return finish('xlsx', null);
}

/**
 * Parse a task-list file. Throws TaskListFileError when the file cannot be read at all (empty, corrupt, no table,
 * no header row, no task rows); row-level trouble comes back in `problems`.
 * @param _fileName only for the caller's messages; the format is detected from the bytes.
 */
export async function parseTaskListFile(bytes: Uint8Array, _fileName: string): Promise<ParsedTaskList> {
  const format = detectFormat(bytes);
  if (format === 'xlsx') return parseXlsx(bytes);
  if (format === 'docx') return finish('docx', docxTasks(await readDocxBlocks(bytes)));
  const text = decodeText(bytes);
  const seed = parseSeedText(text);
  if (seed !== null) return finish('text', seed);
  return finish('csv', parseCsvText(text));
}
