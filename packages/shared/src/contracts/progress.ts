import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';
import { OccurrenceStatusSchema } from './schedules.ts';

/** Contracts of the progress domain (工作进展, evidence, review); the web uses the same types. */
export const CivilDateSchema = z.string().refine(isCivilDate, '日期格式应为 YYYY-MM-DD');
export const ReportStatusSchema = z.enum(['draft', 'submitted', 'returned', 'resubmitted', 'accepted']);
export const ReportStateSchema = z.enum(['none', 'draft', 'submitted', 'returned', 'accepted']);

const Id = z.number().int().positive();
const Version = z.number().int().positive();
const ReportText = z.string().trim().min(1, '工作进展内容不能为空').max(20_000);

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
const Page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

// ---- requests ----
export const InboxQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: OccurrenceStatusSchema.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  /** One task's occurrences (the task detail timeline). */
  taskId: z.coerce.number().int().positive().optional(),
  ...Page,
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const CreateReportRequest = z.object({ occurrenceId: Id, text: ReportText, workDate: CivilDateSchema });
export type CreateReportRequest = z.infer<typeof CreateReportRequest>;

export const UpdateReportRequest = z
  .object({
    text: ReportText.optional(),
    workDate: CivilDateSchema.optional(),
    version: Version,
  })
  .refine((b) => b.text !== undefined || b.workDate !== undefined, {
    message: '请至少修改内容或工作日期之一',
    path: ['text'],
  });
export type UpdateReportRequest = z.infer<typeof UpdateReportRequest>;

export const SubmitReportRequest = z.object({ version: Version });
export const AcceptReportRequest = z.object({ version: Version });
export const ReturnReportRequest = z.object({
  reason: z.string().trim().min(1, '退回原因不能为空').max(2000),
  version: Version,
});

export const ListReportsQuery = z.object({
  status: ReportStatusSchema.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  occurrenceId: z.coerce.number().int().positive().optional(),
  ...Page,
});
export type ListReportsQuery = z.infer<typeof ListReportsQuery>;

// ---- responses ----
const Person = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const EvidenceResponse = z.object({
  id: z.number().int(),
  reportId: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: Person,
  createdAt: z.string(),
});
export type EvidenceResponse = z.infer<typeof EvidenceResponse>;

const ReportFields = {
  id: z.number().int(),
  occurrenceId: z.number().int(),
  departmentId: z.number().int(),
  text: z.string(),
  workDate: z.string(),
  status: ReportStatusSchema,
  returnReason: z.string().nullable(),
  createdBy: Person,
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedBy: Person,
  reviewedAt: z.string().nullable(),
  version: z.number().int(),
};

export const ReportResponse = z.object({ ...ReportFields, evidence: z.array(EvidenceResponse) });
export type ReportResponse = z.infer<typeof ReportResponse>;

const TaskRef = z.object({
  id: z.number().int(),
  no: z.string(),
  text: z.string(),
  year: z.number().int(),
  category: z.object({ id: z.number().int(), title: z.string() }).nullable(),
});

export const OccurrenceSummary = z.object({
  id: z.number().int(),
  task: TaskRef,
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  assignmentRole: z.enum(['lead', 'co', 'supervise']),
  ruleKind: z.string(),
  periodKey: z.string(),
  windowStart: z.string(),
  /** The effective due date: the extended one when an extension was approved. */
  dueDate: z.string(),
  originalDueDate: z.string(),
  extendedDue: z.string().nullable(),
  minCount: z.number().int(),
  condition: z.string().nullable(),
  reportState: ReportStateSchema,
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  status: OccurrenceStatusSchema,
  latestReport: z.object({ id: z.number().int(), status: ReportStatusSchema }).nullable(),
  /** 督办单 still waiting for the department's written reply (badge 督办单待回复). */
  openNotices: z.number().int(),
});
export type OccurrenceSummary = z.infer<typeof OccurrenceSummary>;

export const InboxResponse = z.object({
  items: z.array(OccurrenceSummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** The civil date (Asia/Shanghai) the statuses were computed for. */
  today: z.string(),
});
export type InboxResponse = z.infer<typeof InboxResponse>;

export const OccurrenceDetailResponse = OccurrenceSummary.extend({
  deadlineText: z.string(),
  reports: z.array(ReportResponse),
});
export type OccurrenceDetailResponse = z.infer<typeof OccurrenceDetailResponse>;

export const ReportListItem = z.object({
  ...ReportFields,
  evidenceCount: z.number().int(),
  department: z.object({ id: z.number().int(), name: z.string() }),
  task: z.object({ id: z.number().int(), no: z.string(), text: z.string() }),
  periodKey: z.string(),
  dueDate: z.string(),
});
export type ReportListItem = z.infer<typeof ReportListItem>;

export const ListReportsResponse = z.object({
  items: z.array(ReportListItem),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ListReportsResponse = z.infer<typeof ListReportsResponse>;

export const AddEvidenceResponse = z.object({
  evidence: z.array(EvidenceResponse),
  /** The report's new version (adding evidence changes what a reviewer accepts). */
  reportVersion: z.number().int(),
});
export type AddEvidenceResponse = z.infer<typeof AddEvidenceResponse>;

/** Removing evidence of a draft or returned report names the report's version it saw (a stale one: 409). */
export const RemoveEvidenceQuery = z.object({ version: z.coerce.number().int().positive() });
export const RemoveEvidenceResponse = z.object({
  /** The report's new version (what a reviewer accepts changed). */
  reportVersion: z.number().int(),
});
export type RemoveEvidenceResponse = z.infer<typeof RemoveEvidenceResponse>;
