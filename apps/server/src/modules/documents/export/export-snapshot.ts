import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What an exported .xlsx held, stored in export_snapshots and named by a random token in the sheet's hidden marker
 * sheet. A returned sheet is read against it: rows are matched by 序号, the 工作任务/责任部门/完成时限 cells must hash
 * as exported, and the exported 工作进展 text is taken away from the returned cell to find what is new.
 */
export const SnapshotRowSchema = z.object({
  /** Sheet row number at export. */
  row: z.number().int(),
  taskId: z.number().int(),
  no: z.string(),
  text: z.string(),
  departments: z.string(),
  deadline: z.string(),
  progress: z.string(),
});
export type SnapshotRow = z.infer<typeof SnapshotRowSchema>;
export const SnapshotRowsSchema = z.array(SnapshotRowSchema);

/** Cell text compared across Excel round trips: line breaks normalised, outer spaces trimmed. */
export function normalizeCell(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/_x000D_/g, '')
    .trim();
}

/** A short hash of a cell's normalised text (no need to keep the task text itself twice). */
export function cellHash(value: string): string {
  return createHash('sha256').update(normalizeCell(value)).digest('hex').slice(0, 16);
}

/** The hidden marker sheet: name, and the label in A1 that says the workbook is ours. */
export const MARKER_SHEET = 'duban_export';
export const MARKER_LABEL = 'duban-export-v1';

export interface SheetMarker {
  token: string;
  year: number;
  periodKey: string;
}
