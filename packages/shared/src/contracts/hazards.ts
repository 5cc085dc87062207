import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';
import { HAZARD_ACTION_LABELS, HAZARD_CHANNELS, HAZARD_LEVELS, HAZARD_STATUSES } from '../hazards/hazard-workflow.ts';

// Contracts of the hazard closed loop (modules/hazards): register, steps, 挂牌督办, acceptance, 销号, statistics.

const CivilDate = z
  .string()
  .refine(isCivilDate, { message: '日期格式应为 YYYY-MM-DD (expected a civil date YYYY-MM-DD)' });
const Id = z.coerce.number().int().positive();
const Version = z.number().int().positive();
const Text = (max: number) => z.string().trim().min(1).max(max);

export const IdParams = z.object({ id: Id });
export const HazardStatusSchema = z.enum(HAZARD_STATUSES);
export const HazardLevelSchema = z.enum(HAZARD_LEVELS);
export const HazardChannelSchema = z.enum(HAZARD_CHANNELS);
export const HazardActionSchema = z.enum(Object.keys(HAZARD_ACTION_LABELS) as [string, ...string[]]);
export const ListingLevelSchema = z.enum(['province', 'city', 'county', 'zone']);
export const HAZARD_FILE_KINDS = [
  'before',
  'after',
  'evidence',
  'evaluation',
  'acceptance',
  'report',
  'explanation',
] as const;
export const HazardFileKindSchema = z.enum(HAZARD_FILE_KINDS);

// ── The catalogue of 重大事故隐患判定标准 ────────────────────────────────────────────────────────────────────────────

export const StandardItem = z.object({
  id: z.number().int(),
  article: z.string(),
  articleTitle: z.string(),
  item: z.string(),
  text: z.string(),
  origin: z.enum(['shipped', 'office']),
  source: z.string(),
});
export const HazardStandard = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  issuer: z.string(),
  number: z.string(),
  effectiveDate: z.string().nullable(),
  repealedBy: z.string().nullable(),
  replaces: z.string().nullable(),
  industries: z.array(z.string()),
  source: z.string(),
  note: z.string(),
  inForce: z.boolean(),
  items: z.array(StandardItem),
});
export type HazardStandard = z.infer<typeof HazardStandard>;
export const HazardStandardsResponse = z.object({ standards: z.array(HazardStandard) });
export type HazardStandardsResponse = z.infer<typeof HazardStandardsResponse>;

export const AddStandardItemRequest = z.object({
  article: Text(40),
  articleTitle: z.string().trim().max(200).default(''),
  item: z.string().trim().max(40),
  text: Text(2000),
  /** Where the office took it from (document, page): required, a catalogue entry always names its source. */
  source: Text(500),
});
export type AddStandardItemRequest = z.infer<typeof AddStandardItemRequest>;

// ── Register ──────────────────────────────────────────────────────────────────────────────────────────────────

export const CreateHazardRequest = z
  .object({
    /** An enterprise account may omit it (its own enterprise); everyone else names one. */
    enterpriseId: Id.optional(),
    channel: HazardChannelSchema,
    level: HazardLevelSchema,
    category: z.string().trim().max(100).default(''),
    place: Text(200),
    description: Text(4000),
    foundOn: CivilDate,
    foundBy: Text(100),
    /** A major hazard cites the catalogue item it is judged by (required before confirmation). */
    basisItemId: Id.optional(),
    basisText: z.string().trim().max(1000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.level === 'major' && v.basisItemId === undefined && v.basisText === '') {
      ctx.addIssue({ code: 'custom', path: ['basisItemId'], message: '重大事故隐患须注明判定依据（标准、条款、项）' });
    }
  });
export type CreateHazardRequest = z.infer<typeof CreateHazardRequest>;

