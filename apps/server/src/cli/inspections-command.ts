import { prepareDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { inspectionStats } from '../modules/inspections/inspection-stats.ts';
import { verifyDraw } from '../modules/inspections/verify-draw.ts';
import { CliError, printJson } from './cli-output.ts';

export const DRAW_USAGE = `draw verify <抽查编号> [--json]
  用记录的种子和两库内容重新抽取，核对与记录的结果是否一致；不一致时退出码 4。`;
export const INSPECTIONS_USAGE = `inspections stats --year <年> [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
  安全生产执法统计（检查次数、检查企业、发现隐患、处罚起数、罚款金额、零处罚比例，按部门）。`;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** `draw verify <id> [--json]`: exit 0 when reproduced, 4 when the stored result or pools differ from the re-run. */
export async function drawCommand(argv: string[], databaseUrl: string): Promise<number> {
  const [sub, idText] = argv;
  const id = Number(idText);
  if (sub !== 'verify' || !Number.isInteger(id) || id <= 0) throw new CliError(`用法: duban ${DRAW_USAGE}`, 2);
  const prepared = await prepareDatabase(databaseUrl, loadConfig().DATA_DIR);
  try {
    const result = await verifyDraw(prepared.handle.db, null, id);
    if (argv.includes('--json')) {
      printJson({
        drawId: result.drawId,
        seed: result.seed,
        poolsHash: result.poolsHash,
        reproduced: result.reproduced,
        selected: result.selected,
        recomputedHash: result.recomputedHash,
        problems: result.problems,
      });
    } else if (result.reproduced) {
      console.log(
        `抽查 #${id} 复核一致：种子 ${result.seed}，两库哈希 ${result.poolsHash}，抽中 ${result.selected.length} 家。`,
      );
    } else {
      console.log(`抽查 #${id} 复核不一致：${result.problems.join('；')}`);
    }
    return result.reproduced ? 0 : 4;
  } finally {
    await prepared.handle.close();
  }
}

/** `inspections stats --year Y [--from --to] [--json]`. */
export async function inspectionsCommand(argv: string[], databaseUrl: string): Promise<number> {
  const year = Number(option(argv, '--year'));
  if (argv[0] !== 'stats' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new CliError(`用法: duban ${INSPECTIONS_USAGE}`, 2);
  }
  const prepared = await prepareDatabase(databaseUrl, loadConfig().DATA_DIR);
  try {
    const stats = await inspectionStats(prepared.handle.db, prepared.scope.orgUnitId, year, {
      from: option(argv, '--from'),
      to: option(argv, '--to'),
    });
    if (argv.includes('--json')) {
      // The contract's keys first (stable), then the rest of the figures.
      const {
        inspections,
        enterprisesInspected,
        hazardsFound,
        penalties,
        fineTotal,
        zeroPenaltyRatio,
        byDepartment,
        ...rest
      } = stats;
      printJson({
        inspections,
        enterprisesInspected,
        hazardsFound,
        penalties,
        fineTotal,
        zeroPenaltyRatio,
        byDepartment,
        ...rest,
      });
    } else {
      console.log(
        `${stats.from} 至 ${stats.to}：检查 ${stats.inspections} 次，检查企业 ${stats.enterprisesInspected} 家，发现隐患 ${stats.hazardsFound} 项，` +
          `处罚 ${stats.penalties} 起，罚款 ${stats.fineTotal} 元，检查未处罚比例 ${stats.zeroPenaltyRatio}${stats.flagged ? '（只检查不处罚）' : ''}`,
      );
      for (const d of stats.byDepartment) {
        console.log(
          `  ${d.departmentName}：检查 ${d.inspections} 次，隐患 ${d.hazardsFound} 项，处罚 ${d.penalties} 起${d.flagged ? ' ⚠ 只检查不处罚' : ''}`,
        );
      }
    }
    return 0;
  } finally {
    await prepared.handle.close();
  }
}
