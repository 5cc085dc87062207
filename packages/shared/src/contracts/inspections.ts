import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';
import { ENFORCEMENT_KINDS, ZERO_PENALTY_REASONS } from '../inspections/enforcement.ts';

/** Contracts of inspections and enforcement (issue 15): plans, 双随机 draws, records, enforcement, experts, statistics. */
export const CivilDateSchema = z.string().refine(isCivilDate, '日期格式应为 YYYY-MM-DD');
const Id = z.number().int().positive();
const Version = z.number().int().positive();
export const InspectionIdParams = z.object({ id: z.coerce.number().int().positive() });
export const EnterpriseIdParams = z.object({ enterpriseId: z.coerce.number().int().positive() });
const Year = z.coerce.number().int().min(2000).max(2100);
const Text = (max: number) => z.string().trim().max(max);

export const INSPECTION_MODES = ['unannounced', 'open_covert', 'cross', 'joint', 'random', 'remote'] as const;
export const INSPECTION_MODE_LABELS: Record<(typeof INSPECTION_MODES)[number], string> = {
  unannounced: '四不两直',
  open_covert: '明查暗访',
  cross: '交叉检查',
  joint: '联合执法',
  random: '双随机',
  remote: '远程/视频',
};
export const InspectionModeSchema = z.enum(INSPECTION_MODES);
export const INSPECTION_TRIGGERS = ['planned', 'draw', 'complaint', 'assigned', 'other'] as const;
export const INSPECTION_TRIGGER_LABELS: Record<(typeof INSPECTION_TRIGGERS)[number], string> = {
  planned: '计划检查',
  draw: '双随机抽查',
  complaint: '举报核查',
  assigned: '上级交办',
  other: '其他',
};
export const InspectionTriggerSchema = z.enum(INSPECTION_TRIGGERS);

// ── Profiles and plans ─────────────────────────────────────────────────────────────────────────────────────────
export const SetProfileRequest = z.object({ classCode: z.string().trim().min(1).max(40), key: z.boolean() });
export type SetProfileRequest = z.infer<typeof SetProfileRequest>;

export const CreatePlanRequest = z.object({
  year: z.number().int().min(2000).max(2100),
  title: Text(200).min(1),
  classTable: z.string().trim().min(1).max(60).default('shanxi-2025'),
  /** Field days per inspector; when omitted, every active staff inspector gives `defaultInspectorDays`. */
  inspectorDays: z.array(z.number().int().min(0).max(366)).max(10_000).optional(),
  defaultInspectorDays: z.number().int().min(0).max(366).default(120),
  visitsPerTeamDay: z.number().min(0.1).max(20).default(1),
  teamSize: z.number().int().min(2).max(10).default(2),
});
export type CreatePlanRequest = z.input<typeof CreatePlanRequest>;

export const VersionRequest = z.object({ version: Version });
export type VersionRequest = z.infer<typeof VersionRequest>;

export const PlanSummarySchema = z.object({
  enterprises: z.number(),
  keyEnterprises: z.number(),
  plannedVisits: z.number(),
  keyVisits: z.number(),
  capacity: z.number(),
  drawPool: z.number(),
  overCapacity: z.boolean(),
  unknownClasses: z.array(z.string()),
});
export const PlanResponse = z.object({
  id: Id,
  year: z.number(),
  title: z.string(),
  classTable: z.string(),
  status: z.enum(['draft', 'approved', 'published']),
  summary: PlanSummarySchema,
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
});
export type PlanResponse = z.infer<typeof PlanResponse>;
export const ListPlansQuery = z.object({ year: Year.optional() });
export const ListPlansResponse = z.object({ plans: z.array(PlanResponse) });

export const PlanProgressRow = z.object({
  departmentId: z.number().nullable(),
  departmentName: z.string(),
  enterprises: z.number(),
  planned: z.number(),
  done: z.number(),
  /** done ÷ planned, 0 when nothing is planned. */
  rate: z.number(),
});
export const PlanProgressResponse = z.object({
  planId: Id,
  asOf: z.string(),
  byDepartment: z.array(PlanProgressRow),
  total: PlanProgressRow.omit({ departmentId: true, departmentName: true }),
});
export type PlanProgressResponse = z.infer<typeof PlanProgressResponse>;
export const PlanItemsQuery = z.object({
  departmentId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const PlanItemResponse = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  departmentId: z.number().nullable(),
  classCode: z.string(),
  key: z.boolean(),
  planned: z.number(),
  months: z.array(z.number()),
  done: z.number(),
});
export const PlanItemsResponse = z.object({ items: z.array(PlanItemResponse), total: z.number() });

