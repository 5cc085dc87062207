import { prepareDatabase } from './bootstrap.ts';
import { auditCommand } from './cli/audit-command.ts';
import { CliError, reportFailure } from './cli/cli-output.ts';
import { EXPORT_USAGE, exportCommand } from './cli/export-command.ts';
import { IMPORT_USAGE, importCommand } from './cli/import-command.ts';
import { REMINDERS_USAGE, remindersCommand } from './cli/reminders-command.ts';
import { SCHEDULE_USAGE, scheduleCommand } from './cli/schedule-command.ts';
import { USERS_USAGE, usersCommand } from './cli/users-command.ts';
import { WORKDAYS_USAGE, workdaysCommand } from './cli/workdays-command.ts';
import { loadConfig } from './config.ts';

const USAGE = `督办 Duban 命令行: npm run -s duban -- <命令>
  import <文件> [--year] [--dry-run] [--json] [--strict]   导入任务清单
  schedule "<完成时限>" --year <年> [--from --to] [--json]   解析完成时限
  export --year <年> --period <期间> --format xlsx|docx|pdf --out <文件>   导出任务清单落实情况
  migrate                                                  把数据库迁移到最新结构
  serve                                                    启动服务（同 npm start）
  users add|list|reset-password                            用户管理
  workdays add <日期> <n> | workdays load <文件>            工作日计算（含调休）
  audit verify                                             核验审计哈希链
  reminders scan|deliver                                   立即执行提醒扫描 / 投递消息
数据库由 DATABASE_URL 选择: postgres://… 或 sqlite:<路径>（默认 sqlite:./data/duban.db）

${IMPORT_USAGE}

${SCHEDULE_USAGE}

${EXPORT_USAGE}

${USERS_USAGE}

${WORKDAYS_USAGE}

${REMINDERS_USAGE}`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'import':
      return importCommand(rest, config.DATABASE_URL);
    case 'schedule':
      return scheduleCommand(rest);
    case 'export':
      return exportCommand(rest, config.DATABASE_URL);
    case 'users':
      return usersCommand(rest, config.DATABASE_URL);
    case 'workdays':
      return workdaysCommand(rest, config.DATABASE_URL);
    case 'audit':
      return auditCommand(rest, config.DATABASE_URL);
    case 'reminders':
      return remindersCommand(rest, config);
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
