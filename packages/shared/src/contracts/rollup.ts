import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';

/**
 * Contracts of the roll-up across org units (issue 16): figures per child unit, 直报 submissions, the zone links of
 * an upper list, and a zone's view of the upper list's duties.
 */

const civilDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isCivilDate, '不是有效日期');

/** A reporting period key: 2025-03, 2025-Q2, 2025-H1 or 2025 (documents/report-period.ts). */
export const PeriodKey = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, '报送期间格式应为 2025-Q2、2025-06、2025-H1 或 2025');

/**
 * One unit's figures, all as counts so that units add up: rates are derived from the sums (never averaged).
 * tasks: occurrences of the unit's list of the year, statuses as of asOf (the dashboard's definitions);
 * hazards: found in the year (found = all, rectified = accepted or closed, closed = 销号, listed = 挂牌督办 found and
 * closed), stock = found before 2024 (task 33); inspections: completed inspections and penalties of the year.
 */
export const RollupFiguresSchema = z.object({
  units: z.number().int(),
  unitsWithList: z.number().int(),
  tasks: z.object({
    total: z.number().int(),
    dueByAsOf: z.number().int(),
    doneByAsOf: z.number().int(),
    accepted: z.number().int(),
    doneLate: z.number().int(),
    overdue: z.number().int(),
  }),
  hazards: z.object({
    found: z.number().int(),
    rectified: z.number().int(),
    closed: z.number().int(),
    major: z.number().int(),
    overdue: z.number().int(),
    listedFound: z.number().int(),
    listedClosed: z.number().int(),
    stockTotal: z.number().int(),
    stockClosed: z.number().int(),
    stockMajorTotal: z.number().int(),
    stockMajorClosed: z.number().int(),
  }),
  inspections: z.object({
    inspections: z.number().int(),
    hazardsFound: z.number().int(),
    penalties: z.number().int(),
    fineTotal: z.number(),
  }),
});
export type RollupFigures = z.infer<typeof RollupFiguresSchema>;

/** The rates shown beside the counts (null when the denominator is 0). */
export const RollupRatesSchema = z.object({
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  rectificationRate: z.number().nullable(),
  stockClosedRate: z.number().nullable(),
});
export type RollupRates = z.infer<typeof RollupRatesSchema>;

export const SUBMISSION_STATUSES = ['submitted', 'returned', 'accepted'] as const;
export const SubmissionStatusSchema = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;

export const UnitRefSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
});
export type UnitRef = z.infer<typeof UnitRefSchema>;

export const RollupQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  asOf: civilDate.optional(),
  /** The 直报 period whose submission status each child shows; default the quarter of asOf. */
  period: PeriodKey.optional(),
  /** A unit of the reader's subtree to roll up (drill down one level); default its own unit. */
  unitId: z.coerce.number().int().positive().optional(),
});
export type RollupQuery = z.infer<typeof RollupQuery>;

export const RollupRowSchema = z.object({
  unit: UnitRefSchema,
  /** The child's own figures plus those of every unit below it. */
  figures: RollupFiguresSchema,
  rates: RollupRatesSchema,
  hasChildren: z.boolean(),
  /** The child's latest 直报 of the period, or null when it has not submitted. */
  submission: z
    .object({ id: z.number().int(), seq: z.number().int(), status: SubmissionStatusSchema, submittedAt: z.string() })
    .nullable(),
});
export type RollupRow = z.infer<typeof RollupRowSchema>;

export const RollupResponse = z.object({
  unit: UnitRefSchema,
  year: z.number().int(),
  asOf: z.string(),
  period: z.string(),
  /** One row per direct child unit, in code order. */
  rows: z.array(RollupRowSchema),
  /** The sum of the rows. */
  totals: RollupFiguresSchema,
  totalsRates: RollupRatesSchema,
  /** The unit's own list and records (本级), not part of the totals. */
  own: RollupFiguresSchema,
  submitted: z.number().int(),
  notSubmitted: z.number().int(),
});
export type RollupResponse = z.infer<typeof RollupResponse>;

export const UnitDashboardParams = z.object({ unitId: z.coerce.number().int().positive() });

// ---- 直报 ----

