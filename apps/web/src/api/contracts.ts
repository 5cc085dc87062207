/**
 * The server's zod contracts, as TypeScript types only (`import type`: nothing of zod reaches the bundle).
 * A change of a server schema breaks `tsc -p apps/web` here instead of at run time.
 */

import type {
  ChangePasswordRequest as ChangePasswordRequestSchema,
  LoginRequest as LoginRequestSchema,
  LoginResponse as LoginResponseSchema,
  MeResponse as MeResponseSchema,
  PrincipalResponse,
  UserRoleSchema,
} from '@duban/shared/contracts/auth';
import type {
  BulletinListResponse as BulletinListResponseSchema,
  BulletinResponse as BulletinResponseSchema,
  BulletinSectionsSchema,
  CreateBulletinRequest as CreateBulletinRequestSchema,
} from '@duban/shared/contracts/bulletins';
import type { DashboardResponse } from '@duban/shared/contracts/dashboard';
import type { ListDepartmentsResponse as ListDepartmentsResponseSchema } from '@duban/shared/contracts/departments';
import type {
  ExportFormatSchema,
  ReturnedSheetResponse as ReturnedSheetResponseSchema,
} from '@duban/shared/contracts/exports';
import type {
  AddEvidenceResponse,
  CreateReportRequest as CreateReportRequestSchema,
  InboxResponse,
  ListReportsResponse,
  OccurrenceDetailResponse,
  ReportResponse,
  ReportStatusSchema,
  UpdateReportRequest as UpdateReportRequestSchema,
} from '@duban/shared/contracts/progress';
import type { OccurrenceStatusSchema } from '@duban/shared/contracts/schedules';
import type {
  DecideExtensionRequest as DecideExtensionRequestSchema,
  ExtensionResponse,
  ExtensionStatusSchema,
  ExtensionWithOccurrenceResponse as ExtensionWithOccurrenceResponseSchema,
  ListActionsResponse as ListActionsResponseSchema,
  ListExtensionsResponse as ListExtensionsResponseSchema,
  RecordActionRequest as RecordActionRequestSchema,
  RequestExtensionRequest as RequestExtensionRequestSchema,
  SupervisionActionResponse,
  SupervisionKindSchema,
} from '@duban/shared/contracts/supervision';
import type {
  ImportCommitResponse,
  ImportPreviewResponse,
  ListTasksResponse,
  TaskListIndexResponse as TaskListIndexResponseSchema,
} from '@duban/shared/contracts/tasklists';
import type {
  CreateUserRequest as CreateUserRequestSchema,
  ListUsersResponse as ListUsersResponseSchema,
} from '@duban/shared/contracts/users';
import type { z } from 'zod';

export type UserRole = z.infer<typeof UserRoleSchema>;
export type Principal = z.infer<typeof PrincipalResponse>;
export type LoginRequest = z.infer<typeof LoginRequestSchema>;
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export type MeResponse = z.infer<typeof MeResponseSchema>;
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;
export type ListUsersResponse = z.infer<typeof ListUsersResponseSchema>;
export type UserRow = ListUsersResponse['users'][number];

export type { ImportCommitResponse, ImportPreviewResponse, ListTasksResponse };
export type TaskListIndexResponse = z.infer<typeof TaskListIndexResponseSchema>;
export type TaskListSummary = TaskListIndexResponse['taskLists'][number];
export type TaskCategory = ListTasksResponse['categories'][number];
export type Task = TaskCategory['tasks'][number];
export type TaskDepartment = Task['departments'][number];
export type AssignmentRole = TaskDepartment['role'];
export type PreviewTask = ImportPreviewResponse['tasks'][number];
export type ImportProblem = ImportPreviewResponse['problems'][number];
export type RegistryDepartment = ImportPreviewResponse['departments'][number];
export type UnknownDepartment = ImportPreviewResponse['unknownDepartments'][number];

// progress (工作进展)
export type OccurrenceStatus = z.infer<typeof OccurrenceStatusSchema>;
export type ReportStatus = z.infer<typeof ReportStatusSchema>;
export type { AddEvidenceResponse, InboxResponse, ListReportsResponse, OccurrenceDetailResponse, ReportResponse };
export type Occurrence = InboxResponse['items'][number];
export type Evidence = ReportResponse['evidence'][number];
export type ReportListItem = ListReportsResponse['items'][number];
export type CreateReportRequest = z.infer<typeof CreateReportRequestSchema>;
export type UpdateReportRequest = z.infer<typeof UpdateReportRequestSchema>;

// supervision (督办, 延期)
export type SupervisionKind = z.infer<typeof SupervisionKindSchema>;
export type SupervisionAction = z.infer<typeof SupervisionActionResponse>;
export type ListActionsResponse = z.infer<typeof ListActionsResponseSchema>;
export type RecordActionRequest = z.infer<typeof RecordActionRequestSchema>;
export type Extension = z.infer<typeof ExtensionResponse>;
export type ExtensionStatus = z.infer<typeof ExtensionStatusSchema>;
export type ExtensionWithOccurrence = z.infer<typeof ExtensionWithOccurrenceResponseSchema>;
export type ListExtensionsResponse = z.infer<typeof ListExtensionsResponseSchema>;
export type RequestExtensionRequest = z.infer<typeof RequestExtensionRequestSchema>;
export type DecideExtensionRequest = z.infer<typeof DecideExtensionRequestSchema>;

// dashboard (领导看板)
export type Dashboard = z.infer<typeof DashboardResponse>;
export type StatusFigure = Dashboard['totals'];
export type OverdueItem = Dashboard['overdue']['items'][number];

// departments (部门库)
export type ListDepartmentsResponse = z.infer<typeof ListDepartmentsResponseSchema>;
export type Department = ListDepartmentsResponse['departments'][number];

// exports (任务清单导出, 回填导入)
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export type ReturnedSheetResponse = z.infer<typeof ReturnedSheetResponseSchema>;
export type ReturnedCreated = ReturnedSheetResponse['created'][number];
export type ReturnedProblem = ReturnedSheetResponse['problems'][number];

// bulletins (通报)
export type Bulletin = z.infer<typeof BulletinResponseSchema>;
export type BulletinSections = z.infer<typeof BulletinSectionsSchema>;
export type BulletinListResponse = z.infer<typeof BulletinListResponseSchema>;
export type BulletinSummary = BulletinListResponse['bulletins'][number];
export type CreateBulletinRequest = z.input<typeof CreateBulletinRequestSchema>;