// ── Matter list and inspector pool ─────────────────────────────────────────────────────────────────────────────
export const CreateMatterRequest = z.object({
  code: z.string().trim().min(1).max(40),
  title: Text(200).min(1),
  basis: Text(2000).default(''),
  departmentId: Id.nullable().default(null),
  checklist: z.array(Text(500).min(1)).min(1).max(200),
});
export type CreateMatterRequest = z.input<typeof CreateMatterRequest>;
export const MatterResponse = z.object({
  id: Id,
  code: z.string(),
  title: z.string(),
  basis: z.string(),
  departmentId: z.number().nullable(),
  checklist: z.array(z.string()),
  active: z.boolean(),
});
export const ListMattersResponse = z.object({ matters: z.array(MatterResponse) });

export const CreateInspectorRequest = z
  .object({
    kind: z.enum(['staff', 'expert']),
    userId: Id.optional(),
    expertId: Id.optional(),
    name: Text(100).min(1),
    departmentId: Id.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'staff' && v.userId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['userId'], message: '执法人员须关联账号 userId' });
    }
    if (v.kind === 'expert' && v.expertId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['expertId'], message: '专家须关联专家库 expertId' });
    }
  });
export type CreateInspectorRequest = z.input<typeof CreateInspectorRequest>;
export const AddConflictRequest = z.object({
  enterpriseId: Id,
  kind: z.enum(['employer', 'declared']),
  note: Text(500).default(''),
});
export type AddConflictRequest = z.input<typeof AddConflictRequest>;
export const InspectorResponse = z.object({
  id: Id,
  kind: z.enum(['staff', 'expert']),
  userId: z.number().nullable(),
  expertId: z.number().nullable(),
  name: z.string(),
  departmentId: z.number().nullable(),
  active: z.boolean(),
  conflicts: z.array(z.object({ enterpriseId: z.number(), kind: z.string(), note: z.string() })),
});
export const ListInspectorsResponse = z.object({ inspectors: z.array(InspectorResponse) });

// ── Draws ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const CreateDrawRequest = z.object({
  title: Text(200).min(1),
  matterId: Id.nullable().default(null),
  inspectedOn: CivilDateSchema,
  mode: InspectionModeSchema.default('random'),
  filter: z
    .object({
      departmentId: Id.optional(),
      classCodes: z.array(z.string()).optional(),
      /** Only enterprises the annual plan gives no visit (the general population). */
      drawPoolOnly: z.boolean().default(false),
    })
    .default({ drawPoolOnly: false }),
  exclusions: z
    .object({
      /** Leave out enterprises penalised within this many days before the draw (0: none). */
      penalisedWithinDays: z.number().int().min(0).max(3650).default(0),
      /** Leave out enterprises already inspected on or after this date. */
      inspectedSince: CivilDateSchema.nullable().default(null),
    })
    .default({ penalisedWithinDays: 0, inspectedSince: null }),
  targetCount: z.number().int().min(1).max(10_000),
  capsPerClass: z.record(z.string(), z.number().int().min(0)).default({}),
  teamSize: z.number().int().min(2).max(10).default(2),
  expertsPerTeam: z.number().int().min(0).max(5).default(0),
  maxTeamsPerInspector: z.number().int().min(0).max(1000).default(0),
});
export type CreateDrawRequest = z.input<typeof CreateDrawRequest>;

