import { z } from 'zod';
import { isCivilDate } from '../civil-date.ts';

// Enterprise registry (企业名录), the supervision responsibility list (安全生产监管责任清单) and the import.

export const SUPERVISOR_ROLES = ['industry', 'territorial', 'comprehensive'] as const;
export const SupervisorRoleSchema = z.enum(SUPERVISOR_ROLES);
export type SupervisorRole = z.infer<typeof SupervisorRoleSchema>;
export const SUPERVISOR_ROLE_LABELS: Record<SupervisorRole, string> = {
  industry: '行业监管',
  territorial: '属地管理',
  comprehensive: '综合监管',
};

export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'closed'] as const;
export const EnterpriseStatusSchema = z.enum(ENTERPRISE_STATUSES);
export type EnterpriseStatus = z.infer<typeof EnterpriseStatusSchema>;
export const ENTERPRISE_STATUS_LABELS: Record<EnterpriseStatus, string> = {
  operating: '在营',
  suspended: '停产',
  closed: '关闭',
};

export const STANDARDIZATION_LEVELS = ['一级', '二级', '三级', '小微'] as const;
export const StandardizationLevelSchema = z.enum(STANDARDIZATION_LEVELS);

export const CATALOGUE_KINDS = ['industry', 'tag', 'risk_class'] as const;
export const CatalogueKindSchema = z.enum(CATALOGUE_KINDS);

const CivilDate = z
  .string()
  .refine(isCivilDate, { message: '日期格式应为 YYYY-MM-DD (expected a civil date YYYY-MM-DD)' });
const Id = z.coerce.number().int().positive();
const Version = z.number().int().positive();
const Phone = z.string().trim().max(40);
const PersonName = z.string().trim().max(60);

export const IdParams = z.object({ id: Id });

export const ContactSchema = z.object({ name: PersonName.default(''), phone: Phone.default('') });

export const SupervisorInput = z.object({ departmentId: z.number().int().positive(), role: SupervisorRoleSchema });

/** What the office enters for an enterprise (create and edit). The credit code is checked by the server (GB 32100). */
export const EnterpriseInput = z.object({
  name: z.string().trim().min(1, '企业名称不能为空').max(200),
  creditCode: z.string().trim().min(1, '统一社会信用代码不能为空').max(40),
  address: z.string().trim().max(300).default(''),
  locality: z.string().trim().max(100).default(''),
  /** Catalogue codes of kind 'industry' (at least one). */
  industries: z.array(z.string().min(1).max(60)).min(1, '至少选择一个行业').max(20),
  /** Catalogue codes of kind 'tag'. */
  tags: z.array(z.string().min(1).max(60)).max(20).default([]),
  highRisk: z.boolean().default(false),
  standardizationLevel: StandardizationLevelSchema.nullable().default(null),
  /** Catalogue code of kind 'risk_class', or null. */
  riskClass: z.string().max(60).nullable().default(null),
  employees: z.number().int().min(0).max(10_000_000).nullable().default(null),
  principal: ContactSchema.default({ name: '', phone: '' }),
  controller: ContactSchema.default({ name: '', phone: '' }),
  safetyManager: ContactSchema.default({ name: '', phone: '' }),
  openedOn: CivilDate.nullable().default(null),
  note: z.string().trim().max(2000).default(''),
  supervisors: z.array(SupervisorInput).max(30).default([]),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;

export const CreateEnterpriseRequest = EnterpriseInput;
export type CreateEnterpriseRequest = z.infer<typeof CreateEnterpriseRequest>;

/** The whole record again with the version the editor saw: a stale version gives 409 with details.currentVersion. */
export const UpdateEnterpriseRequest = EnterpriseInput.extend({ version: Version });
export type UpdateEnterpriseRequest = z.infer<typeof UpdateEnterpriseRequest>;

/** Opening, suspending and closing (在营 / 停产 / 关闭) with the date it happened. */
export const ChangeEnterpriseStatusRequest = z.object({
  status: EnterpriseStatusSchema,
  on: CivilDate,
  version: Version,
  reason: z.string().trim().max(1000).default(''),
});
export type ChangeEnterpriseStatusRequest = z.infer<typeof ChangeEnterpriseStatusRequest>;

export const CatalogueRef = z.object({ code: z.string(), name: z.string() });

export const SupervisorResponse = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  role: SupervisorRoleSchema,
});

export const EnterpriseResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  address: z.string(),
  locality: z.string(),
  orgUnitName: z.string(),
  industries: z.array(CatalogueRef),
  tags: z.array(CatalogueRef),
  highRisk: z.boolean(),
  standardizationLevel: z.string().nullable(),
  riskClass: CatalogueRef.nullable(),
  employees: z.number().int().nullable(),
  principal: ContactSchema,
  controller: ContactSchema,
  safetyManager: ContactSchema,
  status: EnterpriseStatusSchema,
  openedOn: z.string().nullable(),
  suspendedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  note: z.string(),
  demo: z.boolean(),
  supervisors: z.array(SupervisorResponse),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type EnterpriseResponse = z.infer<typeof EnterpriseResponse>;

