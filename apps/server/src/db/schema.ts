import type { INSPECTION_MODES, INSPECTION_TRIGGERS } from '@duban/shared/contracts/inspections';
import type { HazardChannel } from '@duban/shared/hazards/hazard-workflow';
import type { EnforcementKind, ZeroPenaltyReason } from '@duban/shared/inspections/enforcement';
import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for Kysely. Conventions on both databases:
 * civil dates are 'YYYY-MM-DD' text, timestamps ISO-8601 UTC text, booleans 0/1 integers, JSON as text.
 */
export interface OrgUnitTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'zone';
  created_at: string;
}

/** Reporting cadence of a campaign's ongoing (长期坚持) track. */
export type ReportCadence = 'monthly' | 'quarterly' | 'halfyearly';

export interface CampaignTable {
  id: Generated<number>;
  org_unit_id: number;
  code: string;
  name: string;
  start_year: number;
  end_year: number;
  report_cadence: Generated<ReportCadence>;
  created_at: string;
}

export interface TaskListTable {
  id: Generated<number>;
  org_unit_id: number;
  campaign_id: number;
  year: number;
  title: string;
  source_name: string;
  source_format: string;
  source_sha256: string;
  source_bytes: Uint8Array;
  imported_at: string;
  updated_at: string;
}

export interface CategoryTable {
  id: Generated<number>;
  task_list_id: number;
  seq: number;
  title: string;
}

export interface TaskTable {
  id: Generated<number>;
  task_list_id: number;
  category_id: number | null;
  seq: number;
  no: string;
  text: string;
  departments_text: string;
  deadline_text: string;
  /** The office's corrected deadline phrase; the schedule is read from it when set. */
  deadline_override: Generated<string | null>;
  deadline_needs_review: number;
  deadline_unparsed: string;
  deadline_ongoing: number;
  source_progress: string | null;
  source_row: number;
}

export type DepartmentKind = 'department' | 'committee' | 'external' | 'group';

export interface DepartmentTable {
  id: Generated<number>;
  org_unit_id: number;
  name: string;
  kind: DepartmentKind;
  /** 0 when the importer created it from an unknown name: the office must confirm it. */
  confirmed: number;
  created_at: string;
  /** Set when the office retired it (migration 0016): no new duties; its history stays. */
  retired_at: string | null;
}

export interface DepartmentAliasTable {
  id: Generated<number>;
  org_unit_id: number;
  department_id: number;
  alias: string;
}

export interface DepartmentGroupMemberTable {
  group_id: number;
  department_id: number;
}

export type AssignmentRole = 'lead' | 'co' | 'supervise';

export interface AssignmentTable {
  id: Generated<number>;
  task_id: number;
  department_id: number;
  role: AssignmentRole;
  /** Set when the assignment came from a group (安委会各成员单位): the group's department id. */
  via_group_id: number | null;
  seq: number;
}

export interface ScheduleRuleTable {
  id: Generated<number>;
  task_id: number;
  seq: number;
  kind: string;
  /** The parsed rule as JSON (ScheduleRule from packages/shared). */
  spec: string;
  min_count: number;
  condition: string | null;
  source: string;
}

export interface OccurrenceTable {
  id: Generated<number>;
  assignment_id: number;
  rule_id: number;
  period_key: string;
  window_start: string;
  due_date: string;
  min_count: number;
  condition: string | null;
  /** Kept in step with the occurrence's reports: 'none' | 'draft' | 'submitted' | 'returned' | 'accepted'. */
  report_state: Generated<'none' | 'draft' | 'submitted' | 'returned' | 'accepted'>;
  /** Civil dates (Asia/Shanghai) of the latest submission and of the acceptance: compared with due dates. */
  submitted_at: Generated<string | null>;
  accepted_at: Generated<string | null>;
  /** Due date after an approved extension; due_date keeps the original. */
  extended_due: Generated<string | null>;
  /** The assignment's department, denormalised for the inbox and dashboard. */
  department_id: number | null;
  version: Generated<number>;
}