export const DrawTeamSchema = z.object({
  targetId: z.number(),
  inspectorIds: z.array(z.number()),
  expertIds: z.array(z.number()),
});
export const DrawResponse = z.object({
  id: Id,
  title: z.string(),
  matterId: z.number().nullable(),
  seed: z.string(),
  poolsHash: z.string(),
  algorithm: z.string(),
  status: z.enum(['drawn', 'published']),
  drawnAt: z.string(),
  publishedAt: z.string().nullable(),
  targets: z.number(),
  eligible: z.number(),
  excluded: z.number(),
  selected: z.array(DrawTeamSchema.extend({ enterpriseName: z.string(), inspectionId: z.number().nullable() })),
  unstaffed: z.array(z.number()),
});
export type DrawResponse = z.infer<typeof DrawResponse>;
export const ListDrawsResponse = z.object({ draws: z.array(DrawResponse.omit({ selected: true, unstaffed: true })) });
/** `duban draw verify` and GET /api/inspection-draws/:id/verify. */
export const DrawVerifyResponse = z.object({
  drawId: z.number(),
  seed: z.string(),
  poolsHash: z.string(),
  recomputedHash: z.string(),
  reproduced: z.boolean(),
  selected: z.array(DrawTeamSchema),
  problems: z.array(z.string()),
});
export type DrawVerifyResponse = z.infer<typeof DrawVerifyResponse>;
/** The published pools of a draw: what anyone needs to re-run it. */
export const DrawPoolsResponse = z.object({
  drawId: z.number(),
  seed: z.string(),
  algorithm: z.string(),
  pools: z.unknown(),
});

// ── Inspection records ─────────────────────────────────────────────────────────────────────────────────────────
export const ChecklistEntry = z.object({
  item: Text(500).min(1),
  result: z.enum(['pending', 'ok', 'problem', 'na']),
  note: Text(2000).default(''),
});
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;
export const CreateInspectionRequest = z.object({
  enterpriseId: Id,
  mode: InspectionModeSchema,
  trigger: InspectionTriggerSchema,
  inspectedOn: CivilDateSchema,
  matterId: Id.nullable().default(null),
  planId: Id.nullable().default(null),
  inspectorIds: z.array(Id).min(2, '检查组不少于 2 名执法人员').max(20),
});
export type CreateInspectionRequest = z.input<typeof CreateInspectionRequest>;
export const UpdateInspectionRequest = z.object({
  version: Version,
  checklist: z.array(ChecklistEntry).max(300).optional(),
  summary: Text(20_000).optional(),
  status: z.enum(['scheduled', 'in_progress']).optional(),
});
export type UpdateInspectionRequest = z.input<typeof UpdateInspectionRequest>;
export const SignRequest = z
  .object({
    version: Version,
    outcome: z.enum(['signed', 'refused']),
    signedBy: Text(100).optional(),
    refusalNote: Text(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'signed' && !v.signedBy)
      ctx.addIssue({ code: 'custom', path: ['signedBy'], message: '须填写签字人' });
    if (v.outcome === 'refused' && !v.refusalNote) {
      ctx.addIssue({ code: 'custom', path: ['refusalNote'], message: '拒签须记录情况（时间、在场人员）' });
    }
  });
