import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { DialectName } from '../apps/server/src/db/database.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import {
  type ExportFormat,
  exportTaskList,
} from '../apps/server/src/modules/documents/export/tasklist-export.service.ts';
import { parseReportPeriod } from '../apps/server/src/modules/documents/report-period.ts';
import { ensureDefaultScope } from '../apps/server/src/modules/orgunits/orgunits.service.ts';
import { type BenchDatabase, createBenchDatabase } from './bench-database.ts';

/**
 * `npx tsx bench/export-bench.ts [--tasks 1000] [--reports 10000] [--formats xlsx,docx,pdf] [--db sqlite|postgres] [--json]`
 *
 * Export of a synthetic task list (1,000 tasks, 20 departments, 1–3 departments a task, monthly occurrences, 10,000
 * accepted reports of 40–120 characters) for the whole year, as .xlsx, .docx and PDF. Each format runs in its own
 * child process, which reports the export's wall time and the process's peak RSS (getrusage maxRSS: the kernel's
 * high-water mark, so nothing between samples is missed) next to its RSS before the export (Node, tsx, modules).
 * stdout: a table, or one JSON object per format with --json; progress on stderr. `--profile <dir>`: CPU profiles.
 */
const YEAR = 2024;
const CATEGORIES = 11;
const DEPARTMENTS = 20;
const TODAY = '2025-01-15';

export interface ExportBenchResult {
  format: ExportFormat;
  db: DialectName;
  tasks: number;
  reports: number;
  ms: number;
  bytes: number;
  baselineRssMb: number;
  peakRssMb: number;
}

const log = (m: string) => process.stderr.write(`${m}\n`);
const PHRASES = [
  '组织开展安全生产专项检查',
  '督促企业落实主体责任',
  '排查一般事故隐患并完成整改',
  '召开专题会议研究部署',
  '开展应急演练和警示教育',
  '更新风险分级管控清单',
  '对重点企业开展“四不两直”暗查暗访',
  '印发工作方案并明确责任分工',
];

function reportText(i: number): string {
  const parts = 2 + (i % 4);
  const words = Array.from({ length: parts }, (_, k) => PHRASES[(i * 7 + k * 3) % PHRASES.length]);
  return `本月${words.join('，')}，共检查企业${(i % 37) + 3}家，发现问题${i % 11}项，已整改${i % 11}项。`;
}