export interface UserTable {
  id: Generated<number>;
  org_unit_id: number;
  username: string;
  display_name: string;
  role: 'office_admin' | 'office_staff' | 'leader' | 'department' | 'enterprise';
  department_id: number | null;
  password_hash: string;
  disabled: number;
  created_at: string;
  /** 1 for a department head (负责人): notified of 约谈 and escalations. */
  is_head: Generated<number>;
  enterprise_id: number | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  version: Generated<number>;
  /** 1: may handle whistleblower reports and open a reporter's sealed identity (migration 0012). */
  can_handle_reports: Generated<number>;
  /** 1 after a generated password (first account, reset): the next login must set a new one (migration 0009). */
  must_change_password: Generated<number>;
}

export type UserRole = UserTable['role'];

export interface SessionTable {
  /** sha256 of the session token: the token itself is only in the cookie. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  org_unit_id: number;
  name: string;
  token_hash: string;
  role: UserRole;
  department_id: number | null;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
  /** ISO timestamp after which the token is refused (migration 0008); null = no expiry (older tokens). */
  expires_at: string | null;
  last_used_at: string | null;
}

/** Failed sign-in / password-change attempts per key ('login:<lower username>' or 'password:<user id>'), 0008. */
export interface LoginThrottleTable {
  throttle_key: string;
  failures: number;
  last_failure_at: string;
}

/** Signed audit checkpoints (0008): kind 'head' (latest head, updated with every event) or 'anchor'/'seal'. */
export interface AuditCheckpointTable {
  id: Generated<number>;
  kind: 'head' | 'anchor' | 'seal';
  head_id: number;
  event_count: number;
  head_hash: string;
  created_at: string;
  /** HMAC-SHA256 (audit key) of kind|head_id|event_count|head_hash. */
  mac: string;
}

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned' | 'resubmitted';

export interface ReportTable {
  id: Generated<number>;
  org_unit_id: number;
  occurrence_id: number;
  department_id: number;
  text: string;
  work_date: string;
  status: ReportStatus;
  return_reason: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  version: Generated<number>;
}

export interface EvidenceFileTable {
  id: Generated<number>;
  report_id: number;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by: number;
  created_at: string;
}

export type SupervisionKind = 'reminder' | 'urge' | 'notice' | 'interview' | 'bulletin';