export const ListEnterprisesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  industry: z.string().max(60).optional(),
  tag: z.string().max(60).optional(),
  status: EnterpriseStatusSchema.optional(),
  departmentId: Id.optional(),
  highRisk: z.enum(['0', '1']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListEnterprisesQuery = z.infer<typeof ListEnterprisesQuery>;

export const EnterpriseListItem = EnterpriseResponse.pick({
  id: true,
  name: true,
  creditCode: true,
  locality: true,
  industries: true,
  tags: true,
  highRisk: true,
  riskClass: true,
  status: true,
  demo: true,
  supervisors: true,
  version: true,
});
export type EnterpriseListItem = z.infer<typeof EnterpriseListItem>;

export const ListEnterprisesResponse = z.object({ total: z.number().int(), enterprises: z.array(EnterpriseListItem) });
export type ListEnterprisesResponse = z.infer<typeof ListEnterprisesResponse>;

export const EnterpriseVersionsResponse = z.object({
  versions: z.array(
    z.object({
      version: z.number().int(),
      change: z.string(),
      actor: z.string(),
      changedAt: z.string(),
      snapshot: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type EnterpriseVersionsResponse = z.infer<typeof EnterpriseVersionsResponse>;

// ── Catalogue ──────────────────────────────────────────────────────────────────────────────────────────────────

export const CatalogueItem = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: CatalogueKindSchema,
  groupName: z.string().nullable(),
  active: z.boolean(),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;
export const CatalogueResponse = z.object({ items: z.array(CatalogueItem) });
export type CatalogueResponse = z.infer<typeof CatalogueResponse>;

export const AddCatalogueItemRequest = z.object({
  name: z.string().trim().min(1).max(60),
  kind: CatalogueKindSchema,
  groupName: z.string().trim().max(30).nullable().default(null),
});
export type AddCatalogueItemRequest = z.infer<typeof AddCatalogueItemRequest>;

// ── Enterprise accounts ────────────────────────────────────────────────────────────────────────────────────────

export const BindAccountRequest = z.object({ username: z.string().trim().min(1).max(100) });
export type BindAccountRequest = z.infer<typeof BindAccountRequest>;
export const BindAccountResponse = z.object({
  userId: z.number().int(),
  username: z.string(),
  enterpriseId: z.number().int(),
});

// ── Import ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const ImportQuery = z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() });

/** One row as the import read it (the CLI contract's shape, plus the row number and locality). */
export const ImportedEnterprise = z.object({
  row: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  industries: z.array(z.string()),
  tags: z.array(z.string()),
  orgUnit: z.string(),
  locality: z.string(),
  status: EnterpriseStatusSchema,
  supervisors: z.array(z.object({ department: z.string(), role: SupervisorRoleSchema })),
  /** 'create' a new record, 'update' the registered one with this code, 'same' nothing differs. */
  action: z.enum(['create', 'update', 'same']),
});
export type ImportedEnterprise = z.infer<typeof ImportedEnterprise>;

export const ImportProblem = z.object({ row: z.number().int(), message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportEnterprisesResponse = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  enterprises: z.array(ImportedEnterprise),
  problems: z.array(ImportProblem),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportEnterprisesResponse = z.infer<typeof ImportEnterprisesResponse>;

// ── 安全生产监管责任清单 ─────────────────────────────────────────────────────────────────────────────────────────

/** One enterprise of the list. The public form carries no phone numbers and no internal ids. */
export const SupervisionListRow = z.object({
  seq: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  address: z.string(),
  locality: z.string(),
  industries: z.array(z.string()),
  status: EnterpriseStatusSchema,
  industrySupervisors: z.array(z.string()),
  territorialSupervisors: z.array(z.string()),
  comprehensiveSupervisors: z.array(z.string()),
});
export type SupervisionListRow = z.infer<typeof SupervisionListRow>;

export const SupervisionListResponse = z.object({
  title: z.string(),
  orgUnit: z.string(),
  asOf: z.string(),
  total: z.number().int(),
  rows: z.array(SupervisionListRow),
});
export type SupervisionListResponse = z.infer<typeof SupervisionListResponse>;

/** Paging and search of the list (JSON): at most 2,000 rows a page by default, 5,000 at most; `total` counts all matches. */
export const SupervisionListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(2000),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SupervisionListQuery = z.infer<typeof SupervisionListQuery>;

export const SupervisionListExportQuery = z.object({ format: z.enum(['xlsx', 'pdf']) });

// ── CLI ────────────────────────────────────────────────────────────────────────────────────────────────────────

export const CheckCodeResult = z.object({
  code: z.string(),
  valid: z.boolean(),
  expected: z.string().nullable(),
  message: z.string().nullable(),
});
