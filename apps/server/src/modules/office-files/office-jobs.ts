import { AppError } from '../../core/app-error.ts';
import type { BulletinDocument } from '../documents/bulletin/bulletin-document.ts';
import { MARKER_SHEET, type SheetMarker } from '../documents/export/export-snapshot.ts';
import type { ReturnedSheet } from '../documents/export/returned-sheet-read.ts';
import type { TaskSheet } from '../documents/export/task-sheet.ts';
import type { ParsedTaskList } from '../tasklists/parse/tasklist-parse.types.ts';
import { officePool, transferable } from './office-worker-pool.ts';
import { checkOfficeZip, isZip, readZipEntry } from './zip-guard.ts';

/** Task-list file → rows, in a worker, after the zip directory check (import preview and commit). */
export async function parseTaskListInWorker(bytes: Uint8Array, fileName: string): Promise<ParsedTaskList> {
  await checkOfficeZip(bytes);
  const t = transferable(bytes);
  return officePool().run<ParsedTaskList>({ kind: 'parse-tasklist', bytes: t.bytes, fileName }, [t.buffer]);
}

/**
 * A returned sheet: the zip directory is checked, then its marker first — a workbook without the export's marker
 * worksheet is refused from its small workbook.xml, before the sheets are parsed — then the whole file in a worker.
 */
export async function readReturnedSheetInWorker(bytes: Uint8Array, markerSheet = MARKER_SHEET): Promise<ReturnedSheet> {
  if (!isZip(bytes))
    throw new AppError('unreadable_file', '无法读取文件：不是有效的 Excel (.xlsx) 文件，或文件已损坏。');
  await checkOfficeZip(bytes);
  const workbookXml = await readZipEntry(bytes, 'xl/workbook.xml', 1024 * 1024);
  if (!workbookXml)
    throw new AppError('unreadable_file', '无法读取文件：不是有效的 Excel (.xlsx) 文件，或文件已损坏。');
  if (!workbookXml.toString('utf8').includes(`name="${markerSheet}"`)) {
    throw new AppError(
      'not_our_file',
      '这份表格不是本系统导出的任务清单（缺少导出标记）：请先在系统中导出 Excel 表格，在“工作进展”栏填写后再上传。',
    );
  }
  const t = transferable(bytes);
  return officePool().run<ReturnedSheet>({ kind: 'read-returned', bytes: t.bytes }, [t.buffer]);
}

export const RENDER_TIMEOUT_MS = 300_000;

/** Renders the official table in a worker (PDF, .docx, .xlsx with its marker). */
export async function renderTaskSheetInWorker(
  format: 'pdf' | 'docx' | 'xlsx',
  sheet: TaskSheet,
  marker: SheetMarker | null = null,
): Promise<Buffer> {
  // Our own data, not an uploaded file: a longer time limit than parsing (a loaded machine renders slowly).
  const bytes = await officePool().run<Uint8Array>(
    { kind: 'render-tasksheet', format, sheet, marker },
    [],
    RENDER_TIMEOUT_MS,
  );
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Renders a bulletin (通报) in a worker: PDF, or .docx with its charts drawn there too. */
export async function renderBulletinInWorker(format: 'pdf' | 'docx', doc: BulletinDocument): Promise<Buffer> {
  const bytes = await officePool().run<Uint8Array>({ kind: 'render-bulletin', format, doc }, [], RENDER_TIMEOUT_MS);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The evidence check: an office file's zip directory (uploads are not parsed further). */
export async function checkEvidenceOfficeFile(bytes: Uint8Array): Promise<void> {
  await checkOfficeZip(bytes);
}

// ── Per-user concurrency for imports and exports ────────────────────────────────────────────────────────────────

export const MAX_JOBS_PER_USER = 2;
const active = new Map<string, number>();

/**
 * Runs `work` when the account has fewer than MAX_JOBS_PER_USER imports/exports in progress, else 429: one person
 * (or one script) cannot take the whole worker pool.
 */
export async function withUserJobSlot<T>(who: string, work: () => Promise<T>): Promise<T> {
  const n = active.get(who) ?? 0;
  if (n >= MAX_JOBS_PER_USER) {
    throw new AppError(
      'too_many_attempts',
      `您已有 ${n} 个导入或导出正在处理，请等待完成后再试 (too many concurrent imports/exports)`,
    );
  }
  active.set(who, n + 1);
  try {
    return await work();
  } finally {
    const left = (active.get(who) ?? 1) - 1;
    if (left <= 0) active.delete(who);
    else active.set(who, left);
  }
}