export const ListHazardsQuery = z.object({
  status: HazardStatusSchema.optional(),
  level: HazardLevelSchema.optional(),
  channel: HazardChannelSchema.optional(),
  enterpriseId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  listed: z.enum(['1', '0']).optional(),
  overdue: z.enum(['1']).optional(),
  stock: z.enum(['1']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListHazardsQuery = z.infer<typeof ListHazardsQuery>;

export const HazardSummary = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  channel: HazardChannelSchema,
  level: HazardLevelSchema,
  status: HazardStatusSchema,
  place: z.string(),
  description: z.string(),
  foundOn: z.string(),
  timeLimit: z.string().nullable(),
  overdue: z.boolean(),
  listed: z.boolean(),
  closedOn: z.string().nullable(),
  demo: z.boolean(),
  version: z.number().int(),
});
export type HazardSummary = z.infer<typeof HazardSummary>;
/** `total` counts at most 10,000 rows; `totalCapped` says there are more. */
export const ListHazardsResponse = z.object({
  items: z.array(HazardSummary),
  total: z.number().int(),
  totalCapped: z.boolean(),
});
export type ListHazardsResponse = z.infer<typeof ListHazardsResponse>;

const HazardFile = z.object({
  id: z.number().int(),
  kind: HazardFileKindSchema,
  acceptanceId: z.number().int().nullable(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
const Acceptance = z.object({
  id: z.number().int(),
  kind: z.enum(['acceptance', 'on_spot']),
  result: z.enum(['pass', 'fail']),
  acceptedOn: z.string(),
  acceptors: z.string(),
  experts: z.array(z.string()),
  reason: z.string(),
});
const Listing = z.object({
  listingLevel: ListingLevelSchema,
  listingUnit: z.string(),
  supervisingDepartmentId: z.number().int(),
  supervisingDepartment: z.string(),
  listedOn: z.string(),
  batchNo: z.string(),
  noticeNo: z.string(),
  timeLimit: z.string(),
  requirements: z.string(),
});
const Extension = z.object({
  id: z.number().int(),
  currentLimit: z.string(),
  requestedLimit: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
const TimelineEvent = z.object({
  id: z.number().int(),
  kind: z.string(),
  statusAfter: HazardStatusSchema,
  text: z.string(),
  actorName: z.string(),
  at: z.string(),
});

export const HazardResponse = HazardSummary.extend({
  category: z.string(),
  foundBy: z.string(),
  basis: z
    .object({
      itemId: z.number().int().nullable(),
      standard: z.string().nullable(),
      number: z.string().nullable(),
      article: z.string().nullable(),
      item: z.string().nullable(),
      text: z.string(),
    })
    .nullable(),
  report: z.object({
    currentState: z.string().nullable(),
    severity: z.string().nullable(),
    plan: z.string().nullable(),
  }),
  fiveImplementations: z.object({
    responsible: z.string().nullable(),
    measures: z.string().nullable(),
    fundsYuan: z.number().nullable(),
    deadline: z.string().nullable(),
    contingency: z.string().nullable(),
  }),
  evaluation: z
    .object({
      kind: z.enum(['self', 'third_party']),
      organisation: z.string(),
      summary: z.string(),
      evaluatedOn: z.string(),
    })
    .nullable(),
  listing: Listing.nullable(),
  extensions: z.array(Extension),
  acceptances: z.array(Acceptance),
  files: z.array(HazardFile),
  timeline: z.array(TimelineEvent),
  availableActions: z.array(z.string()),
});
export type HazardResponse = z.infer<typeof HazardResponse>;

// ── Steps (every write names the version it saw; a stale one is 409 with details.currentVersion) ────────────────

export const VersionedRequest = z.object({ version: Version, note: z.string().trim().max(2000).default('') });
export type VersionedRequest = z.infer<typeof VersionedRequest>;

export const ConfirmHazardRequest = VersionedRequest.extend({
  level: HazardLevelSchema.optional(),
  basisItemId: Id.optional(),
  basisText: z.string().trim().max(1000).optional(),
});
export type ConfirmHazardRequest = z.infer<typeof ConfirmHazardRequest>;

/** The major-hazard report and the 五落实 (required before rectification of a major hazard starts). */
export const UpdatePlanRequest = z.object({
  version: Version,
  currentState: Text(4000),
  severity: Text(4000),
  plan: Text(8000),
  responsible: Text(100),
  measures: Text(4000),
  fundsYuan: z.number().int().min(0).max(1e12),
  deadline: CivilDate,
  contingency: Text(4000),
});
export type UpdatePlanRequest = z.infer<typeof UpdatePlanRequest>;

export const ListHazardRequest = z.object({
  version: Version,
  listingLevel: ListingLevelSchema,
  listingUnit: Text(100),
  supervisingDepartmentId: Id,
  listedOn: CivilDate,
  batchNo: Text(40),
  timeLimit: CivilDate,
  requirements: z.string().trim().max(4000).default(''),
});
export type ListHazardRequest = z.infer<typeof ListHazardRequest>;

export const EvaluationRequest = z.object({
  version: Version,
  kind: z.enum(['self', 'third_party']),
  organisation: Text(200),
  summary: Text(4000),
  evaluatedOn: CivilDate,
});
export type EvaluationRequest = z.infer<typeof EvaluationRequest>;

export const RecordAcceptanceRequest = z
  .object({
    version: Version,
    result: z.enum(['pass', 'fail']),
    acceptedOn: CivilDate,
    acceptors: Text(200),
    experts: z.array(Text(50)).max(20).default([]),
    /** Experts drawn from the pool for this acceptance (POST /api/experts/draw, purpose 'acceptance'). */
    drawnExpertIds: z.array(z.number().int().positive()).max(20).optional(),
    reason: z.string().trim().max(4000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'fail' && v.reason === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '验收不通过须写明原因' });
    }
  });
export type RecordAcceptanceRequest = z.infer<typeof RecordAcceptanceRequest>;

export const FixOnSpotRequest = z.object({
  version: Version,
  note: Text(2000),
  fixedOn: CivilDate,
});
export type FixOnSpotRequest = z.infer<typeof FixOnSpotRequest>;

export const RequestHazardExtensionRequest = z.object({
  version: Version,
  requestedLimit: CivilDate,
  reason: Text(2000),
});
export type RequestHazardExtensionRequest = z.infer<typeof RequestHazardExtensionRequest>;

export const DecideHazardExtensionRequest = z.object({
  version: Version,
  approve: z.boolean(),
  note: z.string().trim().max(2000).default(''),
});
export type DecideHazardExtensionRequest = z.infer<typeof DecideHazardExtensionRequest>;
export const ExtensionParams = z.object({ id: Id, extensionId: Id });

/** 挂账: the responsible unit's written explanation for an overdue listed hazard. */
export const ExplanationRequest = z.object({ text: Text(4000) });
export type ExplanationRequest = z.infer<typeof ExplanationRequest>;

export const AddHazardFilesResponse = z.object({ files: z.array(HazardFile), version: z.number().int() });
export type AddHazardFilesResponse = z.infer<typeof AddHazardFilesResponse>;

export const NoticeQuery = z.object({ format: z.enum(['docx', 'pdf']).default('docx') });

// ── Statistics ────────────────────────────────────────────────────────────────────────────────────────────────

export const HazardStatsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export type HazardStatsQuery = z.infer<typeof HazardStatsQuery>;

const FoundRectified = z.object({ found: z.number().int(), rectified: z.number().int() });
const Counted = z.array(
  z.object({ key: z.string(), label: z.string(), total: z.number().int(), closed: z.number().int() }),
);

/**
 * `hazards stats --year Y --json` and GET /api/hazards/stats: hazards found in year Y (the contract's first keys)
 * plus breakdowns. rectificationRate = closed / total (0 when total is 0); stock2023 = every hazard found in 2023 or
 * earlier, whatever Y, with how many are closed.
 */
export const HazardStatsResponse = z.object({
  total: z.number().int(),
  major: z.number().int(),
  closed: z.number().int(),
  rectificationRate: z.number(),
  byChannel: z.record(z.string(), z.number().int()),
  byLevel: z.record(z.string(), z.number().int()),
  stock2023: z.object({ total: z.number().int(), closed: z.number().int() }),
  year: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  official: z.object({
    departmentInspection: FoundRectified,
    selfCheck: FoundRectified,
    listed: FoundRectified,
  }),
  byIndustry: Counted,
  byOrgUnit: Counted,
  byMonth: z.array(z.object({ month: z.string(), found: z.number().int(), closed: z.number().int() })),
  stockMajor2023: z.object({ total: z.number().int(), closed: z.number().int() }),
});
export type HazardStatsResponse = z.infer<typeof HazardStatsResponse>;

export const HazardSettings = z.object({
  notifyPrincipal: z.boolean(),
  notifyController: z.boolean(),
  notifyDepartment: z.boolean(),
  remindDaysBefore: z.number().int().min(0).max(90),
  version: z.number().int(),
});
export type HazardSettings = z.infer<typeof HazardSettings>;
export const UpdateHazardSettingsRequest = HazardSettings;
