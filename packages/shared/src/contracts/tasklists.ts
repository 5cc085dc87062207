import { z } from 'zod';
import { OccurrenceStatusSchema } from './schedules.ts';

/** Contracts of the task-list domain: the CLI's JSON and the HTTP API share them. */
export const AssignmentRoleSchema = z.enum(['lead', 'co', 'supervise']);

export const ImportProblemSchema = z.object({ row: z.number().int(), message: z.string() });

/** Where the list's year came from: the user's --year/field, the title, or the explicit years in the deadlines. */
export const YearSourceSchema = z.enum(['option', 'title', 'deadlines']);

const DiffTask = z.object({ seq: z.number().int(), no: z.string(), text: z.string() });

/** A (re-)import against the list already imported for the year, by row position (import-sync's key). */
export const ImportDiff = z.object({
  /** False when no list of that year is imported yet (everything is added). */
  hasList: z.boolean(),
  added: z.array(DiffTask),
  changed: z.array(
    DiffTask.extend({
      /** Which of no, text, deadline, departments changed. */
      fields: z.array(z.string()),
      before: z.object({ text: z.string(), deadline: z.string(), departments: z.string() }),
    }),
  ),
  removed: z.array(DiffTask),
  /** Tasks with 工作进展 whose occurrences the import would delete: the commit would be refused. */
  blocking: z.array(DiffTask.extend({ reason: z.enum(['changed', 'removed']) })),
});
export type ImportDiff = z.infer<typeof ImportDiff>;

/** `duban import --dry-run --json`: one object, stable for other tools. */
export const ImportDryRunResponse = z.object({
  tasks: z.array(
    z.object({
      category: z.string(),
      /** null when the list has no 序号 (rows are numbered in order when stored). */
      no: z.union([z.number(), z.string()]).nullable(),
      text: z.string(),
      departments: z.array(z.object({ name: z.string(), role: AssignmentRoleSchema })),
      deadline: z.string(),
    }),
  ),
  problems: z.array(ImportProblemSchema),
  year: z.number().int(),
  title: z.string().nullable(),
  format: z.string(),
  unknownDepartments: z.array(z.object({ name: z.string(), suggestions: z.array(z.string()) })),
  deadlinesNeedingReview: z.array(z.object({ no: z.union([z.number(), z.string()]), deadline: z.string() })),
  yearSource: YearSourceSchema,
  /** Year disagreements (title or deadlines against --year) and the like: shown, not blocking. */
  warnings: z.array(z.string()),
  /** Against the list already imported for that year; absent when the database could not be read. */
  diff: ImportDiff.optional(),
});
export type ImportDryRunResponse = z.infer<typeof ImportDryRunResponse>;

export const ImportCommitResponse = z.object({
  status: z.enum(['created', 'updated', 'unchanged']),
  taskListId: z.number().int(),
  year: z.number().int(),
  counts: z.object({
    categories: z.number().int(),
    tasks: z.number().int(),
    assignments: z.number().int(),
    rules: z.number().int(),
    occurrences: z.number().int(),
  }),
  createdDepartments: z.array(z.string()),
  changes: z.object({ tasksAdded: z.number().int(), tasksUpdated: z.number().int(), tasksRemoved: z.number().int() }),
});
export type ImportCommitResponse = z.infer<typeof ImportCommitResponse>;

export const ListTasksParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const ListTasksQuery = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .optional(),
});

export const TaskListIndexResponse = z.object({
  taskLists: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      title: z.string(),
      taskCount: z.number().int(),
      sourceName: z.string(),
      importedAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
});

export const NextOccurrenceSchema = z
  .object({ start: z.string(), due: z.string(), periodKey: z.string(), department: z.string() })
  .nullable();

export const ListTasksResponse = z.object({
  taskList: z.object({ id: z.number().int(), year: z.number().int(), title: z.string() }),
  asOf: z.string(),
  categories: z.array(
    z.object({
      id: z.number().int(),
      seq: z.number().int(),
      title: z.string(),
      tasks: z.array(
        z.object({
          id: z.number().int(),
          no: z.string(),
          text: z.string(),
          deadline: z.string(),
          deadlineOverride: z.string().nullable(),
          deadlineNeedsReview: z.boolean(),
          ongoing: z.boolean(),
          departments: z.array(
            z.object({
              id: z.number().int(),
              name: z.string(),
              role: AssignmentRoleSchema,
              viaGroup: z.string().nullable(),
            }),
          ),
          /** The most urgent status among the occurrences opened by asOf (overdue > returned > due-soon > …). */
          status: OccurrenceStatusSchema.nullable(),
          statusCounts: z.partialRecord(OccurrenceStatusSchema, z.number().int()),
          nextDue: NextOccurrenceSchema,
        }),
      ),
    }),
  ),
});
export type ListTasksResponse = z.infer<typeof ListTasksResponse>;

const PreviewOccurrence = z.object({
  start: z.string(),
  due: z.string(),
  minCount: z.number().int(),
  condition: z.string().nullable(),
});

/** The import wizard's preview: every row, its matched departments and its parsed schedule, and every problem. */
export const ImportPreviewResponse = z.object({
  year: z.number().int(),
  yearSource: YearSourceSchema,
  warnings: z.array(z.string()),
  diff: ImportDiff,
  title: z.string().nullable(),
  format: z.string(),
  sha256: z.string(),
  existing: z.enum(['new', 'same', 'changed']),
  tasks: z.array(
    z.object({
      seq: z.number().int(),
      row: z.number().int(),
      category: z.string(),
      no: z.union([z.number(), z.string()]),
      text: z.string(),
      departments: z.array(
        z.object({ name: z.string(), role: AssignmentRoleSchema, departmentId: z.number().int().nullable() }),
      ),
      deadline: z.string(),
      deadlineOverride: z.string().nullable(),
      schedule: z.object({
        ongoing: z.boolean(),
        needsReview: z.boolean(),
        unparsed: z.array(z.string()),
        /** Dates were read but words remain that might matter: pre-filled for a one-click confirmation. */
        readWithDoubt: z.boolean(),
        /** For readWithDoubt: the dates read, as a plain phrase to confirm with one click (a deadline override). */
        suggestedDeadline: z.string().nullable(),
        occurrences: z.array(PreviewOccurrence),
        relative: z.array(z.string()),
      }),
    }),
  ),
  problems: z.array(ImportProblemSchema),
  unknownDepartments: z.array(
    z.object({ name: z.string(), suggestions: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
  ),
  departments: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() })),
});
export type ImportPreviewResponse = z.infer<typeof ImportPreviewResponse>;

/** Multipart text fields of the import wizard (besides the file). */
export const ImportFormFields = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  departmentMap: z.record(z.string(), z.number().int()).optional(),
  deadlineOverrides: z.record(z.string(), z.string().max(200)).optional(),
});
