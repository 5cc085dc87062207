import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';

/** Contracts of the task-list export (GET /api/exports/tasklist) and of returned sheets. */
export const ExportFormatSchema = z.enum(['xlsx', 'docx', 'pdf']);

export const ExportTaskListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** 2024-03 (month), 2024-Q1, 2024-H1, 2024 (year); or asOf instead. */
  period: z.string().trim().max(20).optional(),
  asOf: z.string().refine(isCivilDate, '日期格式应为 YYYY-MM-DD').optional(),
  format: ExportFormatSchema.default('xlsx'),
  /** 'false': the plain table without status marks (offices sending upward). */
  marks: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type ExportTaskListQuery = z.infer<typeof ExportTaskListQuery>;

export const ReturnedCreatedSchema = z.object({
  /** Sheet row number. */
  row: z.number().int(),
  no: z.string(),
  departmentId: z.number().int(),
  department: z.string(),
  occurrenceId: z.number().int(),
  periodKey: z.string(),
  dueDate: z.string(),
  /** null in a dry run for a new report. */
  reportId: z.number().int().nullable(),
  /** A new report, or a returned (退回) one revised and resubmitted. */
  action: z.enum(['created', 'resubmitted']),
  /** The text that is (or, in a dry run, will be) submitted for this occurrence. */
  text: z.string(),
});
export type ReturnedCreated = z.infer<typeof ReturnedCreatedSchema>;

export const ReturnedProblemSchema = z.object({
  row: z.number().int(),
  no: z.string().nullable(),
  /** Chinese, naming the row: 第12行（序号9）：… */
  message: z.string(),
});
export type ReturnedProblem = z.infer<typeof ReturnedProblemSchema>;

export const ReturnedSheetResponse = z.object({
  dryRun: z.boolean(),
  year: z.number().int(),
  period: z.string(),
  periodLabel: z.string(),
  /** Submitted reports, waiting for the office's review. */
  created: z.array(ReturnedCreatedSchema),
  problems: z.array(ReturnedProblemSchema),
  /** Rows whose 工作进展 is as exported (nothing new). */
  unchanged: z.number().int(),
});
export type ReturnedSheetResponse = z.infer<typeof ReturnedSheetResponse>;

/** Multipart text fields besides the file. */
export const ReturnedSheetFields = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});
