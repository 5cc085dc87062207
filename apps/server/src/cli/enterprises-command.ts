import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkCreditCode } from '@duban/shared/credit-code';
import { prepareDatabase } from '../bootstrap.ts';
import type { EnterpriseActingScope } from '../modules/enterprises/enterprises.policy.ts';
import {
  commitEnterpriseImport,
  planEnterpriseImport,
  presentImportPlan,
} from '../modules/enterprises/import-enterprises.ts';
import { CliError, printJson } from './cli-output.ts';

export const ENTERPRISES_USAGE = `用法: duban enterprises check-code <统一社会信用代码> [--json]
       duban enterprises import <文件.xlsx|.csv> [--dry-run] [--json]
  check-code  按 GB 32100 校验统一社会信用代码（第18位校验位）；有效时退出码 0，无效时 1，
              --json 输出 {"code","valid","expected","message"}
  import      导入企业名录（表头同义词、合并单元格、GBK 编码 CSV）；每一行要么导入、要么列入 problems；
              同一信用代码重复出现的各行都列入 problems、都不导入；全部在一个事务中写入
  --dry-run   只读取并报告，不写入企业数据
  --json      以一个 JSON 对象输出：{"enterprises":[{"name","creditCode","industries","orgUnit","supervisors":[{"department","role"}],…}],"problems":[{"row","message"}],…}`;

export async function enterprisesCommand(argv: string[], databaseUrl: string): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'check-code') return checkCodeCommand(rest);
  if (sub === 'import') return importEnterprisesCommand(rest, databaseUrl);
  throw new CliError(`未知子命令 “${sub ?? ''}”\n${ENTERPRISES_USAGE}`, 2);
}

function checkCodeCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new CliError(`需要且只需要一个信用代码参数\n${ENTERPRISES_USAGE}`, 2);
  const check = checkCreditCode(positionals[0] as string);
  if (values.json) {
    printJson({ code: check.code, valid: check.valid, expected: check.expected, message: check.message });
  } else {
    console.log(check.valid ? `${check.code} 有效` : `${check.code} 无效：${check.message}`);
  }
  return check.valid ? 0 : 1;
}

async function importEnterprisesCommand(argv: string[], databaseUrl: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(`需要且只需要一个文件参数\n${ENTERPRISES_USAGE}`, 2);
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`找不到文件: ${file}`);
  const bytes = readFileSync(file);
  const prepared = await prepareDatabase(databaseUrl);
  try {
    const { db } = prepared.handle;
    const scope: EnterpriseActingScope = {
      orgUnitId: prepared.scope.orgUnitId,
      departmentId: null,
      enterpriseId: null,
      userId: 0,
      actor: 'cli',
    };
    const plan = await planEnterpriseImport(db, scope.orgUnitId, bytes, basename(file));
    const dryRun = values['dry-run'] ?? false;
    const counts = dryRun ? undefined : await commitEnterpriseImport(db, scope, plan);
    const out = presentImportPlan(plan, dryRun, counts);
    if (values.json) printJson(out);
    else {
      console.log(
        `${dryRun ? '预览（未写入）' : '已导入'}: ${out.enterprises.length} 家企业可导入` +
          `（新增 ${out.created}，更新 ${out.updated}，无变化 ${out.unchanged}），${out.problems.length} 个问题`,
      );
      for (const p of out.problems) console.log(`  第 ${p.row} 行: ${p.message}`);
    }
    return 0;
  } finally {
    await prepared.handle.close();
  }
}
