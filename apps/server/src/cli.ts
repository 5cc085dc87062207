import { prepareDatabase } from './bootstrap.ts';
import { auditCommand } from './cli/audit-command.ts';
import { BACKUP_USAGE, backupCommand, RESTORE_USAGE, restoreCommand } from './cli/backup-command.ts';
import { CliError, reportFailure } from './cli/cli-output.ts';
import { ENTERPRISES_USAGE, enterprisesCommand } from './cli/enterprises-command.ts';
import { EXPORT_USAGE, exportCommand } from './cli/export-command.ts';
import { HAZARDS_USAGE, hazardsCommand } from './cli/hazards-command.ts';
import { IMPORT_USAGE, importCommand } from './cli/import-command.ts';
import { DRAW_USAGE, drawCommand, INSPECTIONS_USAGE, inspectionsCommand } from './cli/inspections-command.ts';
import { REMINDERS_USAGE, remindersCommand } from './cli/reminders-command.ts';
import { SCHEDULE_USAGE, scheduleCommand } from './cli/schedule-command.ts';
import { UNITS_USAGE, unitsCommand } from './cli/units-command.ts';
import { USERS_USAGE, usersCommand } from './cli/users-command.ts';
import { WORKDAYS_USAGE, workdaysCommand } from './cli/workdays-command.ts';
import { loadConfig } from './config.ts';

const USAGE = `督办 Duban 命令行: npm run -s duban -- <命令>
  import <文件> [--year] [--dry-run] [--json] [--strict]   导入任务清单
  schedule "<完成时限>" --year <年> [--from --to] [--json]   解析完成时限
  export --year <年> --period <期间> --format xlsx|docx|pdf --out <文件>   导出任务清单落实情况
  enterprises check-code <代码> | enterprises import <文件>   信用代码校验 / 导入企业名录
  migrate                                                  把数据库迁移到最新结构
  serve                                                    启动服务（同 npm start）
  users add|list|reset-password                            用户管理
  units add|list                                           单位（省、市、县区、开发区）管理
  workdays add <日期> <n> | workdays load <文件>            工作日计算（含调休）
  audit verify                                             核验审计哈希链
  draw verify <编号> [--json]                               复核双随机抽查（用种子重新抽取）
  inspections stats --year <年> [--json]                    安全生产执法统计
  hazards stats --year <年> [--json] | hazards close <编号>   隐患统计 / 销号（须有通过的验收）
  reminders scan|deliver                                   立即执行提醒扫描 / 投递消息
  backup <目录> | restore <目录>                            备份 / 恢复数据库与数据目录
  <命令> --help                                            某个命令的用法
数据库由 DATABASE_URL 选择: postgres://… 或 sqlite:<路径>（默认 sqlite:./data/duban.db）

${IMPORT_USAGE}

${SCHEDULE_USAGE}

${EXPORT_USAGE}

${USERS_USAGE}

${UNITS_USAGE}

${WORKDAYS_USAGE}

${REMINDERS_USAGE}

${BACKUP_USAGE}

${RESTORE_USAGE}`;

/** Each command's own usage, printed by `duban <command> --help` (exit 0). */
const COMMAND_USAGE: Record<string, string> = {
  import: IMPORT_USAGE,
  schedule: SCHEDULE_USAGE,
  export: EXPORT_USAGE,
  enterprises: ENTERPRISES_USAGE,
  hazards: HAZARDS_USAGE,
  draw: DRAW_USAGE,
  inspections: INSPECTIONS_USAGE,
  users: USERS_USAGE,
  units: UNITS_USAGE,
  workdays: WORKDAYS_USAGE,
  reminders: REMINDERS_USAGE,
  backup: BACKUP_USAGE,
  restore: RESTORE_USAGE,
  audit: '用法: duban audit verify\n  核验审计哈希链与签名检查点；完整时退出码 0，被破坏时 3 并指出第一条有问题的事件',
  migrate: '用法: duban migrate\n  把 DATABASE_URL 指向的数据库迁移到最新结构（已是最新时不做任何事）',
  serve: '用法: duban serve\n  只启动服务（同 npm start，但不构建前端）；PORT、HOST、DATABASE_URL、DATA_DIR 见 README',
};

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command && (rest.includes('--help') || rest.includes('-h')) && COMMAND_USAGE[command]) {
    console.log(COMMAND_USAGE[command]);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'import':
      return importCommand(rest, config.DATABASE_URL);
    case 'schedule':
      return scheduleCommand(rest);
    case 'export':
      return exportCommand(rest, config.DATABASE_URL);
    case 'enterprises':
      return enterprisesCommand(rest, config.DATABASE_URL);
    case 'hazards':
      return hazardsCommand(rest, config);
    case 'users':
      return usersCommand(rest, config.DATABASE_URL);
    case 'units':
      return unitsCommand(rest, config.DATABASE_URL);
    case 'workdays':
      return workdaysCommand(rest, config.DATABASE_URL);
    case 'draw':
      return drawCommand(rest, config.DATABASE_URL);
    case 'inspections':
      return inspectionsCommand(rest, config.DATABASE_URL);
    case 'audit':
      return auditCommand(rest, config.DATABASE_URL);
    case 'reminders':
      return remindersCommand(rest, config);
    case 'backup':
      return backupCommand(rest, config.DATABASE_URL);
    case 'restore':
      return restoreCommand(rest, config.DATABASE_URL);
    case 'migrate': {
      const prepared = await prepareDatabase(config.DATABASE_URL);
      await prepared.handle.close();
      console.log(prepared.migrated.length > 0 ? `已迁移: ${prepared.migrated.join(', ')}` : '数据库已是最新结构。');
      return 0;
    }
    case 'serve':
      await import('./main.ts');
      return -1;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new CliError(`未知命令 “${command}”\n${USAGE}`, 2);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportFailure(error);
  },
);
