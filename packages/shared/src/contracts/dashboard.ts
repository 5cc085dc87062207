import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';

/** Contracts of the dashboard read model (GET /api/dashboard). */
export const DashboardQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .refine(isCivilDate, '不是有效日期')
    .optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** Occurrence counts keyed by OccurrenceStatus (packages/shared/src/occurrence-status.ts). */
export const StatusCountsSchema = z.object({
  pending: z.number().int(),
  'due-soon': z.number().int(),
  submitted: z.number().int(),
  accepted: z.number().int(),
  returned: z.number().int(),
  overdue: z.number().int(),
  'done-late': z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** One figure of the dashboard: counts by status and the two rates. */
export const StatusFigureSchema = z.object({
  counts: StatusCountsSchema,
  total: z.number().int(),
  /** Occurrences whose effective due date is on or before asOf: the completion rate's denominator. */
  dueByAsOf: z.number().int(),
  /** (accepted + done-late) / dueByAsOf, both over occurrences due by asOf; null when none is due yet. */
  completionRate: z.number().nullable(),
  /** accepted / (accepted + done-late); null when nothing is accepted yet. */
  onTimeRate: z.number().nullable(),
});
export type StatusFigure = z.infer<typeof StatusFigureSchema>;

export const OverdueItemSchema = z.object({
  occurrenceId: z.number().int(),
  taskId: z.number().int(),
  taskNo: z.string(),
  taskText: z.string(),
  departmentId: z.number().int(),
  department: z.string(),
  periodKey: z.string(),
  /** Effective due date (the extended one when an extension was approved). */
  due: z.string(),
  originalDue: z.string(),
  daysOverdue: z.number().int(),
  reportState: z.enum(['none', 'draft', 'returned']),
});
export type OverdueItem = z.infer<typeof OverdueItemSchema>;

export const DashboardResponse = z.object({
  taskList: z.object({ id: z.number().int(), year: z.number().int(), title: z.string() }),
  asOf: z.string(),
  dueSoonUntil: z.string(),
  totals: StatusFigureSchema,
  byCategory: z.array(
    StatusFigureSchema.extend({ categoryId: z.number().int().nullable(), seq: z.number().int(), title: z.string() }),
  ),
  byDepartment: z.array(StatusFigureSchema.extend({ departmentId: z.number().int(), name: z.string() })),
  byMonth: z.array(StatusFigureSchema.extend({ month: z.string() })),
  /**
   * Recurring duties only (schedule rule kind other than 'once'): one entry per (department, month of the effective
   * due date) that has any, sorted by department id then month. Names are in byDepartment.
   */
  byDepartmentMonth: z.array(StatusFigureSchema.extend({ departmentId: z.number().int(), month: z.string() })),
  overdue: z.object({ total: z.number().int(), limit: z.number().int(), items: z.array(OverdueItemSchema) }),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;