export type SignRequest = z.infer<typeof SignRequest>;
export const CompleteRequest = z.object({
  version: Version,
  /** 责令限期整改指令书's time limit: required when there are findings. */
  orderDueOn: CivilDateSchema.optional(),
});
export type CompleteRequest = z.infer<typeof CompleteRequest>;
export const AddFindingRequest = z.object({
  /** The device's idempotency key (uuid): sending the same finding twice stores it once. */
  clientKey: z.string().trim().min(8).max(80),
  item: Text(500).default(''),
  description: Text(4000).min(1, '请填写问题描述'),
  place: Text(200).default(''),
  level: z.enum(['general', 'major']),
  photoKeys: z.array(z.string().min(8).max(80)).max(20).default([]),
});
export type AddFindingRequest = z.input<typeof AddFindingRequest>;
export const AddPhotoRequest = z.object({
  clientKey: z.string().trim().min(8).max(80),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  dataBase64: z.string().min(4).max(14_000_000),
});
export type AddPhotoRequest = z.input<typeof AddPhotoRequest>;
export const FindingResponse = z.object({
  id: Id,
  clientKey: z.string(),
  item: z.string(),
  description: z.string(),
  place: z.string(),
  level: z.enum(['general', 'major']),
  photoKeys: z.array(z.string()),
  hazardId: z.number().nullable(),
  createdAt: z.string(),
});
export const InspectionResponse = z.object({
  id: Id,
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  departmentId: z.number().nullable(),
  planId: z.number().nullable(),
  drawId: z.number().nullable(),
  matterId: z.number().nullable(),
  mode: InspectionModeSchema,
  trigger: InspectionTriggerSchema,
  inspectedOn: z.string(),
  status: z.enum(['scheduled', 'in_progress', 'completed']),
  checklist: z.array(ChecklistEntry),
  summary: z.string(),
  signature: z.enum(['pending', 'signed', 'refused']),
  signedBy: z.string().nullable(),
  refusalNote: z.string().nullable(),
  recordNo: z.string().nullable(),
  orderNo: z.string().nullable(),
  orderDueOn: z.string().nullable(),
  team: z.array(z.object({ inspectorId: z.number(), name: z.string(), kind: z.string() })),
  findings: z.array(FindingResponse),
  version: z.number(),
  updatedAt: z.string(),
});
export type InspectionResponse = z.infer<typeof InspectionResponse>;
export const ListInspectionsQuery = z.object({
  from: CivilDateSchema.optional(),
  to: CivilDateSchema.optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ListInspectionsResponse = z.object({
  inspections: z.array(InspectionResponse.omit({ findings: true, checklist: true })),
  total: z.number(),
});
export const FieldDayQuery = z.object({ date: CivilDateSchema.optional() });
/** What the phone caches for a day: its inspections with checklists, and each enterprise's open hazards. */
export const FieldDayResponse = z.object({
  date: z.string(),
  inspections: z.array(InspectionResponse),
  openHazards: z.array(
    z.object({
      enterpriseId: z.number(),
      hazards: z.array(z.object({ id: z.number(), title: z.string(), level: z.string() })),
    }),
  ),
});
export type FieldDayResponse = z.infer<typeof FieldDayResponse>;

// ── Enforcement ────────────────────────────────────────────────────────────────────────────────────────────────
export const EnforcementKindSchema = z.enum(ENFORCEMENT_KINDS);
export const ZeroPenaltyReasonSchema = z.enum(ZERO_PENALTY_REASONS);
export const CreateEnforcementRequest = z.object({
  inspectionId: Id.nullable().default(null),
  enterpriseId: Id,
  kind: EnforcementKindSchema,
  amountYuan: z.number().positive().max(1e10).nullable().default(null),
  days: z.number().int().min(1).max(3650).nullable().default(null),
  legalBasis: Text(2000).default(''),
  decisionNo: Text(100).nullable().default(null),
  decidedOn: CivilDateSchema,
  zeroPenaltyReason: ZeroPenaltyReasonSchema.nullable().default(null),
  zeroPenaltyText: Text(2000).nullable().default(null),
  /** The enterprise has a major hazard (for 第113条's closure rule). */
  majorHazard: z.boolean().default(false),
});
export type CreateEnforcementRequest = z.input<typeof CreateEnforcementRequest>;
export const PublishEnforcementRequest = z.object({ publishedOn: CivilDateSchema });
export const ClosureAlertSchema = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  rule: z.enum(['3-in-180-days', '4-in-a-year']),
  from: z.string(),
  to: z.string(),
});
export const EnforcementResponse = z.object({
  id: Id,
  inspectionId: z.number().nullable(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  departmentId: z.number().nullable(),
  kind: EnforcementKindSchema,
  amountYuan: z.number().nullable(),
  days: z.number().nullable(),
  legalBasis: z.string(),
  decisionNo: z.string().nullable(),
  decidedOn: z.string(),
  publishBy: z.string().nullable(),
  publishedOn: z.string().nullable(),
  publicationOverdue: z.boolean(),
  zeroPenaltyReason: ZeroPenaltyReasonSchema.nullable(),
  zeroPenaltyText: z.string().nullable(),
  majorHazard: z.boolean(),
  closureAlert: ClosureAlertSchema.nullable(),
});
export type EnforcementResponse = z.infer<typeof EnforcementResponse>;
export const ListEnforcementQuery = z.object({
  year: Year.optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
});
export const ListEnforcementResponse = z.object({ actions: z.array(EnforcementResponse) });
export const ClosureAlertsResponse = z.object({ alerts: z.array(ClosureAlertSchema) });

// ── Statistics ─────────────────────────────────────────────────────────────────────────────────────────────────
export const StatsQuery = z.object({
  year: Year,
  /** Optional narrower period inside the year. */
  from: CivilDateSchema.optional(),
  to: CivilDateSchema.optional(),
});
export const StatsFigures = z.object({
  enterprisesSupervised: z.number(),
  enterprisesInspected: z.number(),
  inspections: z.number(),
  plannedInspections: z.number(),
  triggeredInspections: z.number(),
  documents: z.number(),
  hazardsFound: z.number(),
  majorHazardsFound: z.number(),
  hazardsPer1000Inspections: z.number(),
  penalties: z.number(),
  fineTotal: z.number(),
  suspensions: z.number(),
  closures: z.number(),
  referrals: z.number(),
  zeroPenalty: z.number(),
  /** Share of completed inspections with findings that ended without a penalty (只检查不处罚). */
  zeroPenaltyRatio: z.number(),
  flagged: z.boolean(),
});
export type StatsFigures = z.infer<typeof StatsFigures>;
export const StatsResponse = StatsFigures.extend({
  year: z.number(),
  from: z.string(),
  to: z.string(),
  byDepartment: z.array(StatsFigures.extend({ departmentId: z.number().nullable(), departmentName: z.string() })),
  byIndustry: z.array(StatsFigures.extend({ industry: z.string() })),
  byMonth: z.array(
    z.object({ month: z.string(), inspections: z.number(), hazardsFound: z.number(), penalties: z.number() }),
  ),
});
export type StatsResponse = z.infer<typeof StatsResponse>;

// ── Experts ────────────────────────────────────────────────────────────────────────────────────────────────────
export const CreateExpertRequest = z.object({
  name: Text(100).min(1),
  title: Text(100).default(''),
  specialties: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  employerEnterpriseId: Id.nullable().default(null),
  employerName: Text(200).default(''),
  formerEmployerIds: z.array(Id).max(100).default([]),
  phone: Text(40).default(''),
  available: z.boolean().default(true),
  availabilityNote: Text(500).default(''),
});
export type CreateExpertRequest = z.input<typeof CreateExpertRequest>;
export const UpdateExpertRequest = CreateExpertRequest.partial().extend({ version: Version });
export type UpdateExpertRequest = z.input<typeof UpdateExpertRequest>;
export const AddCertificateRequest = z.object({
  name: Text(200).min(1),
  number: Text(100).default(''),
  expiresOn: CivilDateSchema,
});
export const AddEngagementRequest = z.object({
  kind: z.enum(['inspection', 'acceptance', 'consultation']),
  inspectionId: Id.nullable().default(null),
  enterpriseId: Id.nullable().default(null),
  engagedOn: CivilDateSchema,
  note: Text(2000).default(''),
});
export const EvaluateEngagementRequest = z.object({
  score: z.number().int().min(1).max(5),
  evaluation: Text(2000).default(''),
});
export const ExpertResponse = z.object({
  id: Id,
  name: z.string(),
  title: z.string(),
  specialties: z.array(z.string()),
  employerEnterpriseId: z.number().nullable(),
  employerName: z.string(),
  formerEmployerIds: z.array(z.number()),
  phone: z.string(),
  available: z.boolean(),
  availabilityNote: z.string(),
  certificates: z.array(
    z.object({ id: z.number(), name: z.string(), number: z.string(), expiresOn: z.string(), expired: z.boolean() }),
  ),
  engagements: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      inspectionId: z.number().nullable(),
      enterpriseId: z.number().nullable(),
      engagedOn: z.string(),
      note: z.string(),
      score: z.number().nullable(),
      evaluation: z.string().nullable(),
    }),
  ),
  averageScore: z.number().nullable(),
  version: z.number(),
});
export type ExpertResponse = z.infer<typeof ExpertResponse>;
export const ListExpertsQuery = z.object({
  specialty: z.string().optional(),
  available: z.enum(['true', 'false']).optional(),
});
export const ListExpertsResponse = z.object({ experts: z.array(ExpertResponse) });
export const DrawExpertsRequest = z.object({
  enterpriseId: Id,
  specialty: z.string().trim().min(1).optional(),
  count: z.number().int().min(1).max(20),
  purpose: z.enum(['inspection', 'acceptance']),
});
export const DrawExpertsResponse = z.object({
  seed: z.string(),
  poolsHash: z.string(),
  expertIds: z.array(z.number()),
  recused: z.array(z.object({ expertId: z.number(), reason: z.string() })),
});
export const CertificateWarningsResponse = z.object({
  warnings: z.array(
    z.object({
      certificateId: z.number(),
      expertId: z.number(),
      expertName: z.string(),
      certificate: z.string(),
      expiresOn: z.string(),
      stage: z.enum(['due_30', 'expired']),
    }),
  ),
});
