import { prepareDatabase } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import { runDeliveries } from '../modules/notifications/run-deliveries.ts';
import { createMailSender } from '../modules/notifications/senders/mail-sender.ts';
import { runReminderScan } from '../modules/reminders/run-reminder-scan.ts';
import { CliError, printJson } from './cli-output.ts';

export const REMINDERS_USAGE = `用法:
  duban reminders scan [--at <时间>] [--no-deliver] [--json]   立即执行一次提醒扫描（催办、督办单、约谈按策略自动生成），
                                                             随后投递消息；--at 模拟某一时刻（如 2024-03-24T09:00+08:00）
  duban reminders deliver [--json]                           立即投递待发送的消息（邮件、群机器人、Webhook）
每个提醒步骤只执行一次：重复运行、多个实例同时运行都不会重复发送。`;

export async function remindersCommand(argv: string[], config: Config): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'scan' && sub !== 'deliver') throw new CliError(REMINDERS_USAGE, 2);
  const json = rest.includes('--json');
  const atIndex = rest.indexOf('--at');
  const at = atIndex >= 0 ? rest[atIndex + 1] : undefined;
  const now = at === undefined ? new Date() : new Date(at);
  if (atIndex >= 0 && (at === undefined || Number.isNaN(now.getTime()))) {
    throw new CliError(`--at 应为时间，如 2024-03-24T09:00+08:00\n${REMINDERS_USAGE}`, 2);
  }
  const prepared = await prepareDatabase(config.DATABASE_URL);
  const mail = config.SMTP_URL ? createMailSender(config.SMTP_URL, config.MAIL_FROM) : null;
  try {
    const db = prepared.handle.db;
    const scan = sub === 'scan' ? await runReminderScan(db, { now }) : null;
    const deliver =
      sub === 'deliver' || !rest.includes('--no-deliver') ? await runDeliveries(db, { now, senders: { mail } }) : null;
    if (json) {
      printJson({ scan, deliver });
    } else {
      if (scan) {
        console.log(
          `提醒扫描（${Object.values(scan.scanDates).join('、') || '无专项行动'}）：执行 ${scan.sent} 步，跳过 ${scan.skipped} 步；` +
            `站内通知 ${scan.compose.notifications} 条，待投递 ${scan.compose.deliveries} 条。`,
        );
        for (const problem of scan.problems) console.log(`  注意: ${problem}`);
      }
      if (deliver) {
        console.log(
          `投递：成功 ${deliver.sent}，待重试 ${deliver.retried}，失败 ${deliver.failed}，取消 ${deliver.cancelled}，免打扰顺延 ${deliver.deferred}。`,
        );
      }
    }
    return 0;
  } finally {
    mail?.close();
    await prepared.handle.close();
  }
}
