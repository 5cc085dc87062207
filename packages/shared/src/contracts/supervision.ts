import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';

/** 提醒 · 催办通知 · 督办单 · 约谈 · 通报批评: the escalation ladder for late work, in order. */
export const SUPERVISION_KINDS = ['reminder', 'urge', 'notice', 'interview', 'bulletin'] as const;
export const SupervisionKindSchema = z.enum(SUPERVISION_KINDS);

export const CivilDateSchema = z
  .string()
  .refine(isCivilDate, { message: '日期格式应为 YYYY-MM-DD (expected a civil date YYYY-MM-DD)' });

const Id = z.coerce.number().int().positive();
const Version = z.number().int().positive();

export const IdParams = z.object({ id: Id });

// ── The ladder ──────────────────────────────────────────────────────────────────────────────────────────────────

export const RecordActionRequest = z
  .object({
    kind: SupervisionKindSchema,
    note: z.string().trim().min(1).max(4000),
    /** Only for a 督办单 (notice), and required there: the date the department must answer by. */
    replyBy: CivilDateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'notice' && v.replyBy === undefined) {
      ctx.addIssue({ code: 'custom', path: ['replyBy'], message: '督办单须填写回复期限 replyBy' });
    }
    if (v.kind !== 'notice' && v.replyBy !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['replyBy'], message: '只有督办单才有回复期限 replyBy' });
    }
  });
export type RecordActionRequest = z.infer<typeof RecordActionRequest>;

export const ListActionsQuery = z.object({
  occurrenceId: Id.optional(),
  departmentId: Id.optional(),
  kind: SupervisionKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListActionsQuery = z.infer<typeof ListActionsQuery>;

export const ReplyToNoticeRequest = z.object({
  text: z.string().trim().min(1).max(8000),
  /** The record's version the department saw: a stale one gives 409 with details.currentVersion. */
  version: Version,
});
export type ReplyToNoticeRequest = z.infer<typeof ReplyToNoticeRequest>;

export const SupervisionActionResponse = z.object({
  id: z.number().int(),
  occurrenceId: z.number().int(),
  departmentId: z.number().int(),
  kind: SupervisionKindSchema,
  note: z.string(),
  replyBy: z.string().nullable(),
  reply: z
    .object({
      text: z.string(),
      /** ISO timestamp. */
      at: z.string(),
      byUserId: z.number().int().nullable(),
    })
    .nullable(),
  /** 'user:12' or 'token:3', as in the audit trail. */
  actor: z.string(),
  /** ISO timestamp of the step. */
  createdAt: z.string(),
  version: z.number().int(),
});
export type SupervisionActionResponse = z.infer<typeof SupervisionActionResponse>;

export const ListActionsResponse = z.object({ actions: z.array(SupervisionActionResponse) });

// ── Extensions (延期) ────────────────────────────────────────────────────────────────────────────────────────────

export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export const ExtensionStatusSchema = z.enum(EXTENSION_STATUSES);

export const RequestExtensionRequest = z.object({
  reason: z.string().trim().min(1).max(4000),
  requestedDue: CivilDateSchema,
});
export type RequestExtensionRequest = z.infer<typeof RequestExtensionRequest>;

export const DecideExtensionRequest = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(4000).optional(),
  /** The request's version the office saw: a stale one gives 409 with details.currentVersion. */
  version: Version,
});
export type DecideExtensionRequest = z.infer<typeof DecideExtensionRequest>;

export const ListExtensionsQuery = z.object({
  status: ExtensionStatusSchema.optional(),
  occurrenceId: Id.optional(),
  departmentId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListExtensionsQuery = z.infer<typeof ListExtensionsQuery>;

export const ExtensionResponse = z.object({
  id: z.number().int(),
  occurrenceId: z.number().int(),
  departmentId: z.number().int(),
  reason: z.string(),
  /** The effective due date when the request was made. */
  originalDue: z.string(),
  requestedDue: z.string(),
  status: ExtensionStatusSchema,
  requestedBy: z.number().int(),
  createdAt: z.string(),
  decidedBy: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
export type ExtensionResponse = z.infer<typeof ExtensionResponse>;

/** The occurrence's dates: dueDate is always the original, extendedDue the approved one. */
export const OccurrenceDueResponse = z.object({
  id: z.number().int(),
  departmentId: z.number().int(),
  dueDate: z.string(),
  extendedDue: z.string().nullable(),
  effectiveDue: z.string(),
  version: z.number().int(),
});
export type OccurrenceDueResponse = z.infer<typeof OccurrenceDueResponse>;

export const ExtensionWithOccurrenceResponse = z.object({
  extension: ExtensionResponse,
  occurrence: OccurrenceDueResponse,
});
export type ExtensionWithOccurrenceResponse = z.infer<typeof ExtensionWithOccurrenceResponse>;

export const ListExtensionsResponse = z.object({ extensions: z.array(ExtensionResponse) });

// ── 督办/催办 in batches (issue 13 item 5) ───────────────────────────────────────────────────────────────────────

export const BATCH_KINDS = ['urge', 'notice'] as const;
export const BatchKindSchema = z.enum(BATCH_KINDS);

/** One numbered notice per department covering all its selected 任务事项. */
export const IssueBatchesRequest = z
  .object({
    kind: BatchKindSchema,
    occurrenceIds: z.array(z.number().int().positive()).min(1).max(500),
    note: z.string().trim().min(1).max(4000),
    /** 督办单 only: the written reply is due by this date. */
    replyBy: CivilDateSchema.optional(),
  })
  .refine((b) => b.kind !== 'notice' || b.replyBy !== undefined, {
    message: '督办通知须填写回复期限',
    path: ['replyBy'],
  });
export type IssueBatchesRequest = z.infer<typeof IssueBatchesRequest>;

export const BatchItemResponse = z.object({
  actionId: z.number().int(),
  occurrenceId: z.number().int(),
  taskNo: z.string(),
  taskText: z.string(),
  periodKey: z.string(),
  dueDate: z.string(),
  reportState: z.string(),
  reply: z.object({ text: z.string(), at: z.string() }).nullable(),
  version: z.number().int(),
});

export const BatchResponse = z.object({
  id: z.number().int(),
  kind: BatchKindSchema,
  docNo: z.string(),
  year: z.number().int(),
  department: z.object({ id: z.number().int(), name: z.string() }),
  note: z.string(),
  replyBy: z.string().nullable(),
  createdAt: z.string(),
  items: z.array(BatchItemResponse),
  replied: z.number().int(),
});
export type BatchResponse = z.infer<typeof BatchResponse>;

export const IssueBatchesResponse = z.object({ batches: z.array(BatchResponse) });
export const ListBatchesResponse = z.object({ batches: z.array(BatchResponse) });
export const BatchDocumentQuery = z.object({ format: z.enum(['docx', 'pdf']).default('docx') });

export const SupervisionSettingsResponse = z.object({
  noticePattern: z.string(),
  urgePattern: z.string(),
  /** null until the office saves its own patterns (defaults apply). */
  version: z.number().int().nullable(),
});
export const SupervisionSettingsRequest = z.object({
  noticePattern: z.string().trim().min(1).max(60),
  urgePattern: z.string().trim().min(1).max(60),
  version: z.number().int().positive().nullable(),
});
