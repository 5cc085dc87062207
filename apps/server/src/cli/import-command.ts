import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportDiff } from '@duban/shared/contracts/tasklists';
import { prepareDatabase } from '../bootstrap.ts';
import { AppError } from '../core/app-error.ts';
import { openDatabase, parseDatabaseUrl } from '../db/database.ts';
import type { DepartmentRegistry } from '../modules/departments/department-registry.ts';
import { demoRegistryInMemory, loadDepartmentRegistry } from '../modules/departments/departments.service.ts';
import { findCampaign, findOrgUnitByCode } from '../modules/orgunits/orgunits.repository.ts';
import { DEFAULT_CAMPAIGN, DEFAULT_UNITS } from '../modules/orgunits/orgunits.service.ts';
import { commitTaskListImport } from '../modules/tasklists/import-commit.ts';
import { diffTasks, loadExistingTasks } from '../modules/tasklists/import-diff.ts';
import {
  formatProblem,
  type ImportPreview,
  previewTaskListImport,
  toDryRunJson,
} from '../modules/tasklists/import-preview.ts';
import { CliError, printJson } from './cli-output.ts';
import { cliUnitScope } from './cli-unit.ts';

export const IMPORT_USAGE = `用法: duban import <文件> [--year 2024] [--dry-run] [--json] [--strict] [--unit 单位代码]
  读取任务清单（PDF 提取文本 .txt、.xlsx、.docx、.csv），写入数据库。
  --dry-run  只解析并报告，不写入任何内容
  --json     以一个 JSON 对象输出结果
  --strict   部门库中没有的责任部门不自动创建，而是拒绝导入
  --unit     导入到该单位（市、县区或开发区，见 duban units list）；不给则为默认开发区`;

export async function importCommand(argv: string[], databaseUrl: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      unit: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(`需要且只需要一个文件参数\n${IMPORT_USAGE}`, 2);
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`找不到文件: ${file}`);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    throw new CliError(`--year 应为四位年份，收到 “${values.year}”`, 2);
  }
  const bytes = readFileSync(file);

  if (values['dry-run']) {
    const { preview, diff } = await dryRun(databaseUrl, values.unit, (registry) =>
      previewTaskListImport({ bytes, fileName: basename(file), year, registry }),
    );
    if (values.json) printJson(toDryRunJson(preview, diff));
    else printPreviewSummary(preview, diff);
    return 0;
  }

  const prepared = await prepareDatabase(databaseUrl);
  try {
    const { db } = prepared.handle;
    const unit = await cliUnitScope(db, prepared.scope, values.unit);
    const registry = await loadDepartmentRegistry(db, unit.orgUnitId);
    const preview = await previewTaskListImport({ bytes, fileName: basename(file), year, registry });
    try {
      const result = await commitTaskListImport(db, preview, {
        orgUnitId: unit.orgUnitId,
        campaignId: unit.campaignId,
        actor: 'cli',
        createUnknownDepartments: !values.strict,
      });
      if (values.json) printJson({ ...result, problems: [] });
      else printCommitSummary(result, preview);
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.code === 'import_has_problems' && values.json) {
        printJson({ status: 'rejected', problems: preview.problems });
      } else if (error instanceof AppError && error.code === 'import_has_problems') {
        for (const p of preview.problems) process.stderr.write(`  ${formatProblem(p)}\n`);
      }
      throw error;
    }
  } finally {
    await prepared.handle.close();
  }
}

/**
 * A dry run writes nothing: not even a new database file. An absent or empty database reads as the demo registry
 * and has no imported list to compare with (no diff); otherwise the list already imported for the year is read for
 * the diff, before the database is closed again.
 */
