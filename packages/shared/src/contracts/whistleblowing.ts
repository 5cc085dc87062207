import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';
import { normaliseReceiptCode } from '../whistleblowing/receipt-code.ts';
import { ACCIDENT_GRADES } from '../whistleblowing/reward-tariff.ts';

/** 举报 (whistleblower reports): the public side (no session) and the handler's side. */

export const WHISTLE_CATEGORIES = ['major_hazard', 'illegal_production', 'concealed_accident', 'other'] as const;
export const WhistleCategory = z.enum(WHISTLE_CATEGORIES);
export const WHISTLE_CATEGORY_LABELS: Record<(typeof WHISTLE_CATEGORIES)[number], string> = {
  major_hazard: '重大事故隐患',
  illegal_production: '非法违法生产经营',
  concealed_accident: '瞒报谎报事故',
  other: '其他',
};

export const WHISTLE_STATUSES = [
  'received',
  'accepted',
  'transferred',
  'duplicate',
  'investigating',
  'concluded',
] as const;
export const WhistleStatus = z.enum(WHISTLE_STATUSES);
/** What the reporter sees on the receipt page: the stage, never internal detail. */
export const WHISTLE_STATUS_LABELS: Record<(typeof WHISTLE_STATUSES)[number], string> = {
  received: '已收到，待受理',
  accepted: '已受理',
  transferred: '不属于本单位职责，已移送有权处理的部门',
  duplicate: '已并入同一事项办理',
  investigating: '核查中',
  concluded: '已办结',
};

const CivilDate = z.string().refine(isCivilDate, { message: '日期格式应为 YYYY-MM-DD' });
const Id = z.coerce.number().int().positive();
const Version = z.number().int().positive();
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: '不能为空' })
    .max(max, { message: `不能超过 ${max} 个字` });
/** An optional form field: a browser sends an empty string for one left blank. */
const blankAsMissing = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const ReceiptCode = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const code = normaliseReceiptCode(v);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: '回执码格式不正确' });
      return z.NEVER;
    }
    return code;
  });

// ── Public ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const ChallengeResponse = z.object({ token: z.string(), question: z.string() });
export type ChallengeResponse = z.infer<typeof ChallengeResponse>;

/** The text fields of the multipart POST /api/public/reports (files go in `files`). */
export const SubmitWhistleReportFields = z
  .object({
    category: WhistleCategory,
    enterpriseId: blankAsMissing(z.coerce.number().int().positive()),
    enterpriseName: Text(200),
    place: Text(300),
    description: Text(5000),
    anonymous: z.enum(['true', 'false'], { message: '请选择匿名或实名' }).transform((v) => v === 'true'),
    isEmployee: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    name: blankAsMissing(z.string().trim().max(100, { message: '不能超过 100 个字' })),
    contact: blankAsMissing(z.string().trim().max(200, { message: '不能超过 200 个字' })),
    consent: z.literal('true', { message: '请阅读并同意举报须知' }),
    password: blankAsMissing(z.string().min(8, { message: '至少 8 位' }).max(200)),
    challengeToken: z.string({ message: '验证题已失效，请刷新页面' }).max(500),
    challengeAnswer: z.string().trim().min(1, { message: '请回答验证题' }).max(20),
    /** Honeypot: hidden from people; a bot that fills it is refused. */
    website: blankAsMissing(z.string().max(500)),
  })
  .superRefine((v, ctx) => {
    if ((!v.anonymous || v.isEmployee) && !v.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: v.isEmployee ? '举报本单位问题须实名：请填写姓名' : '实名举报请填写姓名',
      });
    }
    if (!v.anonymous && !v.contact) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: '实名举报请填写联系方式' });
    }
  });
export type SubmitWhistleReportFields = z.infer<typeof SubmitWhistleReportFields>;

export const SubmitWhistleReportResponse = z.object({
  receiptCode: z.string(),
  /** Only when the password was generated; a chosen one is never echoed. */
  password: z.string().optional(),
});
export type SubmitWhistleReportResponse = z.infer<typeof SubmitWhistleReportResponse>;

export const LookupRequest = z.object({ receiptCode: z.string().max(40), password: z.string().max(200) });
export type LookupRequest = z.infer<typeof LookupRequest>;

export const PublicRewardNotice = z.object({
  amountYuan: z.number().int(),
  status: z.enum(['approved', 'claimed', 'paid']),
  paidOn: z.string().nullable(),
});

export const LookupResponse = z.object({
  status: WhistleStatus,
  statusLabel: z.string(),
  updatedAt: z.string(),
  publicReply: z.string().nullable(),
  reward: PublicRewardNotice.nullable(),
});
export type LookupResponse = z.infer<typeof LookupResponse>;

export const ClaimRewardRequest = LookupRequest.extend({
  /** How to pay (bank account or other); sealed like the identity. */
  payee: Text(500),
});
export type ClaimRewardRequest = z.infer<typeof ClaimRewardRequest>;

// ── Handling ────────────────────────────────────────────────────────────────────────────────────────────────────

export const WhistleIdParams = z.object({ id: Id });
export const AttachmentParams = z.object({ id: Id, attachmentId: Id });

export const WhistleAttachment = z.object({ id: z.number(), kind: z.string(), mime: z.string(), size: z.number() });

