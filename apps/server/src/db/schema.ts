import type { Generated } from 'kysely';

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

export interface CampaignTable {
  id: Generated<number>;
  org_unit_id: number;
  code: string;
  name: string;
  start_year: number;
  end_year: number;
  /** Reporting cadence of the ongoing (长期坚持) track: 'monthly' | 'quarterly' | 'halfyearly'. */
  report_cadence: Generated<string>;
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

export interface Database {
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
  reports: ReportTable;
  evidence_files: EvidenceFileTable;
  supervision_actions: SupervisionActionTable;
  extension_requests: ExtensionRequestTable;
}