export interface SupervisionActionTable {
  id: Generated<number>;
  org_unit_id: number;
  occurrence_id: number;
  department_id: number;
  kind: SupervisionKind;
  note: string;
  reply_by: string | null;
  reply_text: string | null;
  replied_at: string | null;
  replied_by: number | null;
  actor: string;
  created_at: string;
  version: Generated<number>;
  /** The 督办通知 (batch) this record was issued in, if any (migration 0009). */
  batch_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One numbered 督办/催办 notice to one department covering several 任务事项 (migration 0009). */
export interface SupervisionBatchTable {
  id: Generated<number>;
  org_unit_id: number;
  department_id: number;
  kind: 'urge' | 'notice';
  year: number;
  seq_no: number;
  /** The 文号, e.g. 开安委办督〔2024〕3号. */
  doc_no: string;
  note: string;
  reply_by: string | null;
  actor: string;
  created_at: string;
}

/** The unit's 文号 patterns: {year} and {n} are replaced (migration 0009). */
export interface SupervisionSettingsTable {
  org_unit_id: number;
  notice_pattern: string;
  urge_pattern: string;
  updated_at: string;
  version: Generated<number>;
}

/** The last 督办/催办 document number per unit × kind × year, raised in the issuing transaction (migration 0016). */
export interface SupervisionDocCounterTable {
  org_unit_id: number;
  kind: string;
  year: number;
  last_no: number;
}

export interface ExtensionRequestTable {
  id: Generated<number>;
  org_unit_id: number;
  occurrence_id: number;
  department_id: number;
  reason: string;
  original_due: string;
  requested_due: string;
  status: 'pending' | 'approved' | 'refused';
  requested_by: number;
  created_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  version: Generated<number>;
}

export interface AuditEventTable {
  id: Generated<number>;
  org_unit_id: number | null;
  occurred_at: string;
  /** 'user:<id>', 'cli', 'system' */
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface HolidayYearTable {
  year: number;
  /** The HolidayYear JSON (packages/shared/src/workdays/holiday-calendar.ts). */
  data: string;
  loaded_at: string;
}

/** What an exported .xlsx held (modules/documents/export): a returned sheet is read against it. */
export interface ExportSnapshotTable {
  id: Generated<number>;
  org_unit_id: number;
  task_list_id: number;
  year: number;
  /** '2024-03', '2024-Q1', '2024-H1', '2024' or 'asof-2024-06-30' (modules/documents/report-period.ts). */
  period_key: string;
  /** Set when a department exported its own rows. */
  department_id: number | null;
  /** Random, written into the sheet's hidden marker: the only way a returned sheet finds its snapshot. */
  token: string;
  /** ExportSnapshotRow[] as JSON: per sheet row the task, its 序号 and hashes of the exported cells. */
  rows: string;
  actor: string;
  created_at: string;
}

/** 通报 for a period: figures frozen at drafting, text sections the office edits, then published (frozen). */
export interface BulletinTable {
  id: Generated<number>;
  org_unit_id: number;
  task_list_id: number;
  year: number;
  period_key: string;
  as_of: string;
  title: string;
  /** BulletinSections as JSON (summary, praise, criticism, requirements). */
  sections: string;
  /** BulletinFigures as JSON. */
  figures: string;
  status: 'draft' | 'published';
  created_by: number | null;
  created_at: string;
  updated_at: string;
  published_by: number | null;
  published_at: string | null;
  version: Generated<number>;
}

// ── Reminders and notifications (migration 0006) ────────────────────────────────────────────────────────────────

export interface ReminderPolicyTable {
  campaign_id: number;
  org_unit_id: number;
  /** The ReminderPolicy JSON (modules/reminders/reminders.schemas.ts). */
  policy: string;
  updated_at: string;
  updated_by: string;
  version: Generated<number>;
}

export type ReminderStepStatus = 'sent' | 'skipped';

export interface ReminderStepTable {
  id: Generated<number>;
  org_unit_id: number;
  occurrence_id: number;
  /** The effective due date the step was computed from: an extension starts a fresh set of steps. */
  due_date: string;
  /** 'remind-7' | 'remind-1' | 'remind-0' | 'urge' | 'notice' | 'interview' */
  step: string;
  fire_date: string;
  scan_date: string;
  status: ReminderStepStatus;
  reason: string | null;
  supervision_action_id: number | null;
  claimed_at: string;
}

export type ChannelKind = 'email' | 'dingtalk' | 'wecom' | 'feishu' | 'webhook';

export interface NotificationChannelTable {
  id: Generated<number>;
  org_unit_id: number;
  /** null: the unit's own channel (the office), which gets what the policy copies to the office. */
  department_id: number | null;
  kind: ChannelKind;
  name: string;
  /** Webhook URL (with its access token) or e-mail address. Never returned in full. */
  target: string;
  /** Signing secret; never returned. */
  secret: string | null;
  enabled: number;
  digest: number;
  quiet_start: string | null;
  quiet_end: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface NotificationPreferenceTable {
  user_id: number;
  email: string | null;
  email_enabled: number;
  digest: number;
  /** 'HH:MM' Asia/Shanghai; both null = no quiet hours. */
  quiet_start: string | null;
  quiet_end: string | null;
  updated_at: string;
}

export interface NotificationQueueTable {
  id: Generated<number>;
  org_unit_id: number;
  /** Set for a 任务事项 step (subject_kind 'occurrence'); null for other subjects (migration 0015). */
  step_id: number | null;
  occurrence_id: number | null;
  /** 'occurrence' (a reminder step of a 任务事项) or another domain's subject, e.g. 'hazard' (migration 0015). */
  subject_kind: ColumnType<string, string | undefined, string>;
  subject_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Exactly one of user_id / channel_id is set. */
  user_id: number | null;
  channel_id: number | null;
  /** The NotificationItem JSON snapshot. */
  payload: string;
  status: 'queued' | 'composed' | 'dropped';
  created_at: string;
  composed_at: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  org_unit_id: number;
  user_id: number;
  /** The step kind of a single item, or 'digest'. */
  kind: string;
  title: string;
  body: string;
  /** NotificationItem[] JSON. */
  items: string;
  created_at: string;
  read_at: string | null;
  /** The 任务事项 a single notice is about, when it has no items (migration 0009). */
  occurrence_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface NotificationDeliveryTable {
  id: Generated<number>;
  org_unit_id: number;
  channel: ChannelKind;
  channel_id: number | null;
  user_id: number | null;
  /** E-mail address, or the channel's name. */
  recipient: string;
  items: string;
  /** A rendered notice of another subject than occurrences (JSON), sent as it is (migration 0015). */
  notice: ColumnType<string | null, string | null | undefined, string | null>;
  status: DeliveryStatus;
  attempts: Generated<number>;
  max_attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface CalendarFeedTable {
  id: Generated<number>;
  org_unit_id: number;
  kind: 'department' | 'user';
  department_id: number | null;
  user_id: number | null;
  name: string;
  /** sha256 of the URL token: the token itself is shown once. */
  token_hash: string;
  created_by: number;
  created_at: string;
  revoked_at: string | null;
}

// ── Whistleblowing and the public portal (migration 0012) ─────────────────────────────────────────────────────────

export type WhistleStatus = 'received' | 'accepted' | 'transferred' | 'duplicate' | 'investigating' | 'concluded';

export interface WhistleReportTable {
  id: Generated<number>;
  org_unit_id: number;
  receipt_code: string;
  password_hash: string;
  category: string;
  enterprise_id: number | null;
  enterprise_name: string;
  place: string;
  description: string;
  anonymous: number;
  is_employee: number;
  status: WhistleStatus;
  department_id: number | null;
  transfer_to: string | null;
  duplicate_of: number | null;
  investigation: string | null;
  /** 'verified' (查实) | 'unfounded' (不实) */
  conclusion: string | null;
  conclusion_reason: string | null;
  /** The linked hazard (hazards module) of a verified report. */
  hazard_id: number | null;
  public_reply: string | null;
  received_on: string;
  accepted_on: string | null;
  due_on: string | null;
  extension_days: Generated<number>;
  extension_reason: string | null;
  extension_approved_by: string | null;
  concluded_on: string | null;
  feedback_due_on: string | null;
  feedback_on: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface WhistleIdentityTable {
  report_id: number;
  /** AES-256-GCM sealed JSON {name, contact}: 'v1.<iv>.<tag>.<ciphertext>' (base64url). */
  sealed: string;
  created_at: string;
}

export interface WhistleAttachmentTable {
  id: Generated<number>;
  report_id: number;
  storage_key: string;
  kind: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface WhistleLookupAttemptTable {
  code_hash: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface WhistleRewardTable {
  id: Generated<number>;
  org_unit_id: number;
  report_id: number;
  basis: 'fine' | 'concealed_accident';
  fine_yuan: number | null;
  deaths: number | null;
  accident_grade: string | null;
  computed_yuan: number;
  amount_yuan: number;
  /** The tariff JSON the amount was computed with. */
  tariff: string;
  note: string | null;
  status: 'proposed' | 'approved' | 'refused' | 'claimed' | 'paid';
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  claimed_at: string | null;
  /** Sealed like the identity: how the reporter wants to be paid. */
  payee_sealed: string | null;
  paid_on: string | null;
  version: Generated<number>;
}

export interface WhistleDeadlineStepTable {
  id: Generated<number>;
  report_id: number;
  due_on: string;
  step: string;
  claimed_at: string;
}

/** A windowed abuse counter of the public side (bucket × fixed window start in ms), shared by every instance. */
export interface PublicRateCounterTable {
  bucket: string;
  window_start: number;
  hits: number;
}

export interface WhistlePolicyTable {
  org_unit_id: number;
  policy: string;
  updated_at: string;
  updated_by: string;
  version: Generated<number>;
}

export interface KnowledgeArticleTable {
  id: Generated<number>;
  org_unit_id: number;
  slug: string;
  title: string;
  /** Sanitised HTML (sanitize-html on write). */
  body_html: string;
  published: number;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** Raised by every audited write of the unit (row 0: of every unit); cached read models are keyed by it. */
export interface ReadModelVersionTable {
  org_unit_id: number;
  version: Generated<number>;
}

// ── Enterprises (migration 0010) ──────────────────────────────────────────────────────────────────────────────────

export type CatalogueKind = 'industry' | 'tag' | 'risk_class';

/** Industries, special tags and risk classes: seeded, the office adds rows and retires them (active = 0). */
export interface IndustryCatalogueTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: CatalogueKind;
  /** '工贸' for the 工贸 sub-industries, else null. */
  group_name: string | null;
  seq: number;
  active: Generated<number>;
  created_at: string;
}

export type EnterpriseStatus = 'operating' | 'suspended' | 'closed';

export interface EnterpriseTable {
  id: Generated<number>;
  org_unit_id: number;
  name: string;
  /** 统一社会信用代码 (GB 32100), 18 characters, unique per unit. */
  credit_code: string;
  address: Generated<string>;
  /** 属地: street / town / park inside the unit. */
  locality: Generated<string>;
  high_risk: Generated<number>;
  /** '一级' | '二级' | '三级' | '小微' | null */
  standardization_level: string | null;
  /** Code of an industry_catalogue row of kind 'risk_class', or null. */
  risk_class: string | null;
  employees: number | null;
  principal_name: Generated<string>;
  principal_phone: Generated<string>;
  controller_name: Generated<string>;
  controller_phone: Generated<string>;
  safety_manager_name: Generated<string>;
  safety_manager_phone: Generated<string>;
  status: Generated<EnterpriseStatus>;
  opened_on: string | null;
  suspended_on: string | null;
  closed_on: string | null;
  note: Generated<string>;
  /** 1 for the demo set loaded on first start. */
  demo: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface EnterpriseVersionTable {
  id: Generated<number>;
  enterprise_id: number;
  version: number;
  /** 'created' | 'updated' | 'status' | 'imported' */
  change: string;
  /** JSON: the whole record (with industries, tags and supervisors) as it was at this version. */
  snapshot: string;
  actor: string;
  changed_at: string;
}

export interface EnterpriseIndustryTable {
  enterprise_id: number;
  catalogue_id: number;
}

export type SupervisorRole = 'industry' | 'territorial' | 'comprehensive';

export interface EnterpriseSupervisorTable {
  id: Generated<number>;
  enterprise_id: number;
  department_id: number;
  /** 'industry' 行业监管 | 'territorial' 属地管理 | 'comprehensive' 综合监管 */
  role: SupervisorRole;
}

// ── Inspections and enforcement (migration 0013) ─────────────────────────────────────────────────────────────────

export interface InspectionProfileTable {
  id: Generated<number>;
  org_unit_id: number;
  enterprise_id: number;
  /** A class code of the plan's class table (seed/inspection-classes). */
  class_code: string;
  is_key: number;
  updated_at: string;
}

export type InspectionPlanStatus = 'draft' | 'approved' | 'published';

export interface InspectionPlanTable {
  id: Generated<number>;
  org_unit_id: number;
  year: number;
  title: string;
  class_table: string;
  /** JSON: capacity inputs (inspector days, visits per team-day, team size). */
  inputs: string;
  /** JSON: PlanSummary. */
  summary: string;
  status: Generated<InspectionPlanStatus>;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
  published_at: string | null;
  version: Generated<number>;
}

export interface InspectionPlanItemTable {
  id: Generated<number>;
  plan_id: number;
  enterprise_id: number;
  department_id: number | null;
  class_code: string;
  is_key: number;
  planned: number;
  /** Comma-separated months 1–12. */
  months: string;
}

export interface InspectionMatterTable {
  id: Generated<number>;
  org_unit_id: number;
  code: string;
  title: string;
  basis: Generated<string>;
  department_id: number | null;
  /** JSON string[]: the checklist items. */
  checklist: string;
  active: Generated<number>;
  created_at: string;
}

export interface InspectorTable {
  id: Generated<number>;
  org_unit_id: number;
  kind: 'staff' | 'expert';
  user_id: number | null;
  expert_id: number | null;
  name: string;
  department_id: number | null;
  active: Generated<number>;
  created_at: string;
}

export interface InspectorConflictTable {
  id: Generated<number>;
  inspector_id: number;
  enterprise_id: number;
  kind: 'employer' | 'declared';
  note: Generated<string>;
  created_at: string;
}

export interface InspectionDrawTable {
  id: Generated<number>;
  org_unit_id: number;
  title: string;
  matter_id: number | null;
  seed: string;
  pools_hash: string;
  /** JSON DrawPools as drawn (canonical). */
  pools: string;
  /** JSON DrawResult. */
  result: string;
  algorithm: string;
  status: Generated<'drawn' | 'published'>;
  drawn_by: string;
  drawn_at: string;
  published_at: string | null;
}

export interface InspectionTable {
  id: Generated<number>;
  org_unit_id: number;
  enterprise_id: number;
  enterprise_name: string;
  department_id: number | null;
  plan_id: number | null;
  draw_id: number | null;
  matter_id: number | null;
  mode: (typeof INSPECTION_MODES)[number];
  trigger: (typeof INSPECTION_TRIGGERS)[number];
  inspected_on: string;
  status: Generated<'scheduled' | 'in_progress' | 'completed'>;
  /** JSON [{item, result: 'pending'|'ok'|'problem'|'na', note}]. */
  checklist: string;
  summary: Generated<string>;
  signature: Generated<'pending' | 'signed' | 'refused'>;
  signed_by: string | null;
  refusal_note: string | null;
  record_no: string | null;
  order_no: string | null;
  order_due_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface InspectionTeamTable {
  inspection_id: number;
  inspector_id: number;
}

export interface InspectionFindingTable {
  id: Generated<number>;
  inspection_id: number;
  client_key: string;
  item: Generated<string>;
  description: string;
  place: Generated<string>;
  level: 'general' | 'major';
  /** JSON string[]: photo client keys. */
  photos: Generated<string>;
  hazard_id: number | null;
  created_by: string;
  created_at: string;
}

export interface InspectionPhotoTable {
  id: Generated<number>;
  inspection_id: number;
  client_key: string;
  sha256: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface EnforcementActionTable {
  id: Generated<number>;
  org_unit_id: number;
  inspection_id: number | null;
  enterprise_id: number;
  enterprise_name: string;
  department_id: number | null;
  kind: EnforcementKind;
  amount_fen: number | null;
  days: number | null;
  legal_basis: Generated<string>;
  decision_no: string | null;
  decided_on: string;
  publish_by: string | null;
  published_on: string | null;
  zero_reason: ZeroPenaltyReason | null;
  zero_text: string | null;
  major_hazard: Generated<number>;
  created_by: string;
  created_at: string;
}

export interface ExpertTable {
  id: Generated<number>;
  org_unit_id: number;
  name: string;
  title: Generated<string>;
  /** JSON string[] of industry codes. */
  specialties: Generated<string>;
  employer_enterprise_id: number | null;
  employer_name: Generated<string>;
  /** JSON number[]: enterprises the expert worked for before (recusal). */
  former_employer_ids: Generated<string>;
  phone: Generated<string>;
  available: Generated<number>;
  availability_note: Generated<string>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface ExpertCertificateTable {
  id: Generated<number>;
  expert_id: number;
  name: string;
  number: Generated<string>;
  expires_on: string;
  created_at: string;
}

export interface ExpertCertificateWarningTable {
  certificate_id: number;
  expires_on: string;
  stage: string;
  claimed_at: string;
}

/** The last number given per unit × document kind × year (migration 0018): allocation is one atomic upsert. */
export interface InspectionDocumentCounterTable {
  org_unit_id: number;
  kind: 'record_no' | 'order_no';
  year: number;
  last_no: number;
}

export interface ExpertEngagementTable {
  id: Generated<number>;
  expert_id: number;
  kind: string;
  inspection_id: number | null;
  enterprise_id: number | null;
  engaged_on: string;
  note: Generated<string>;
  score: number | null;
  evaluation: string | null;
  evaluated_by: string | null;
  created_at: string;
}

// ── Hazards (migration 0011) ────────────────────────────────────────────────────────────────────────────────────

export interface HazardStandardTable {
  id: Generated<number>;
  code: string;
  title: string;
  issuer: string;
  number: string;
  effective_date: string | null;
  repealed_by: string | null;
  replaces: string | null;
  /** JSON string[]. */
  industries: string;
  source: string;
  note: Generated<string>;
  updated_at: string;
}

export interface HazardStandardItemTable {
  id: Generated<number>;
  standard_id: number;
  article: string;
  article_title: Generated<string>;
  item: string;
  text: string;
  seq: number;
  origin: 'shipped' | 'office';
  source: Generated<string>;
  added_by: string | null;
  created_at: string;
}

export interface HazardTable {
  id: Generated<number>;
  org_unit_id: number;
  enterprise_id: number;
  channel: HazardChannel;
  level: 'general' | 'major';
  status: 'reported' | 'confirmed' | 'rectifying' | 'acceptance_requested' | 'accepted' | 'closed';
  category: Generated<string>;
  place: string;
  description: string;
  found_on: string;
  found_by: string;
  reported_by: number | null;
  basis_item_id: number | null;
  basis_text: Generated<string>;
  report_current_state: string | null;
  report_severity: string | null;
  report_plan: string | null;
  plan_responsible: string | null;
  plan_measures: string | null;
  plan_funds_yuan: number | null;
  plan_deadline: string | null;
  plan_contingency: string | null;
  time_limit: string | null;
  evaluation_kind: 'self' | 'third_party' | null;
  evaluation_org: string | null;
  evaluation_summary: string | null;
  evaluated_on: string | null;
  rectified_on: string | null;
  closed_on: string | null;
  closed_by: number | null;
  demo: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface HazardListingTable {
  id: Generated<number>;
  org_unit_id: number;
  hazard_id: number;
  listing_level: 'province' | 'city' | 'county' | 'zone';
  listing_unit: string;
  supervising_department_id: number;
  listed_on: string;
  batch_no: string;
  notice_no: string;
  notice_year: number;
  notice_seq: number;
  time_limit: string;
  requirements: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface HazardExtensionTable {
  id: Generated<number>;
  hazard_id: number;
  current_limit: string;
  requested_limit: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  version: Generated<number>;
}

export interface HazardAcceptanceTable {
  id: Generated<number>;
  hazard_id: number;
  kind: 'acceptance' | 'on_spot';
  result: 'pass' | 'fail';
  accepted_on: string;
  acceptors: string;
  /** JSON string[]. */
  experts: Generated<string>;
  reason: Generated<string>;
  recorded_by: string;
  created_at: string;
}

export interface HazardFileTable {
  id: Generated<number>;
  hazard_id: number;
  acceptance_id: number | null;
  kind: 'before' | 'after' | 'evidence' | 'evaluation' | 'acceptance' | 'report' | 'explanation';
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by: string;
  created_at: string;
}

export interface HazardEventTable {
  id: Generated<number>;
  hazard_id: number;
  kind: string;
  status_after: HazardTable['status'];
  text: Generated<string>;
  /** JSON object. */
  data: Generated<string>;
  actor: string;
  actor_name: Generated<string>;
  at: string;
}

export interface HazardReminderClaimTable {
  id: Generated<number>;
  hazard_id: number;
  due_date: string;
  step: string;
  scan_date: string;
  recipients: Generated<number>;
  claimed_at: string;
}

export interface HazardSettingsTable {
  org_unit_id: number;
  notify_principal: Generated<number>;
  notify_controller: Generated<number>;
  notify_department: Generated<number>;
  remind_days_before: Generated<number>;
  updated_at: string;
  version: Generated<number>;
}

/** Hazard statistics' counts (migration 0015), kept by every hazard write in its transaction. */
export interface HazardSummaryTable {
  org_unit_id: number;
  /** 'YYYY-MM' of found_on. */
  found_month: string;
  /** 'YYYY-MM' of closed_on, '' while not closed. */
  closed_month: string;
  channel: string;
  level: string;
  status: string;
  n: number;
}

/** Hazard counts per industry of the enterprise (an enterprise in two industries counts in both). */
export interface HazardIndustrySummaryTable {
  org_unit_id: number;
  found_month: string;
  catalogue_id: number;
  closed: number;
  n: number;
}

/** Shared file storage in the database (migration 0019, DUBAN_STORAGE=database): one row per sha256 of content. */
export interface EvidenceBlobTable {
  sha256: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

export interface Database {
  evidence_blobs: EvidenceBlobTable;
  rollup_zone_links: RollupZoneLinkTable;
  rollup_task_links: RollupTaskLinkTable;
  rollup_submissions: RollupSubmissionTable;
  read_model_versions: ReadModelVersionTable;
  export_snapshots: ExportSnapshotTable;
  bulletins: BulletinTable;
  holiday_years: HolidayYearTable;
  audit_events: AuditEventTable;
  org_units: OrgUnitTable;
  campaigns: CampaignTable;
  task_lists: TaskListTable;
  categories: CategoryTable;
  tasks: TaskTable;
  departments: DepartmentTable;
  department_aliases: DepartmentAliasTable;
  department_group_members: DepartmentGroupMemberTable;
  assignments: AssignmentTable;
  schedule_rules: ScheduleRuleTable;
  occurrences: OccurrenceTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  audit_checkpoints: AuditCheckpointTable;
  reports: ReportTable;
  evidence_files: EvidenceFileTable;
  supervision_actions: SupervisionActionTable;
  supervision_batches: SupervisionBatchTable;
  supervision_settings: SupervisionSettingsTable;
  supervision_doc_counters: SupervisionDocCounterTable;
  extension_requests: ExtensionRequestTable;
  reminder_policies: ReminderPolicyTable;
  reminder_steps: ReminderStepTable;
  notification_channels: NotificationChannelTable;
  notification_preferences: NotificationPreferenceTable;
  notification_queue: NotificationQueueTable;
  notifications: NotificationTable;
  notification_deliveries: NotificationDeliveryTable;
  calendar_feeds: CalendarFeedTable;
  industry_catalogue: IndustryCatalogueTable;
  enterprises: EnterpriseTable;
  enterprise_versions: EnterpriseVersionTable;
  enterprise_industries: EnterpriseIndustryTable;
  enterprise_supervisors: EnterpriseSupervisorTable;
  hazard_standards: HazardStandardTable;
  hazard_standard_items: HazardStandardItemTable;
  hazards: HazardTable;
  hazard_listings: HazardListingTable;
  hazard_extensions: HazardExtensionTable;
  hazard_acceptances: HazardAcceptanceTable;
  hazard_files: HazardFileTable;
  hazard_events: HazardEventTable;
  hazard_reminder_claims: HazardReminderClaimTable;
  hazard_settings: HazardSettingsTable;
  hazard_summary: HazardSummaryTable;
  hazard_industry_summary: HazardIndustrySummaryTable;
  whistle_reports: WhistleReportTable;
  whistle_identities: WhistleIdentityTable;
  whistle_attachments: WhistleAttachmentTable;
  whistle_lookup_attempts: WhistleLookupAttemptTable;
  whistle_rewards: WhistleRewardTable;
  whistle_deadline_steps: WhistleDeadlineStepTable;
  whistle_policies: WhistlePolicyTable;
  public_rate_counters: PublicRateCounterTable;
  knowledge_articles: KnowledgeArticleTable;
  inspection_profiles: InspectionProfileTable;
  inspection_plans: InspectionPlanTable;
  inspection_plan_items: InspectionPlanItemTable;
  inspection_matters: InspectionMatterTable;
  inspectors: InspectorTable;
  inspector_conflicts: InspectorConflictTable;
  inspection_draws: InspectionDrawTable;
  inspections: InspectionTable;
  inspection_team: InspectionTeamTable;
  inspection_findings: InspectionFindingTable;
  inspection_photos: InspectionPhotoTable;
  enforcement_actions: EnforcementActionTable;
  experts: ExpertTable;
  expert_certificates: ExpertCertificateTable;
  expert_certificate_warnings: ExpertCertificateWarningTable;
  expert_engagements: ExpertEngagementTable;
  inspection_document_counters: InspectionDocumentCounterTable;
}

/** Issue 16: an upper unit's department registry entry that stands for a child org unit (the zone of its list). */
export interface RollupZoneLinkTable {
  id: Generated<number>;
  /** The upper unit (city, province) whose registry holds the entry. */
  org_unit_id: number;
  department_id: number;
  zone_unit_id: number;
  created_by: string;
  created_at: string;
}

/** Issue 16: a zone distributes an upper task to one of its own tasks (its departments report there). */
export interface RollupTaskLinkTable {
  id: Generated<number>;
  zone_unit_id: number;
  upper_task_id: number;
  own_task_id: number;
  created_by: string;
  created_at: string;
}

/** Issue 16 直报: a unit's period report to its parent, one row per submission (seq 1, 2, … keeps versions). */
export interface RollupSubmissionTable {
  id: Generated<number>;
  org_unit_id: number;
  parent_unit_id: number;
  year: number;
  period_key: string;
  seq: number;
  status: 'submitted' | 'returned' | 'accepted';
  /** RollupFigures as JSON (packages/shared/src/contracts/rollup.ts), frozen at submission. */
  figures: string;
  file_name: string;
  /** The official table (.xlsx) of the period, frozen at submission. */
  file_bytes: Uint8Array;
  file_sha256: string;
  note: string | null;
  submitted_by: number;
  submitted_at: string;
  return_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  version: Generated<number>;
}
