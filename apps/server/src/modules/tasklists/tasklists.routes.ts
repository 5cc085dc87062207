import {
  ImportCommitResponse,
  type ImportDiff,
  ImportPreviewResponse,
  ListTasksParams,
  ListTasksQuery,
  ListTasksResponse,
  TaskListIndexResponse,
} from '@duban/shared/contracts/tasklists';
import { expandOccurrences } from '@duban/shared/deadline/expand-occurrences';
import { phraseOfRules } from '@duban/shared/deadline/phrase-of-rules';
import { defaultAsOf } from '@duban/shared/default-as-of';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { requireCampaignId } from '../../core/unit-scope.ts';
import { loadDepartmentRegistry } from '../departments/departments.service.ts';
import { parseTaskListInWorker, withUserJobSlot } from '../office-files/office-jobs.ts';
import { ReadModelCache } from '../read-models/read-model-cache.ts';
import { currentVersion } from '../read-models/read-models.service.ts';
import { sendReadModel } from '../read-models/send-read-model.ts';
import { commitTaskListImport } from './import-commit.ts';
import { diffTasks, loadExistingTasks } from './import-diff.ts';
import { type ImportPreview, previewTaskListImport } from './import-preview.ts';
import { readImportUpload } from './import-upload.ts';
import { assertCanImport, taskTableScope } from './tasklists.policy.ts';
import { findTaskList } from './tasklists.repository.ts';
import { getTaskTable, listTaskLists } from './tasklists.service.ts';

export async function tasklistsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  /** Task tables per (unit, year, as-of date, department scope) at the unit's read-model version. */
  const taskTables = new ReadModelCache();
  app.get(
    '/api/tasklists',
    {
      schema: { tags: ['tasklists'], summary: '已导入的任务清单（按年份）', response: { 200: TaskListIndexResponse } },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      taskTableScope(principal);
      return { taskLists: await listTaskLists(ctx.db, principal.orgUnitId) };
    },
  );

  app.get(
    '/api/tasklists/:year/tasks',
    {
      schema: {
        tags: ['tasklists'],
        summary: '任务清单（按类别分组，含责任部门和下一个到期的任务事项）',
        params: ListTasksParams,
        querystring: ListTasksQuery,
        response: { 200: ListTasksResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const { departmentId } = taskTableScope(principal);
      const { year } = request.params;
      // A list whose year is over is shown as it ended (31 December), not as of today (issue 13).
      const asOf = request.query.asOf ?? defaultAsOf(year);
      const version = await currentVersion(ctx.db, principal.orgUnitId);
      const body = await taskTables.get(
        `${principal.orgUnitId}/${year}/${asOf}/${departmentId ?? 'all'}`,
        version,
        async () => ListTasksResponse.parse(await getTaskTable(ctx.db, principal.orgUnitId, year, asOf, departmentId)),
      );
      return sendReadModel(request, reply, body);
    },
  );

  app.post(
    '/api/tasklists/import/preview',
    {
      schema: {
        tags: ['tasklists'],
        summary: '导入向导：上传并预览（不写入）。multipart: file, year?, departmentMap?, deadlineOverrides?',
        consumes: ['multipart/form-data'],
        response: { 200: ImportPreviewResponse },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      assertCanImport(principal);
      const upload = await readImportUpload(request);
      const registry = await loadDepartmentRegistry(ctx.db, principal.orgUnitId);
      // Read in the bounded worker pool, at most two imports/exports per account at once (office-files).
      const preview = await withUserJobSlot(principal.actor, () =>
        previewTaskListImport({ ...upload, registry, decisions: upload, parse: parseTaskListInWorker }),
      );
      const existing = await findTaskList(ctx.db, principal.orgUnitId, requireCampaignId(principal), preview.year);
      const status = !existing ? 'new' : existing.source_sha256 === preview.sha256 ? 'same' : 'changed';
      const stored = await loadExistingTasks(ctx.db, principal.orgUnitId, requireCampaignId(principal), preview.year);
      return presentPreview(preview, status, registry.departments, diffTasks(stored, preview.tasks));
    },
  );

  app.post(
    '/api/tasklists/import/commit',
    {
      schema: {
        tags: ['tasklists'],
        summary:
          '导入向导：确认导入（一个事务，全部或全不）。multipart: file, year?, departmentMap?, deadlineOverrides?',
        consumes: ['multipart/form-data'],
        response: { 200: ImportCommitResponse },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      assertCanImport(principal);
      const upload = await readImportUpload(request);
      const registry = await loadDepartmentRegistry(ctx.db, principal.orgUnitId);
      const preview = await withUserJobSlot(principal.actor, () =>
        previewTaskListImport({ ...upload, registry, decisions: upload, parse: parseTaskListInWorker }),
      );
      return commitTaskListImport(ctx.db, preview, {
        orgUnitId: principal.orgUnitId,
        campaignId: requireCampaignId(principal),
        actor: principal.actor,
        createUnknownDepartments: true,
      });
    },
  );
}

/** Dates were read, yet the reading asks for review (words left over that might matter). */
function readWithDoubt(schedule: ImportPreview['tasks'][number]['schedule']): boolean {
  return schedule.needsReview && schedule.rules.some((r) => r.kind !== 'ongoing' && r.kind !== 'relative');
}

function presentPreview(
  preview: ImportPreview,
  existing: 'new' | 'same' | 'changed',
  departments: { id: number; name: string; kind: string }[],
  diff: ImportDiff,
): ImportPreviewResponse {
  const window = { from: `${preview.year}-01-01`, to: `${preview.year}-12-31` };
  const byName = new Map(departments.map((d) => [d.name, d]));
  return {
    year: preview.year,
    yearSource: preview.yearSource,
    warnings: preview.warnings,
    diff,
    title: preview.title,
    format: preview.format,
    sha256: preview.sha256,
    existing,
    tasks: preview.tasks.map((t, i) => ({
      seq: i + 1,
      row: t.row,
      category: t.category,
      no: t.no,
      text: t.text,
      departments: t.departments,
      deadline: t.deadline,
      deadlineOverride: t.deadlineOverride,
      schedule: {
        ongoing: t.schedule.ongoing,
        needsReview: t.schedule.needsReview,
        unparsed: t.schedule.unparsed,
        readWithDoubt: readWithDoubt(t.schedule),
        suggestedDeadline: readWithDoubt(t.schedule) ? phraseOfRules(t.schedule.rules) : null,
        occurrences: expandOccurrences(t.schedule.rules, window).map((o) => ({
          start: o.start,
          due: o.due,
          minCount: o.minCount,
          condition: o.condition,
        })),
        relative: t.schedule.rules.filter((r) => r.kind === 'relative').map((r) => r.source),
      },
    })),
    problems: preview.problems,
    unknownDepartments: preview.unknownDepartments.map((u) => ({
      name: u.name,
      suggestions: u.suggestions.flatMap((name) => {
        const d = byName.get(name);
        return d ? [{ id: d.id, name: d.name }] : [];
      }),
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name, kind: d.kind })),
  };
}
