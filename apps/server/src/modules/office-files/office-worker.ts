import { parentPort } from 'node:worker_threads';
import { AppError } from '../../core/app-error.ts';
import type { BulletinDocument } from '../documents/bulletin/bulletin-document.ts';
import type { SheetMarker } from '../documents/export/export-snapshot.ts';
import type { TaskSheet } from '../documents/export/task-sheet.ts';

/**
 * The worker side of office-worker-pool.ts: one task at a time, modules loaded on first use. Errors go back as
 * {code, message, details}: our own AppErrors as they are, a parser's refusal as 422 with its Chinese message, and
 * anything a library throws as a Chinese message of our own (library messages are never shown to clients).
 */
export const MAX_IMPORT_ROWS = 150_000;
export const MAX_RETURNED_ROWS = 50_000;

export type OfficeTask =
  | { kind: 'parse-tasklist'; bytes: Uint8Array; fileName: string }
  | { kind: 'read-returned'; bytes: Uint8Array }
  | { kind: 'render-tasksheet'; format: 'pdf' | 'docx' | 'xlsx'; sheet: TaskSheet; marker: SheetMarker | null }
  | { kind: 'render-bulletin'; format: 'pdf' | 'docx'; doc: BulletinDocument }
  | { kind: 'echo'; value: unknown; spinMs?: number; allocateMb?: number };

export type WorkerReply =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; details: unknown } };

async function handle(task: OfficeTask): Promise<unknown> {
  switch (task.kind) {
    case 'parse-tasklist': {
      const { parseTaskListFile } = await import('../tasklists/parse/parse-tasklist-file.ts');
      const parsed = await parseTaskListFile(task.bytes, task.fileName);
      if (parsed.tasks.length > MAX_IMPORT_ROWS) {
        throw new AppError(
          'file_too_complex',
          `任务清单有 ${parsed.tasks.length} 行，超过上限 ${MAX_IMPORT_ROWS} 行：请拆分后分批导入。`,
        );
      }
      return parsed;
    }
    case 'read-returned': {
      const { readReturnedSheet } = await import('../documents/export/returned-sheet-read.ts');
      const sheet = await readReturnedSheet(task.bytes);
      if (sheet.rows.length > MAX_RETURNED_ROWS) {
        throw new AppError('file_too_complex', `表格有 ${sheet.rows.length} 行，超过上限 ${MAX_RETURNED_ROWS} 行。`);
      }
      return sheet;
    }
    case 'render-tasksheet': {
      let bytes: Buffer;
      if (task.format === 'pdf') {
        const [{ renderTaskSheetPdf }, { resolvePdfFonts }] = await Promise.all([
          import('../documents/export/render-pdf.ts'),
          import('../documents/pdf-fonts.ts'),
        ]);
        bytes = await renderTaskSheetPdf(task.sheet, resolvePdfFonts());
      } else if (task.format === 'docx') {
        const { renderTaskSheetDocx } = await import('../documents/export/render-docx.ts');
        bytes = await renderTaskSheetDocx(task.sheet);
      } else {
        const { renderTaskSheetXlsx } = await import('../documents/export/render-xlsx.ts');
        if (!task.marker) throw new AppError('internal', '导出标记缺失');
        bytes = await renderTaskSheetXlsx(task.sheet, task.marker);
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    case 'render-bulletin': {
      const { resolvePdfFonts } = await import('../documents/pdf-fonts.ts');
      const fonts = resolvePdfFonts();
      let bytes: Buffer;
      if (task.format === 'pdf') {
        const { renderBulletinPdf } = await import('../documents/bulletin/render-bulletin-pdf.ts');
        bytes = await renderBulletinPdf(task.doc, fonts);
      } else {
        const [{ chartImage }, { DOCX_CHART_WIDTH_PT, renderBulletinDocx }] = await Promise.all([
          import('../documents/bulletin/bulletin-chart.ts'),
          import('../documents/bulletin/render-bulletin-docx.ts'),
        ]);
        const images = new Map();
        for (const block of task.doc.blocks) {
          if (block.kind !== 'chart') continue;
          const image = await chartImage(block.chart, DOCX_CHART_WIDTH_PT, fonts);
          if (image) images.set(block.chart, image);
        }
        bytes = await renderBulletinDocx(task.doc, images);
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    case 'echo': {
      const hold: Buffer[] = [];
      for (let i = 0; i < (task.allocateMb ?? 0); i += 1) hold.push(Buffer.alloc(1024 * 1024, 1));
      const until = Date.now() + (task.spinMs ?? 0);
      while (Date.now() < until) {
        // busy on purpose (tests of the time limit)
      }
      const big: number[][] = [];
      if ((task.allocateMb ?? 0) < 0) for (;;) big.push(new Array(1e6).fill(0)); // heap exhaustion (tests)
      return task.value;
    }
  }
}

function toReply(error: unknown, task: OfficeTask): WorkerReply {
  if (error instanceof AppError) {
    return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
  }
  if (error instanceof Error && error.name === 'TaskListFileError') {
    return { ok: false, error: { code: 'unreadable_file', message: error.message, details: null } };
  }
  const parsing = task.kind === 'parse-tasklist' || task.kind === 'read-returned';
  return {
    ok: false,
    error: parsing
      ? { code: 'unreadable_file', message: '无法读取文件：文件已损坏或格式不受支持。', details: null }
      : { code: 'internal', message: '文档生成失败 (document rendering failed)', details: null },
  };
}

parentPort?.on('message', (task: OfficeTask) => {
  handle(task).then(
    (value) => {
      const transfer = value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [];
      parentPort?.postMessage({ ok: true, value } satisfies WorkerReply, transfer);
    },
    (error: unknown) => parentPort?.postMessage(toReply(error, task)),
  );
});
