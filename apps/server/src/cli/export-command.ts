import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isCivilDate } from '@duban/shared/civil-date';
import { prepareDatabase } from '../bootstrap.ts';
import { findDepartmentIdByName } from '../modules/documents/export/exports.repository.ts';
import { type ExportFormat, exportTaskList } from '../modules/documents/export/tasklist-export.service.ts';
import { resolveReportPeriod } from '../modules/documents/report-period.ts';
import { CliError } from './cli-output.ts';
import { cliUnitScope } from './cli-unit.ts';

export const EXPORT_USAGE = `用法: duban export --year 2024 (--period 2024-Q1 | --as-of 2024-06-30) --format xlsx|docx|pdf --out <文件> [--department 名称] [--unit 单位代码]
  导出任务清单落实情况（主要内容、序号、工作任务、责任部门、完成时限、工作进展），工作进展为本期审核通过的进展和状态。
  --period   2024-03（月）、2024-Q1（季度）、2024-H1（半年）、2024（全年）
  --as-of    截至某日（当年1月1日至该日）
  --format   xlsx（默认，可填写后上传退回）、docx、pdf；省略时按 --out 的扩展名
  --out      输出文件；省略时用导出的中文文件名写到当前目录
  --department  只导出该部门的任务和进展`;

const FORMATS: readonly ExportFormat[] = ['xlsx', 'docx', 'pdf'];

function formatOf(value: string | undefined, out: string | undefined): ExportFormat {
  const candidate = value ?? (out ? extname(out).slice(1).toLowerCase() : 'xlsx');
  const format = FORMATS.find((f) => f === candidate);
  if (!format) throw new CliError(`--format 应为 xlsx、docx 或 pdf，收到 “${candidate}”\n${EXPORT_USAGE}`, 2);
  return format;
}

export async function exportCommand(argv: string[], databaseUrl: string): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      period: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      department: { type: 'string' },
      unit: { type: 'string' },
    },
  });
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    throw new CliError(`--year 应为四位年份，收到 “${values.year}”`, 2);
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && !isCivilDate(asOf)) throw new CliError(`--as-of 应为 YYYY-MM-DD，收到 “${asOf}”`, 2);
  if (values.period === undefined && asOf === undefined && year === undefined) {
    throw new CliError(`需要 --period 或 --as-of\n${EXPORT_USAGE}`, 2);
  }
  const period = resolveReportPeriod({ year, period: values.period, asOf });
  const format = formatOf(values.format, values.out);

  const prepared = await prepareDatabase(databaseUrl);
  try {
    const { db } = prepared.handle;
    const unit = await cliUnitScope(db, prepared.scope, values.unit);
    let departmentId: number | null = null;
    if (values.department !== undefined) {
      departmentId = await findDepartmentIdByName(db, unit.orgUnitId, values.department);
      if (departmentId === null) throw new CliError(`部门库中没有 “${values.department}”`);
    }
    const file = await exportTaskList(db, {
      orgUnitId: unit.orgUnitId,
      period,
      departmentId,
      format,
      actor: 'cli',
    });
    const out = resolve(values.out ?? file.fileName);
    writeFileSync(out, file.bytes);
    console.log(`已导出 ${period.label} ${format.toUpperCase()}：${out}（${file.bytes.length} 字节）`);
    return 0;
  } finally {
    await prepared.handle.close();
  }
}