async function chunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Writes the synthetic list into a migrated database; returns the report count. */
async function generate(bench: BenchDatabase, taskCount: number, reportCount: number): Promise<number> {
  const { db } = bench.handle;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const scope = await ensureDefaultScope(trx, now);
    const list = await trx
      .insertInto('task_lists')
      .values({
        org_unit_id: scope.orgUnitId,
        campaign_id: scope.campaignId,
        year: YEAR,
        title: '基准开发区安全生产治本攻坚三年行动任务清单（2024年）',
        source_name: 'bench',
        source_format: 'text',
        source_sha256: 'bench',
        source_bytes: Buffer.from('bench'),
        imported_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const categories = await trx
      .insertInto('categories')
      .values(
        Array.from({ length: CATEGORIES }, (_, i) => ({
          task_list_id: list.id,
          seq: i + 1,
          title: `（${i + 1}）开展第${i + 1}项安全生产专项行动`,
        })),
      )
      .returning('id')
      .execute();
    const departments = await trx
      .insertInto('departments')
      .values(
        Array.from({ length: DEPARTMENTS }, (_, i) => ({
          org_unit_id: scope.orgUnitId,
          name: `基准部门${i + 1}`,
          kind: 'department' as const,
          confirmed: 1,
          created_at: now,
        })),
      )
      .returning('id')
      .execute();
    const user = await trx
      .insertInto('users')
      .values({
        org_unit_id: scope.orgUnitId,
        username: 'bench-export',
        display_name: '基准',
        role: 'office_admin',
        department_id: null,
        password_hash: '!bench-no-login',
        disabled: 0,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const taskIds: number[] = [];
    await chunked(
      Array.from({ length: taskCount }, (_, i) => ({
        task_list_id: list.id,
        category_id: categories[Math.floor((i * CATEGORIES) / taskCount)]?.id ?? null,
        seq: i + 1,
        no: String(i + 1),
        text: `基准任务${i + 1}：严格落实安全生产责任制，${PHRASES[i % PHRASES.length]}，定期开展隐患排查治理，建立问题清单、整改清单和责任清单，实行闭环管理。`,
        departments_text: `基准部门${(i % DEPARTMENTS) + 1}、基准部门${((i + 7) % DEPARTMENTS) + 1}`,
        deadline_text: '每月底前报送，长期坚持',
        deadline_needs_review: 0,
        deadline_unparsed: '[]',
        deadline_ongoing: 1,
        source_progress: null,
        source_row: i + 1,
      })),
      500,
      async (chunk) => {
        const ids = await trx.insertInto('tasks').values(chunk).returning('id').execute();
        taskIds.push(...ids.map((r) => r.id));
      },
    );
    const assignments: { id: number; department_id: number; task_id: number }[] = [];
    const assignmentRows = taskIds.flatMap((taskId, i) =>
      Array.from({ length: 1 + (i % 3) }, (_, j) => ({
        task_id: taskId,
        department_id: departments[(i + j * 7) % DEPARTMENTS]?.id ?? 0,
        role: j === 0 ? ('lead' as const) : ('co' as const),
        via_group_id: null,
        seq: j + 1,
      })),
    );
    await chunked(assignmentRows, 500, async (chunk) => {
      assignments.push(
        ...(await trx.insertInto('assignments').values(chunk).returning(['id', 'department_id', 'task_id']).execute()),
      );
    });
    const rules = new Map<number, number>();
    await chunked(taskIds, 500, async (chunk) => {
      const ids = await trx
        .insertInto('schedule_rules')
        .values(
          chunk.map((task_id) => ({
            task_id,
            seq: 1,
            kind: 'monthly',
            spec: '{"kind":"monthly"}',
            min_count: 1,
            condition: null,
            source: '每月底前',
          })),
        )
        .returning(['id', 'task_id'])
        .execute();
      for (const r of ids) rules.set(r.task_id, r.id);
    });
    const occurrenceRows = assignments.flatMap((a) =>
      Array.from({ length: 12 }, (_, m) => {
        const month = String(m + 1).padStart(2, '0');
        const end = new Date(Date.UTC(YEAR, m + 1, 0)).toISOString().slice(0, 10);
        return {
          assignment_id: a.id,
          rule_id: rules.get(a.task_id) ?? 0,
          period_key: `${YEAR}-${month}`,
          window_start: `${YEAR}-${month}-01`,
          due_date: end,
          min_count: 1,
          condition: null,
          department_id: a.department_id,
        };
      }),
    );
    const occurrences: { id: number; department_id: number | null; due_date: string }[] = [];
    await chunked(occurrenceRows, 1000, async (chunk) => {
      occurrences.push(
        ...(await trx.insertInto('occurrences').values(chunk).returning(['id', 'department_id', 'due_date']).execute()),
      );
    });
    // Spread the reports evenly over the occurrences, each accepted on its due date.
    const step = occurrences.length / reportCount;
    const picked = Array.from(
      { length: Math.min(reportCount, occurrences.length) },
      (_, i) => occurrences[Math.floor(i * step)]!,
    );
    await chunked(picked, 500, async (chunk) => {
      await trx
        .insertInto('reports')
        .values(
          chunk.map((o, i) => ({
            org_unit_id: scope.orgUnitId,
            occurrence_id: o.id,
            department_id: o.department_id ?? 0,
            text: reportText(o.id + i),
            work_date: o.due_date,
            status: 'accepted' as const,
            return_reason: null,
            created_by: user.id,
            created_at: now,
            updated_at: now,
            submitted_at: now,
            reviewed_by: user.id,
            reviewed_at: now,
          })),
        )
        .execute();
      await trx
        .updateTable('occurrences')
        .set((eb) => ({ report_state: 'accepted', submitted_at: eb.ref('due_date'), accepted_at: eb.ref('due_date') }))
        .where(
          'id',
          'in',
          chunk.map((o) => o.id),
        )
        .execute();
    });
  });
  await sql`analyze`.execute(db);
  const r = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** In the child: one export, timed, with the process's RSS before and its peak. */
async function child(url: string, format: ExportFormat): Promise<void> {
  const handle = openDatabase(url);
  try {
    const zone = await handle.db
      .selectFrom('org_units')
      .select('id')
      .where('level', '=', 'zone')
      .executeTakeFirstOrThrow();
    const baseline = process.memoryUsage().rss;
    const start = performance.now();
    const file = await exportTaskList(handle.db, {
      orgUnitId: zone.id,
      period: parseReportPeriod(String(YEAR)),
      departmentId: null,
      format,
      actor: 'bench',
      today: TODAY,
    });
    const ms = performance.now() - start;
    process.stdout.write(
      `${JSON.stringify({ ms, bytes: file.bytes.length, baselineRss: baseline, maxRssKb: process.resourceUsage().maxRSS })}\n`,
    );
  } finally {
    await handle.close();
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      format: { type: 'string' },
      tasks: { type: 'string', default: '1000' },
      reports: { type: 'string', default: '10000' },
      formats: { type: 'string', default: 'xlsx,docx,pdf' },
      db: { type: 'string', default: 'sqlite' },
      json: { type: 'boolean', default: false },
      /** Write a V8 CPU profile of each child to this directory. */
      profile: { type: 'string' },
    },
  });
  if (values.child) {
    await child(values.child, values.format as ExportFormat);
    return;
  }
  const dialect: DialectName = values.db === 'postgres' ? 'postgres' : 'sqlite';
  const bench = await createBenchDatabase(dialect);
  try {
    const tasks = Number(values.tasks);
    log(`generating ${tasks} tasks and ${values.reports} reports on ${dialect}…`);
    const reports = await generate(bench, tasks, Number(values.reports));
    const url = dialect === 'sqlite' ? `sqlite:${bench.target}` : bench.target;
    const results: ExportBenchResult[] = [];
    for (const format of values.formats.split(',') as ExportFormat[]) {
      log(`  exporting ${format} in a child process…`);
      const r = spawnSync(
        process.execPath,
        [
          ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
          '--import',
          'tsx',
          fileURLToPath(import.meta.url),
          '--child',
          url,
          '--format',
          format,
        ],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      if (r.status !== 0) throw new Error(`${format} export failed: ${r.stderr}`);
      const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
        ms: number;
        bytes: number;
        baselineRss: number;
        maxRssKb: number;
      };
      results.push({
        format,
        db: dialect,
        tasks,
        reports,
        ms: Math.round(out.ms),
        bytes: out.bytes,
        baselineRssMb: mb(out.baselineRss),
        peakRssMb: mb(out.maxRssKb * 1024),
      });
    }
    if (values.json) for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      process.stdout.write(`export of ${tasks} tasks / ${reports} reports, year ${YEAR}, ${dialect}\n`);
      process.stdout.write('format | time (s) | file (KB) | RSS before (MB) | peak RSS (MB)\n');
      for (const r of results) {
        process.stdout.write(
          `${r.format} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(r.bytes / 1024)} | ${r.baselineRssMb} | ${r.peakRssMb}\n`,
        );
      }
    }
  } finally {
    await bench.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