export const SubmitPeriodRequest = z.object({
  period: PeriodKey,
  note: z.string().trim().max(2000).optional(),
});
export type SubmitPeriodRequest = z.infer<typeof SubmitPeriodRequest>;

export const SubmissionSchema = z.object({
  id: z.number().int(),
  unit: UnitRefSchema,
  parentUnitId: z.number().int(),
  year: z.number().int(),
  period: z.string(),
  seq: z.number().int(),
  status: SubmissionStatusSchema,
  figures: RollupFiguresSchema,
  rates: RollupRatesSchema,
  fileName: z.string(),
  fileSha256: z.string(),
  note: z.string().nullable(),
  submittedAt: z.string(),
  returnReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const SubmissionsQuery = z.object({
  period: PeriodKey.optional(),
  /** 'mine': the reader's own submissions (every version); 'children': those its child units sent it. */
  side: z.enum(['mine', 'children']).default('children'),
});
export type SubmissionsQuery = z.infer<typeof SubmissionsQuery>;

export const SubmissionsResponse = z.object({ items: z.array(SubmissionSchema) });
export type SubmissionsResponse = z.infer<typeof SubmissionsResponse>;

export const SubmissionParams = z.object({ id: z.coerce.number().int().positive() });

export const ReviewSubmissionRequest = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), version: z.number().int().positive() }),
  z.object({
    decision: z.literal('return'),
    version: z.number().int().positive(),
    reason: z.string().trim().min(1, '请填写退回原因').max(2000),
  }),
]);
export type ReviewSubmissionRequest = z.infer<typeof ReviewSubmissionRequest>;

// ---- lists at every level ----

export const ZoneLinkRequest = z.object({
  departmentId: z.number().int().positive(),
  zoneUnitId: z.number().int().positive(),
});
export type ZoneLinkRequest = z.infer<typeof ZoneLinkRequest>;

export const ZoneLinkSchema = z.object({
  id: z.number().int(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  zone: UnitRefSchema,
});
export const ZoneLinksResponse = z.object({
  links: z.array(ZoneLinkSchema),
  /** The child units that may be linked. */
  children: z.array(UnitRefSchema),
});
export type ZoneLinksResponse = z.infer<typeof ZoneLinksResponse>;

export const UpperDutiesQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const UpperDutySchema = z.object({
  occurrenceId: z.number().int(),
  taskId: z.number().int(),
  taskNo: z.string(),
  taskText: z.string(),
  periodKey: z.string(),
  dueDate: z.string(),
  reportState: z.string(),
  /** The zone's open or latest report on the duty (a progress report in the upper unit). */
  report: z
    .object({
      id: z.number().int(),
      status: z.string(),
      version: z.number().int(),
      returnReason: z.string().nullable(),
    })
    .nullable(),
  /** Own tasks the zone distributed the duty to. */
  linkedTasks: z.array(z.object({ id: z.number().int(), no: z.string(), text: z.string() })),
});
export type UpperDuty = z.infer<typeof UpperDutySchema>;

export const UpperDutiesResponse = z.object({
  upperUnit: UnitRefSchema.nullable(),
  items: z.array(UpperDutySchema),
});
export type UpperDutiesResponse = z.infer<typeof UpperDutiesResponse>;

export const TaskLinkRequest = z.object({
  upperTaskId: z.number().int().positive(),
  ownTaskId: z.number().int().positive(),
});
export type TaskLinkRequest = z.infer<typeof TaskLinkRequest>;

export const OccurrenceParams = z.object({ occurrenceId: z.coerce.number().int().positive() });

/** The zone's report on an upper duty, pre-filled from its departments' accepted progress. */
export const ZoneReportDraftResponse = z.object({
  occurrenceId: z.number().int(),
  text: z.string(),
  sources: z.array(z.object({ reportId: z.number().int(), department: z.string(), text: z.string() })),
});
export type ZoneReportDraftResponse = z.infer<typeof ZoneReportDraftResponse>;

export const ZoneReportRequest = z.object({
  text: z.string().trim().min(1, '请填写工作进展').max(20000),
  workDate: civilDate,
});
export type ZoneReportRequest = z.infer<typeof ZoneReportRequest>;