export const WhistleReportView = z.object({
  id: z.number(),
  receiptCode: z.string(),
  category: WhistleCategory,
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string(),
  place: z.string(),
  description: z.string(),
  anonymous: z.boolean(),
  isEmployee: z.boolean(),
  hasIdentity: z.boolean(),
  status: WhistleStatus,
  departmentId: z.number().nullable(),
  transferTo: z.string().nullable(),
  duplicateOf: z.number().nullable(),
  investigation: z.string().nullable(),
  conclusion: z.enum(['verified', 'unfounded']).nullable(),
  conclusionReason: z.string().nullable(),
  hazardId: z.number().nullable(),
  publicReply: z.string().nullable(),
  receivedOn: z.string(),
  acceptedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  extensionDays: z.number(),
  extensionReason: z.string().nullable(),
  concludedOn: z.string().nullable(),
  feedbackDueOn: z.string().nullable(),
  feedbackOn: z.string().nullable(),
  /** Handlers only; empty for departments. */
  attachments: z.array(WhistleAttachment),
  reward: z
    .object({
      id: z.number(),
      status: z.string(),
      amountYuan: z.number(),
      computedYuan: z.number(),
      version: z.number(),
    })
    .nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type WhistleReportView = z.infer<typeof WhistleReportView>;

export const ListWhistleReportsQuery = z.object({ status: WhistleStatus.optional() });
export const ListWhistleReportsResponse = z.object({ reports: z.array(WhistleReportView) });
export type ListWhistleReportsResponse = z.infer<typeof ListWhistleReportsResponse>;

export const AcceptWhistleRequest = z.object({ version: Version, departmentId: Id.optional() });
export const TransferWhistleRequest = z.object({ version: Version, transferTo: Text(200), publicReply: Text(2000) });
export const DuplicateWhistleRequest = z.object({ version: Version, duplicateOf: Id });
export const AssignWhistleRequest = z.object({ version: Version, departmentId: Id });
export const InvestigationRequest = z.object({ version: Version, text: Text(10000) });
export const ExtendWhistleRequest = z.object({ version: Version, days: z.number().int().min(1), reason: Text(2000) });
export const ConcludeWhistleRequest = z.object({
  version: Version,
  conclusion: z.enum(['verified', 'unfounded']),
  reason: Text(4000),
  publicReply: Text(2000).optional(),
  /** For 查实: the hazard to create (title of the hazard record). */
  hazardTitle: Text(300).optional(),
  hazardLevel: z.enum(['general', 'major']).default('general'),
  /** For 查实: the registry enterprise the hazard belongs to (when the report named none from the registry). */
  enterpriseId: Id.optional(),
  /** For a major hazard: the determination basis (standard, article, item). */
  hazardBasis: z.string().trim().max(1000).optional(),
});
export const ReplyWhistleRequest = z.object({ version: Version, publicReply: Text(2000) });
export type ConcludeWhistleRequest = z.infer<typeof ConcludeWhistleRequest>;

export const IdentityResponse = z.object({ name: z.string().nullable(), contact: z.string().nullable() });
export type IdentityResponse = z.infer<typeof IdentityResponse>;

// ── Rewards ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const ProposeRewardRequest = z.discriminatedUnion('basis', [
  z.object({ basis: z.literal('fine'), fineYuan: z.number().int().min(0), note: z.string().max(2000).optional() }),
  z.object({
    basis: z.literal('concealed_accident'),
    deaths: z.number().int().min(1).max(1000),
    grade: z.enum(ACCIDENT_GRADES),
    note: z.string().max(2000).optional(),
  }),
]);
export type ProposeRewardRequest = z.infer<typeof ProposeRewardRequest>;
export const DecideRewardRequest = z.object({
  version: Version,
  approve: z.boolean(),
  amountYuan: z.number().int().min(0).optional(),
  note: z.string().max(2000).optional(),
});
export const PayRewardRequest = z.object({ version: Version, paidOn: CivilDate });

export const RewardView = z.object({
  id: z.number(),
  reportId: z.number(),
  receiptCode: z.string(),
  basis: z.enum(['fine', 'concealed_accident']),
  fineYuan: z.number().nullable(),
  deaths: z.number().nullable(),
  accidentGrade: z.string().nullable(),
  computedYuan: z.number(),
  amountYuan: z.number(),
  note: z.string().nullable(),
  status: z.enum(['proposed', 'approved', 'refused', 'claimed', 'paid']),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  paidOn: z.string().nullable(),
  version: z.number(),
});
export type RewardView = z.infer<typeof RewardView>;
export const ListRewardsResponse = z.object({ rewards: z.array(RewardView) });

// ── Policy and permission ───────────────────────────────────────────────────────────────────────────────────────

export const WhistlePolicySchema = z.object({
  handleDays: z.number().int().min(1).max(365),
  maxExtensionDays: z.number().int().min(0).max(365),
  feedbackDays: z.number().int().min(1).max(90),
  remindDaysBefore: z.number().int().min(0).max(60),
  tariff: z.object({
    finePercent: z.number().min(0).max(100),
    fineMinYuan: z.number().int().min(0),
    fineMaxYuan: z.number().int().min(0),
    perDeathYuan: z.object({
      general: z.number().int().min(0),
      larger: z.number().int().min(0),
      major: z.number().int().min(0),
      especially_major: z.number().int().min(0),
    }),
    concealedMaxYuan: z.number().int().min(0),
  }),
});
export const WhistlePolicyResponse = z.object({ policy: WhistlePolicySchema, version: z.number() });
export const UpdateWhistlePolicyRequest = z.object({ policy: WhistlePolicySchema, version: z.number().int().min(0) });

export const SetReportHandlerRequest = z.object({ canHandleReports: z.boolean() });
export const SetReportHandlerResponse = z.object({ userId: z.number(), canHandleReports: z.boolean() });
/** GET /api/users/report-handlers: the accounts that hold the whistleblower-handler permission (admin only). */
export const ReportHandlersResponse = z.object({ userIds: z.array(z.number()) });

export const DeadlineScanResponse = z.object({ claimed: z.number() });