async function dryRun(
  databaseUrl: string,
  unitCode: string | undefined,
  preview: (registry: DepartmentRegistry) => Promise<ImportPreview>,
): Promise<{ preview: ImportPreview; diff: ImportDiff | undefined }> {
  const demo = async () => ({ preview: await preview(demoRegistryInMemory()), diff: undefined });
  const { dialect, target } = parseDatabaseUrl(databaseUrl);
  if (dialect === 'sqlite' && (target === ':memory:' || !existsSync(target))) return demo();
  const handle = openDatabase(databaseUrl);
  try {
    const tables = await handle.db.introspection.getTables();
    if (!tables.some((t) => t.name === 'departments')) return demo();
    const zone = await findOrgUnitByCode(handle.db, unitCode ?? DEFAULT_UNITS[DEFAULT_UNITS.length - 1]!.code);
    if (!zone && unitCode) throw new CliError(`单位“${unitCode}”不存在（见 duban units list）`);
    if (!zone) return demo();
    const result = await preview(await loadDepartmentRegistry(handle.db, zone.id));
    const campaign = await findCampaign(handle.db, zone.id, DEFAULT_CAMPAIGN.code);
    const stored = campaign ? await loadExistingTasks(handle.db, zone.id, campaign.id, result.year) : [];
    return { preview: result, diff: diffTasks(stored, result.tasks) };
  } finally {
    await handle.close();
  }
}

function printPreviewSummary(preview: ImportPreview, diff: ImportDiff | undefined): void {
  const categories = new Set(preview.tasks.map((t) => t.category));
  const source = { option: '--year', title: '标题', deadlines: '完成时限中的年份' }[preview.yearSource];
  console.log(`${preview.title ?? '(无标题)'} — ${preview.year}年（来自${source}），格式 ${preview.format}`);
  for (const w of preview.warnings) console.log(`  注意: ${w}`);
  if (diff?.hasList) {
    console.log(
      `  与已导入的 ${preview.year} 年清单相比：新增 ${diff.added.length}，变更 ${diff.changed.length}，删除 ${diff.removed.length}`,
    );
    for (const b of diff.blocking) {
      console.log(
        `  序号${b.no}“${b.text.slice(0, 20)}”已有工作进展，${b.reason === 'removed' ? '删除' : '变更时限或部门'}会被拒绝`,
      );
    }
  }
  console.log(
    `任务 ${preview.tasks.length} 项，类别 ${categories.size} 个，问题 ${preview.problems.length} 处（未写入）`,
  );
  for (const p of preview.problems) console.log(`  ${formatProblem(p)}`);
  for (const d of preview.unknownDepartments) {
    const hint = d.suggestions.length > 0 ? `（是否为: ${d.suggestions.join('、')}？）` : '';
    console.log(`  部门库中没有: ${d.name}${hint}`);
  }
  const review = preview.tasks.filter((t) => t.schedule.needsReview);
  for (const t of review) console.log(`  序号${t.no} 完成时限需人工确认: ${t.deadline || '（空）'}`);
}

function printCommitSummary(result: Awaited<ReturnType<typeof commitTaskListImport>>, preview: ImportPreview): void {
  const label = { created: '已导入', updated: '已更新', unchanged: '无变化（与已导入的文件相同）' }[result.status];
  const c = result.counts;
  console.log(`${label}: ${preview.title ?? ''} ${result.year}年`);
  console.log(
    `  类别 ${c.categories}，任务 ${c.tasks}，分工 ${c.assignments}，时限规则 ${c.rules}，任务事项 ${c.occurrences}`,
  );
  if (result.status === 'updated') {
    const ch = result.changes;
    console.log(`  新增 ${ch.tasksAdded} 项，修改 ${ch.tasksUpdated} 项，删除 ${ch.tasksRemoved} 项`);
  }
  if (result.createdDepartments.length > 0) {
    console.log(`  新建部门（待安委办确认）: ${result.createdDepartments.join('、')}`);
  }
  const review = preview.tasks.filter((t) => t.schedule.needsReview);
  if (review.length > 0)
    console.log(`  完成时限需人工确认: ${review.length} 项（序号 ${review.map((t) => t.no).join('、')}）`);
}
